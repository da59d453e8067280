"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TwilioStandIn = void 0;
const node_events_1 = require("node:events");
const node_http_1 = require("node:http");
const twilio_delivery_1 = require("./twilio-delivery");
const twilio_message_1 = require("./twilio-message");
const twilio_webhook_params_1 = require("./twilio-webhook-params");
const twilio_webhook_sender_1 = require("./twilio-webhook-sender");
const twilio_wire_1 = require("./twilio-wire");
const FAULT_ERRORS = {
    'server-error': 'serverError',
    unavailable: 'unavailable',
    'rate-limit': 'tooManyRequests',
};
// Twilio's default opt-out and opt-in keywords (https://help.twilio.com/articles/223134027).
const STOP_KEYWORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']);
const START_KEYWORDS = new Set(['START', 'YES', 'UNSTOP']);
const ANY_SENDER = '*';
class TwilioStandIn {
    accountSid;
    authToken;
    inboundWebhookUrl;
    callbackDelayMs;
    callbackMode;
    stopKeywordsOptOut;
    /** Every message, outbound and inbound, by sid. */
    messages = new Map();
    /** Outbound messages the API accepted, in order. */
    created = [];
    callbacks = [];
    inbound = [];
    calls = { create: 0, fetch: 0, list: 0, account: 0 };
    server = null;
    port = 0;
    faults = { create: [], fetch: [], list: [], account: [] };
    outcomes = new Map();
    defaultOutcome = twilio_delivery_1.DELIVERED;
    rejected = new Map();
    optOuts = new Set();
    ownedNumbers;
    serviceSender;
    hung = new Set();
    pending = new Set();
    timers = new Set();
    cancel = unlimitedAbortController();
    generation = 0;
    constructor(options = {}) {
        this.accountSid = options.accountSid ?? (0, twilio_wire_1.sid)('AC');
        this.authToken = options.authToken ?? (0, twilio_wire_1.sid)('PN').slice(2);
        this.inboundWebhookUrl = options.inboundWebhookUrl ?? null;
        this.callbackDelayMs = options.callbackDelayMs ?? 10;
        this.callbackMode = options.callbackMode ?? 'auto';
        this.stopKeywordsOptOut = options.stopKeywordsOptOut ?? false;
        this.ownedNumbers = options.ownedNumbers ? new Set(options.ownedNumbers) : null;
        this.serviceSender = options.serviceSender ?? '+15005550006';
    }
    get url() {
        if (!this.server)
            throw new Error('The Twilio stand-in is not started');
        return `http://127.0.0.1:${this.port}`;
    }
    async start(port = 0) {
        const server = (0, node_http_1.createServer)((req, res) => this.handle(req, res));
        server.keepAliveTimeout = 65_000;
        await new Promise((resolve, reject) => {
            server.once('error', reject);
            server.listen(port, '127.0.0.1', () => resolve());
        });
        this.server = server;
        this.port = server.address().port;
        return this;
    }
    async stop() {
        this.abandonWork();
        const server = this.server;
        this.server = null;
        if (!server)
            return;
        server.closeAllConnections();
        await new Promise((resolve) => server.close(() => resolve()));
    }
    /** Forgets messages, records, counters, faults, outcomes and opt-outs; settings stay. */
    reset() {
        this.abandonWork();
        this.messages.clear();
        this.created.length = 0;
        this.callbacks.length = 0;
        this.inbound.length = 0;
        for (const key of Object.keys(this.calls)) {
            this.calls[key] = 0;
            this.faults[key] = [];
        }
        this.outcomes.clear();
        this.defaultOutcome = twilio_delivery_1.DELIVERED;
        this.rejected.clear();
        this.optOuts.clear();
    }
    // ---- shaping outcomes -------------------------------------------------------------------
    /** What happens to messages sent to `to` after they are accepted (default: delivered). */
    setOutcome(to, outcome) {
        this.outcomes.set(to, outcome);
    }
    setDefaultOutcome(outcome) {
        this.defaultOutcome = outcome;
    }
    /** Makes creates to `to` fail as the real API would for a bad number: 21211 (invalid) or 21614 (not mobile). */
    rejectRecipient(to, reason = 'invalid') {
        this.rejected.set(to, reason === 'invalid' ? 'invalidTo' : 'notMobile');
    }
    /** Marks `recipient` unsubscribed from `sender` (a number or MG sid; default every sender): creates get 21610. */
    optOut(recipient, sender = ANY_SENDER) {
        this.optOuts.add(`${sender}|${recipient}`);
    }
    /** Lifts one pair, or every opt-out of `recipient` when no sender is named. */
    optIn(recipient, sender) {
        if (sender)
            return void this.optOuts.delete(`${sender}|${recipient}`);
        for (const key of [...this.optOuts])
            if (key.endsWith(`|${recipient}`))
                this.optOuts.delete(key);
    }
    isOptedOut(recipient, sender = ANY_SENDER) {
        return this.optOuts.has(`${ANY_SENDER}|${recipient}`) || this.optOuts.has(`${sender}|${recipient}`);
    }
    /** The next `count` calls to `endpoint` (default create) answer with `fault` instead. */
    failNext(count, fault, endpoint = 'create') {
        for (let i = 0; i < count; i++)
            this.faults[endpoint].push(fault);
    }
    // ---- status callbacks -------------------------------------------------------------------
    /**
     * Sets a message's status and posts its status callback now (any status, in any order: tests of
     * out-of-order callbacks need that). Without a status, plays the configured outcome's remaining
     * steps at once. Resolves with the callbacks posted.
     */
    async deliverNow(messageSid, status, errorCode) {
        const message = this.messages.get(messageSid);
        if (!message)
            throw new Error(`The Twilio stand-in holds no message ${messageSid}`);
        const steps = status
            ? [{ status, errorCode: errorCode ?? null }]
            : (0, twilio_delivery_1.deliverySteps)(this.outcomeFor(message.to), !!message.messagingServiceSid).filter((s) => !isPast(message.status, s.status));
        const records = [];
        for (const step of steps) {
            const record = await this.track(this.transition(message, step.status, step.errorCode));
            if (record)
                records.push(record);
        }
        return records;
    }
    /** Resolves once every scheduled callback has been posted and answered. */
    async settled() {
        while (this.pending.size > 0)
            await Promise.allSettled([...this.pending]);
    }
    /** Waits until the callback of `messageSid` reporting `status` has been answered (polls; for tests). */
    async waitForCallback(messageSid, status, timeoutMs = 5000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const found = this.callbacks.find((c) => c.sid === messageSid && c.status === status);
            if (found && (found.responseStatus !== null || found.error !== undefined))
                return found;
            if (Date.now() > deadline)
                throw new Error(`No "${status}" callback for ${messageSid} within ${timeoutMs} ms`);
            await new Promise((resolve) => setTimeout(resolve, 5));
        }
    }
    // ---- inbound messages -------------------------------------------------------------------
    /** Posts an inbound SMS webhook, signed (or `forged`/`unsigned` per `signing`), and returns the answer. */
    async sendInbound(sms) {
        const url = sms.url ?? this.inboundWebhookUrl;
        if (!url)
            throw new Error('The Twilio stand-in has no inbound webhook URL');
        const now = new Date();
        const message = {
            sid: sms.messageSid ?? (0, twilio_wire_1.sid)('SM'),
            accountSid: this.accountSid,
            messagingServiceSid: sms.messagingServiceSid ?? null,
            direction: 'inbound',
            from: sms.from,
            to: sms.to,
            body: sms.body,
            status: 'received',
            errorCode: null,
            errorMessage: null,
            numSegments: (0, twilio_wire_1.segmentCount)(sms.body),
            statusCallback: null,
            dateCreated: now,
            dateUpdated: now,
            dateSent: now,
        };
        this.messages.set(message.sid, message);
        this.applyOptOutKeyword(message);
        const params = (0, twilio_webhook_params_1.inboundParams)(message);
        const response = await (0, twilio_webhook_sender_1.postWebhook)(this.authToken, url, params, sms.signing ?? 'valid', this.cancel.signal);
        const result = { ...response, messageSid: message.sid, params };
        this.inbound.push(result);
        return result;
    }
    /** The headers and body Twilio would post to `url` with `params` (to build forged or replayed requests). */
    webhookRequest(url, params, signing = 'valid') {
        return (0, twilio_webhook_sender_1.webhookRequest)(this.authToken, url, params, signing);
    }
    // ---- HTTP -------------------------------------------------------------------------------
    handle(req, res) {
        const chunks = [];
        req.on('data', (chunk) => chunks.push(chunk));
        req.on('end', () => {
            try {
                this.route(req, res, new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
            }
            catch (error) {
                send(res, 500, (0, twilio_wire_1.errorBody)('serverError', error instanceof Error ? error.message : undefined));
            }
        });
    }
    route(req, res, form) {
        const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
        const base = `/${twilio_wire_1.API_VERSION}/Accounts/`;
        const match = path.startsWith(base) ? /^(AC\w+)(?:\/Messages(?:\/(\w+))?)?\.json$/.exec(path.slice(base.length)) : null;
        if (!match)
            return send(res, 404, (0, twilio_wire_1.errorBody)('notFound'));
        const [, account, messageSid] = match;
        const endpoint = !path.includes('/Messages')
            ? req.method === 'GET' ? 'account' : null
            : messageSid
                ? req.method === 'GET' ? 'fetch' : null
                : req.method === 'POST' ? 'create' : req.method === 'GET' ? 'list' : null;
        if (!endpoint)
            return send(res, 405, { code: 20004, message: 'Method not allowed', more_info: 'https://www.twilio.com/docs/errors/20004', status: 405 });
        this.calls[endpoint]++;
        const fault = this.faults[endpoint].shift();
        if (fault === 'hang')
            return void this.hung.add(res);
        if (fault)
            return send(res, (0, twilio_wire_1.errorBody)(FAULT_ERRORS[fault]).status, (0, twilio_wire_1.errorBody)(FAULT_ERRORS[fault]));
        if (!this.authorized(req))
            return send(res, 401, (0, twilio_wire_1.errorBody)('authenticate'));
        if (account !== this.accountSid)
            return send(res, 404, (0, twilio_wire_1.errorBody)('notFound'));
        switch (endpoint) {
            case 'account':
                return send(res, 200, this.accountJson());
            case 'fetch': {
                const message = this.messages.get(messageSid);
                return message ? send(res, 200, (0, twilio_message_1.messageJson)(message)) : send(res, 404, (0, twilio_wire_1.errorBody)('notFound'));
            }
            case 'list':
                return send(res, 200, this.listJson());
            case 'create':
                return this.create(res, form);
        }
    }
    authorized(req) {
        const header = req.headers.authorization ?? '';
        if (!header.startsWith('Basic '))
            return false;
        const [user, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
        return user === this.accountSid && rest.join(':') === this.authToken;
    }
    /** POST Messages.json: validation in the order the real API reports it, then 201 with the new Message. */
    create(res, form) {
        const to = form.get('To')?.trim() ?? '';
        const from = form.get('From')?.trim() || null;
        const service = form.get('MessagingServiceSid')?.trim() || null;
        const body = form.get('Body') ?? '';
        const refusal = this.refusal(to, from, service, body);
        if (refusal)
            return send(res, (0, twilio_wire_1.errorBody)(refusal).status, (0, twilio_wire_1.errorBody)(refusal));
        const now = new Date();
        const message = {
            sid: (0, twilio_wire_1.sid)('SM'),
            accountSid: this.accountSid,
            messagingServiceSid: service,
            direction: 'outbound-api',
            from,
            to,
            body,
            status: service ? 'accepted' : 'queued',
            errorCode: null,
            errorMessage: null,
            numSegments: service ? 0 : (0, twilio_wire_1.segmentCount)(body),
            statusCallback: form.get('StatusCallback') || null,
            dateCreated: now,
            dateUpdated: now,
            dateSent: null,
        };
        this.messages.set(message.sid, message);
        this.created.push(message);
        send(res, 201, (0, twilio_message_1.messageJson)(message));
        if (this.callbackMode === 'auto')
            void this.track(this.playLifecycle(message));
    }
    refusal(to, from, service, body) {
        if (!to)
            return 'toRequired';
        if (!twilio_wire_1.E164.test(to))
            return 'invalidTo';
        const rejected = this.rejected.get(to);
        if (rejected)
            return rejected;
        if (service && !/^MG[0-9a-fA-F]{32}$/.test(service))
            return 'invalidMessagingService';
        if (!from && !service)
            return 'fromRequired';
        if (from && !twilio_wire_1.E164.test(from))
            return 'invalidFrom';
        if (from && this.ownedNumbers && !this.ownedNumbers.has(from))
            return 'fromNotOwned';
        if (!body)
            return 'bodyRequired';
        if ([...body].length > 1600)
            return 'bodyTooLong';
        if (this.isOptedOut(to, from ?? ANY_SENDER) || (service && this.isOptedOut(to, service)))
            return 'unsubscribed';
        return null;
    }
    // ---- lifecycle --------------------------------------------------------------------------
    async playLifecycle(message) {
        const generation = this.generation;
        for (const step of (0, twilio_delivery_1.deliverySteps)(this.outcomeFor(message.to), !!message.messagingServiceSid)) {
            await this.sleep(this.callbackDelayMs);
            if (generation !== this.generation || isPast(message.status, step.status))
                return;
            await this.transition(message, step.status, step.errorCode);
        }
    }
    async transition(message, status, errorCode) {
        const now = new Date();
        message.status = status;
        message.dateUpdated = now;
        if (status === 'queued' && !message.from)
            message.from = this.serviceSender;
        if (status === 'queued' || status === 'sent')
            message.numSegments = (0, twilio_wire_1.segmentCount)(message.body);
        if (status === 'sent')
            message.dateSent = now;
        message.errorCode = errorCode;
        message.errorMessage = errorCode !== null ? (twilio_wire_1.DELIVERY_ERRORS[errorCode] ?? 'Unknown error') : null;
        if (!message.statusCallback)
            return null;
        const params = (0, twilio_webhook_params_1.statusCallbackParams)(message, now);
        const record = { sid: message.sid, url: message.statusCallback, status, errorCode, params, responseStatus: null };
        this.callbacks.push(record);
        try {
            record.responseStatus = (await (0, twilio_webhook_sender_1.postWebhook)(this.authToken, message.statusCallback, params, 'valid', this.cancel.signal)).status;
        }
        catch (error) {
            record.error = error instanceof Error ? error.message : String(error);
        }
        return record;
    }
    outcomeFor(to) {
        return this.outcomes.get(to) ?? this.defaultOutcome;
    }
    applyOptOutKeyword(message) {
        if (!this.stopKeywordsOptOut || !message.from)
            return;
        const word = message.body.trim().toUpperCase();
        const senders = [message.to, ...(message.messagingServiceSid ? [message.messagingServiceSid] : [])];
        if (STOP_KEYWORDS.has(word))
            senders.forEach((s) => this.optOut(message.from, s));
        if (START_KEYWORDS.has(word))
            senders.forEach((s) => this.optIn(message.from, s));
    }
    // ---- plumbing ---------------------------------------------------------------------------
    track(work) {
        this.pending.add(work);
        void work.finally(() => this.pending.delete(work)).catch(() => undefined);
        return work;
    }
    sleep(ms) {
        return new Promise((resolve) => {
            const timer = setTimeout(() => {
                this.timers.delete(timer);
                resolve();
            }, ms);
            this.timers.add(timer);
        });
    }
    /** Cancels scheduled callbacks and in-flight webhooks, and drops hung requests. */
    abandonWork() {
        this.generation++;
        for (const timer of this.timers)
            clearTimeout(timer);
        this.timers.clear();
        this.pending.clear();
        this.cancel.abort();
        this.cancel = unlimitedAbortController();
        for (const res of this.hung)
            res.socket?.destroy();
        this.hung.clear();
    }
    accountJson() {
        const uri = `/${twilio_wire_1.API_VERSION}/Accounts/${this.accountSid}.json`;
        const created = (0, twilio_wire_1.rfc2822)(new Date(0));
        return {
            sid: this.accountSid,
            owner_account_sid: this.accountSid,
            friendly_name: 'sms-crm-sync stand-in',
            status: 'active',
            type: 'Full',
            date_created: created,
            date_updated: created,
            uri,
            subresource_uris: { messages: uri.replace(/\.json$/, '/Messages.json') },
        };
    }
    listJson() {
        const uri = `/${twilio_wire_1.API_VERSION}/Accounts/${this.accountSid}/Messages.json?PageSize=1000&Page=0`;
        const messages = [...this.messages.values()].reverse().slice(0, 1000);
        return {
            messages: messages.map(twilio_message_1.messageJson),
            uri,
            first_page_uri: uri,
            next_page_uri: null,
            previous_page_uri: null,
            page: 0,
            page_size: 1000,
            start: 0,
            end: Math.max(messages.length - 1, 0),
        };
    }
}
exports.TwilioStandIn = TwilioStandIn;
/** One controller cancels every in-flight webhook (thousands in a benchmark): no listener limit. */
function unlimitedAbortController() {
    const controller = new AbortController();
    (0, node_events_1.setMaxListeners)(0, controller.signal);
    return controller;
}
const ORDER = ['accepted', 'queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed'];
/** True when `current` is already at or beyond `next` (a final status is beyond everything). */
function isPast(current, next) {
    if (['delivered', 'undelivered', 'failed'].includes(current))
        return true;
    return ORDER.indexOf(current) >= ORDER.indexOf(next);
}
function send(res, status, body) {
    const json = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) });
    res.end(json);
}
//# sourceMappingURL=twilio-stand-in.js.map