"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TwilioHttpClient = void 0;
const node_http_1 = require("node:http");
const node_https_1 = require("node:https");
const twilio_1 = __importDefault(require("twilio"));
const response_1 = __importDefault(require("twilio/lib/http/response"));
/** Backoff of a 429 retry, as the SDK's own: full jitter over min(cap, 100 ms × 2^attempt). */
const INITIAL_RETRY_MS = 100;
const MAX_RETRY_DELAY_MS = 1000;
/**
 * The twilio SDK's HTTP client (passed as `httpClient`): the SDK still builds every request and
 * reads every answer (RestException, paging); this class only carries them.
 *
 * - The SDK has no base-URL option (STACK.md): every request's `opts.uri` is rewritten onto
 *   TWILIO_API_BASE_URL, keeping the path and query the SDK built.
 * - It sends with node:http(s) and keep-alive agents instead of the SDK's axios instance, which
 *   cost about a tenth of the service's CPU per send (bench/send.ts profile). It keeps what the
 *   SDK's client does that we rely on: Basic auth (or the SDK's auth strategy), form or JSON bodies,
 *   `Connection: keep-alive`, the timeout (failing with ECONNABORTED, as axios did), no redirects,
 *   every status returned to the SDK, and the retry of a 429 with jittered backoff. The HTTPS agent
 *   is the SDK's own (CA bundle, HTTP_PROXY).
 */
class TwilioHttpClient extends twilio_1.default.RequestClient {
    base;
    timeoutMs;
    retries;
    httpAgent = new node_http_1.Agent({ keepAlive: true, maxSockets: 64 });
    constructor(options) {
        super({ timeout: options.timeoutMs, keepAlive: true });
        this.base = options.apiBaseUrl.replace(/\/+$/, '');
        this.timeoutMs = options.timeoutMs;
        this.retries = Math.max(options.rateLimitRetries, 0);
    }
    async request(opts) {
        if (!opts.method)
            throw new Error('http method is required');
        if (!opts.uri)
            throw new Error('uri is required');
        const original = new URL(opts.uri);
        const target = new URL(this.base + original.pathname + original.search);
        if (opts.params)
            for (const [key, value] of formEntries(opts.params))
                target.searchParams.append(key, value);
        const headers = { ...opts.headers };
        if (!headers.Connection && !headers.connection)
            headers.Connection = 'keep-alive';
        if (opts.username && opts.password)
            headers.Authorization = 'Basic ' + Buffer.from(`${opts.username}:${opts.password}`).toString('base64');
        else if (opts.authStrategy)
            headers.Authorization = await opts.authStrategy.getAuthString();
        let body;
        if (opts.data !== undefined && opts.data !== null) {
            if (headers['Content-Type'] === 'application/x-www-form-urlencoded')
                body = new URLSearchParams(formEntries(opts.data)).toString();
            else if (headers['Content-Type'] === 'application/json')
                body = JSON.stringify(opts.data);
        }
        if (body !== undefined)
            headers['Content-Length'] = String(Buffer.byteLength(body));
        const timeoutMs = opts.timeout ?? this.timeoutMs;
        for (let attempt = 1;; attempt++) {
            const answer = await this.send(target, opts.method.toUpperCase(), headers, body, timeoutMs);
            if (answer.statusCode !== 429 || attempt > this.retries)
                return new response_1.default(answer.statusCode, parseBody(answer.text), answer.headers);
            const delay = Math.floor(Math.min(MAX_RETRY_DELAY_MS, INITIAL_RETRY_MS * 2 ** attempt) * Math.random());
            await new Promise((resolve) => setTimeout(resolve, delay));
        }
    }
    send(target, method, headers, body, timeoutMs) {
        return new Promise((resolve, reject) => {
            const https = target.protocol === 'https:';
            const agent = https ? this.axios.defaults.httpsAgent : this.httpAgent;
            const req = (https ? node_https_1.request : node_http_1.request)(target, { method, headers, agent }, (res) => {
                const chunks = [];
                res.on('data', (chunk) => chunks.push(chunk));
                res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
                res.on('error', reject);
            });
            req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error(`timeout of ${timeoutMs}ms exceeded`), { code: 'ECONNABORTED' })));
            req.on('error', reject);
            req.end(body);
        });
    }
}
exports.TwilioHttpClient = TwilioHttpClient;
/** Form fields as the SDK's client encodes them: arrays repeat their key, undefined is left out. */
function formEntries(data) {
    const entries = [];
    for (const [key, value] of Object.entries(data)) {
        if (value === undefined)
            continue;
        for (const item of Array.isArray(value) ? value : [value])
            entries.push([key, item instanceof Date ? item.toISOString() : String(item)]);
    }
    return entries;
}
/** JSON when it parses (the SDK's client did the same), the text otherwise (an HTML error page). */
function parseBody(text) {
    try {
        return text ? JSON.parse(text) : text;
    }
    catch {
        return text;
    }
}
//# sourceMappingURL=twilio-http-client.js.map