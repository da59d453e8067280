"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.twilioSignature = twilioSignature;
exports.webhookRequest = webhookRequest;
exports.postWebhook = postWebhook;
const node_crypto_1 = require("node:crypto");
const node_http_1 = require("node:http");
const node_https_1 = require("node:https");
const twilio_1 = __importDefault(require("twilio"));
const WEBHOOK_TIMEOUT_MS = 15_000;
const FORGED_TOKEN = 'not-the-auth-token-of-this-account';
const HTTP_AGENT = new node_http_1.Agent({ keepAlive: true, maxSockets: 64 });
const HTTPS_AGENT = new node_https_1.Agent({ keepAlive: true, maxSockets: 64 });
function twilioSignature(authToken, url, params) {
    return twilio_1.default.getExpectedTwilioSignature(authToken, url, params);
}
/** The headers and body Twilio would send; `forged` signs with another token, `unsigned` omits the header. */
function webhookRequest(authToken, url, params, signing = 'valid') {
    const headers = {
        'Content-Type': 'application/x-www-form-urlencoded',
        'User-Agent': 'TwilioProxy/1.1',
        'I-Twilio-Idempotency-Token': (0, node_crypto_1.randomUUID)(),
    };
    if (signing !== 'unsigned') {
        headers['X-Twilio-Signature'] = twilioSignature(signing === 'valid' ? authToken : FORGED_TOKEN, url, params);
    }
    return { headers, body: new URLSearchParams(params).toString() };
}
/**
 * Posts over node's http/https with keep-alive agents (cheaper than fetch when a benchmark makes
 * thousands of callbacks); `cancel` aborts it when the stand-in stops or resets.
 */
function postWebhook(authToken, url, params, signing = 'valid', cancel) {
    const { headers, body } = webhookRequest(authToken, url, params, signing);
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const send = secure ? node_https_1.request : node_http_1.request;
    return new Promise((resolve, reject) => {
        const req = send(target, {
            method: 'POST',
            agent: secure ? HTTPS_AGENT : HTTP_AGENT,
            headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
            signal: cancel,
        }, (res) => {
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('end', () => {
                const contentType = res.headers['content-type'] ?? null;
                resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), contentType });
            });
            res.on('error', reject);
        });
        req.setTimeout(WEBHOOK_TIMEOUT_MS, () => req.destroy(new Error(`No answer within ${WEBHOOK_TIMEOUT_MS} ms`)));
        req.on('error', reject);
        req.end(body);
    });
}
//# sourceMappingURL=twilio-webhook-sender.js.map