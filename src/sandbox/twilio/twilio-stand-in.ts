import { setMaxListeners } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DELIVERED, DeliveryOutcome, deliverySteps } from './twilio-delivery';
import { messageJson, StandInMessage } from './twilio-message';
import { listPage, parseListQuery } from './twilio-message-list';
import { inboundParams, statusCallbackParams } from './twilio-webhook-params';
import { postWebhook, Signing, webhookRequest, WebhookResponse } from './twilio-webhook-sender';
import { API_VERSION, DELIVERY_ERRORS, E164, errorBody, rfc2822, segmentCount, sid, TwilioErrorName } from './twilio-wire';

/**
 * A Twilio stand-in: a real HTTP server on 127.0.0.1 that the real twilio SDK talks to (through
 * TWILIO_API_BASE_URL). It speaks the 2010-04-01 Messages API (create, fetch, list) and the
 * Account fetch with Basic auth, posts signed status callbacks and inbound-message webhooks, and
 * lets tests shape outcomes, opt-outs and faults. Sandbox mode and the benchmarks use it too.
 */
export interface TwilioStandInOptions {
  accountSid?: string;
  authToken?: string;
  /** Where `sendInbound` posts (the service's `/webhooks/twilio/sms`). */
  inboundWebhookUrl?: string;
  /** Delay before each status callback in auto mode; default 10 ms. */
  callbackDelayMs?: number;
  /** `auto` plays each message's lifecycle by itself; `manual` waits for `deliverNow`. Default auto. */
  callbackMode?: 'auto' | 'manual';
  /** Like Advanced Opt-Out with its defaults: an inbound STOP blocks the pair (21610), START lifts it. Default off. */
  stopKeywordsOptOut?: boolean;
  /** When given, `From` must be one of these (else 21606), as on an account that owns only these numbers. */
  ownedNumbers?: string[];
  /** The sender a Messaging Service picks when a create names no `From`. */
  serviceSender?: string;
}

export type Endpoint = 'create' | 'fetch' | 'list' | 'account';
/**
 * `server-error` 500 (20500), `unavailable` 503 (20503), `rate-limit` 429 (20429), `hang`: never
 * answers and does nothing. "Accepted, but the answer is lost": the call is carried out (a create
 * makes the message, which then lives its life: callbacks, delivery), but its answer never reaches
 * the caller — `answer-lost` drops the connection at once (the SDK sees a reset socket),
 * `answer-lost-hang` holds it open without a word until the caller gives up or the stand-in stops.
 */
export type Fault = 'server-error' | 'unavailable' | 'rate-limit' | 'hang' | 'answer-lost' | 'answer-lost-hang';

export interface CallbackRecord {
  sid: string;
  url: string;
  status: string;
  errorCode: number | null;
  params: Record<string, string>;
  /** The service's answer; null while in flight or when the request itself failed (`error` says why). */
  responseStatus: number | null;
  error?: string;
}

export interface InboundResult extends WebhookResponse {
  messageSid: string;
  params: Record<string, string>;
}

export interface InboundSms {
  from: string;
  to: string;
  body: string;
  messageSid?: string;
  messagingServiceSid?: string;
  /** Overrides the configured inbound webhook URL. */
  url?: string;
  signing?: Signing;
}

const FAULT_ERRORS: Record<Exclude<Fault, 'hang' | 'answer-lost' | 'answer-lost-hang'>, TwilioErrorName> = {
  'server-error': 'serverError',
  unavailable: 'unavailable',
  'rate-limit': 'tooManyRequests',
};
// Twilio's default opt-out and opt-in keywords (https://help.twilio.com/articles/223134027).
const STOP_KEYWORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']);
const START_KEYWORDS = new Set(['START', 'YES', 'UNSTOP']);
const ANY_SENDER = '*';

export class TwilioStandIn {
  readonly accountSid: string;
  readonly authToken: string;
  inboundWebhookUrl: string | null;
  callbackDelayMs: number;
  callbackMode: 'auto' | 'manual';
  stopKeywordsOptOut: boolean;
  /**
   * Status callbacks are lost on the way (recorded with `error: 'lost'`, never posted), as when the
   * service is down or unreachable while Twilio calls: the message's status still moves on here.
   */
  callbacksLost = false;

  /** Every message, outbound and inbound, by sid. */
  readonly messages = new Map<string, StandInMessage>();
  /** Outbound messages the API accepted, in order. */
  readonly created: StandInMessage[] = [];
  readonly callbacks: CallbackRecord[] = [];
  readonly inbound: InboundResult[] = [];
  readonly calls: Record<Endpoint, number> = { create: 0, fetch: 0, list: 0, account: 0 };

  private server: Server | null = null;
  private port = 0;
  private readonly faults: Record<Endpoint, Fault[]> = { create: [], fetch: [], list: [], account: [] };
  private readonly outcomes = new Map<string, DeliveryOutcome>();
  private defaultOutcome: DeliveryOutcome = DELIVERED;
  private readonly rejected = new Map<string, TwilioErrorName>();
  private readonly optOuts = new Set<string>();
  private readonly ownedNumbers: Set<string> | null;
  private readonly serviceSender: string;
  private readonly hung = new Set<ServerResponse>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private cancel = unlimitedAbortController();
  private generation = 0;

  constructor(options: TwilioStandInOptions = {}) {
    this.accountSid = options.accountSid ?? sid('AC');
    this.authToken = options.authToken ?? sid('PN').slice(2);
    this.inboundWebhookUrl = options.inboundWebhookUrl ?? null;
    this.callbackDelayMs = options.callbackDelayMs ?? 10;
    this.callbackMode = options.callbackMode ?? 'auto';
    this.stopKeywordsOptOut = options.stopKeywordsOptOut ?? false;
    this.ownedNumbers = options.ownedNumbers ? new Set(options.ownedNumbers) : null;
    this.serviceSender = options.serviceSender ?? '+15005550006';
  }

  get url(): string {
    if (!this.server) throw new Error('The Twilio stand-in is not started');
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<this> {
    const server = createServer((req, res) => this.handle(req, res));
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.abandonWork();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Forgets messages, records, counters, faults, outcomes and opt-outs; settings stay. */
  reset(): void {
    this.abandonWork();
    this.messages.clear();
    this.created.length = 0;
    this.callbacks.length = 0;
    this.inbound.length = 0;
    for (const key of Object.keys(this.calls) as Endpoint[]) {
      this.calls[key] = 0;
      this.faults[key] = [];
    }
    this.outcomes.clear();
    this.defaultOutcome = DELIVERED;
    this.rejected.clear();
    this.optOuts.clear();
    this.callbacksLost = false;
  }

  // ---- shaping outcomes -------------------------------------------------------------------

  /** What happens to messages sent to `to` after they are accepted (default: delivered). */
  setOutcome(to: string, outcome: DeliveryOutcome): void {
    this.outcomes.set(to, outcome);
  }

  setDefaultOutcome(outcome: DeliveryOutcome): void {
    this.defaultOutcome = outcome;
  }

  /** Makes creates to `to` fail as the real API would for a bad number: 21211 (invalid) or 21614 (not mobile). */
  rejectRecipient(to: string, reason: 'invalid' | 'not-mobile' = 'invalid'): void {
    this.rejected.set(to, reason === 'invalid' ? 'invalidTo' : 'notMobile');
  }

  /** Marks `recipient` unsubscribed from `sender` (a number or MG sid; default every sender): creates get 21610. */
  optOut(recipient: string, sender: string = ANY_SENDER): void {
    this.optOuts.add(`${sender}|${recipient}`);
  }

  /** Lifts one pair, or every opt-out of `recipient` when no sender is named. */
  optIn(recipient: string, sender?: string): void {
    if (sender) return void this.optOuts.delete(`${sender}|${recipient}`);
    for (const key of [...this.optOuts]) if (key.endsWith(`|${recipient}`)) this.optOuts.delete(key);
  }

  isOptedOut(recipient: string, sender: string = ANY_SENDER): boolean {
    return this.optOuts.has(`${ANY_SENDER}|${recipient}`) || this.optOuts.has(`${sender}|${recipient}`);
  }

  /** The next `count` calls to `endpoint` (default create) answer with `fault` instead. */
  failNext(count: number, fault: Fault, endpoint: Endpoint = 'create'): void {
    for (let i = 0; i < count; i++) this.faults[endpoint].push(fault);
  }

  // ---- status callbacks -------------------------------------------------------------------

  /**
   * Sets a message's status and posts its status callback now (any status, in any order: tests of
   * out-of-order callbacks need that). Without a status, plays the configured outcome's remaining
   * steps at once. Resolves with the callbacks posted.
   */
  async deliverNow(messageSid: string, status?: string, errorCode?: number): Promise<CallbackRecord[]> {
    const message = this.messages.get(messageSid);
    if (!message) throw new Error(`The Twilio stand-in holds no message ${messageSid}`);
    const steps = status
      ? [{ status, errorCode: errorCode ?? null }]
      : deliverySteps(this.outcomeFor(message.to), !!message.messagingServiceSid).filter((s) => !isPast(message.status, s.status));
    const records: CallbackRecord[] = [];
    for (const step of steps) {
      const record = await this.track(this.transition(message, step.status, step.errorCode));
      if (record) records.push(record);
    }
    return records;
  }

  /** Resolves once every scheduled callback has been posted and answered. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Waits until the callback of `messageSid` reporting `status` has been answered (polls; for tests). */
  async waitForCallback(messageSid: string, status: string, timeoutMs = 5000): Promise<CallbackRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.callbacks.find((c) => c.sid === messageSid && c.status === status);
      if (found && (found.responseStatus !== null || found.error !== undefined)) return found;
      if (Date.now() > deadline) throw new Error(`No "${status}" callback for ${messageSid} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  // ---- inbound messages -------------------------------------------------------------------

  /** Posts an inbound SMS webhook, signed (or `forged`/`unsigned` per `signing`), and returns the answer. */
  async sendInbound(sms: InboundSms): Promise<InboundResult> {
    const url = sms.url ?? this.inboundWebhookUrl;
    if (!url) throw new Error('The Twilio stand-in has no inbound webhook URL');
    const now = new Date();
    const message: StandInMessage = {
      sid: sms.messageSid ?? sid('SM'),
      accountSid: this.accountSid,
      messagingServiceSid: sms.messagingServiceSid ?? null,
      direction: 'inbound',
      from: sms.from,
      to: sms.to,
      body: sms.body,
      status: 'received',
      errorCode: null,
      errorMessage: null,
      numSegments: segmentCount(sms.body),
      statusCallback: null,
      dateCreated: now,
      dateUpdated: now,
      dateSent: now,
    };
    this.messages.set(message.sid, message);
    this.applyOptOutKeyword(message);
    const params = inboundParams(message);
    const response = await postWebhook(this.authToken, url, params, sms.signing ?? 'valid', this.cancel.signal);
    const result = { ...response, messageSid: message.sid, params };
    this.inbound.push(result);
    return result;
  }

  /** The headers and body Twilio would post to `url` with `params` (to build forged or replayed requests). */
  webhookRequest(url: string, params: Record<string, string>, signing: Signing = 'valid') {
    return webhookRequest(this.authToken, url, params, signing);
  }

  // ---- HTTP -------------------------------------------------------------------------------

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        this.route(req, res, new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        send(res, 500, errorBody('serverError', error instanceof Error ? error.message : undefined));
      }
    });
  }

  private route(req: IncomingMessage, res: ServerResponse, form: URLSearchParams): void {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const path = url.pathname;
    const base = `/${API_VERSION}/Accounts/`;
    const match = path.startsWith(base) ? /^(AC\w+)(?:\/Messages(?:\/(\w+))?)?\.json$/.exec(path.slice(base.length)) : null;
    if (!match) return send(res, 404, errorBody('notFound'));
    const [, account, messageSid] = match;
    const endpoint: Endpoint | null = !path.includes('/Messages')
      ? req.method === 'GET' ? 'account' : null
      : messageSid
        ? req.method === 'GET' ? 'fetch' : null
        : req.method === 'POST' ? 'create' : req.method === 'GET' ? 'list' : null;
    if (!endpoint) return send(res, 405, { code: 20004, message: 'Method not allowed', more_info: 'https://www.twilio.com/docs/errors/20004', status: 405 });

    this.calls[endpoint]++;
    const fault = this.faults[endpoint].shift();
    if (fault === 'hang') return void this.hung.add(res);
    if (fault && fault !== 'answer-lost' && fault !== 'answer-lost-hang') return send(res, errorBody(FAULT_ERRORS[fault]).status, errorBody(FAULT_ERRORS[fault]));
    if (!this.authorized(req)) return send(res, 401, errorBody('authenticate'));
    if (account !== this.accountSid) return send(res, 404, errorBody('notFound'));

    const answer = this.answer(endpoint, messageSid, url.searchParams, form);
    // carried out, but the answer is lost: the connection dropped, or held open in silence
    if (fault === 'answer-lost') return void res.socket?.destroy();
    if (fault === 'answer-lost-hang') return void this.hung.add(res);
    send(res, answer.status, answer.body);
  }

  private answer(endpoint: Endpoint, messageSid: string | undefined, query: URLSearchParams, form: URLSearchParams): { status: number; body: unknown } {
    switch (endpoint) {
      case 'account':
        return { status: 200, body: this.accountJson() };
      case 'fetch': {
        const message = messageSid ? this.messages.get(messageSid) : undefined;
        return message ? { status: 200, body: messageJson(message) } : { status: 404, body: errorBody('notFound') };
      }
      case 'list': {
        const parsed = parseListQuery(query);
        if ('invalid' in parsed) return { status: 400, body: errorBody('invalidParameter', parsed.invalid) };
        return { status: 200, body: listPage(this.accountSid, this.messages.values(), parsed) };
      }
      case 'create':
        return this.create(form);
    }
  }

  private authorized(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return false;
    const [user, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
    return user === this.accountSid && rest.join(':') === this.authToken;
  }

  /** POST Messages.json: validation in the order the real API reports it, then 201 with the new Message. */
  private create(form: URLSearchParams): { status: number; body: unknown } {
    const to = form.get('To')?.trim() ?? '';
    const from = form.get('From')?.trim() || null;
    const service = form.get('MessagingServiceSid')?.trim() || null;
    const body = form.get('Body') ?? '';
    const refusal = this.refusal(to, from, service, body);
    if (refusal) return { status: errorBody(refusal).status, body: errorBody(refusal) };

    const now = new Date();
    const message: StandInMessage = {
      sid: sid('SM'),
      accountSid: this.accountSid,
      messagingServiceSid: service,
      direction: 'outbound-api',
      from,
      to,
      body,
      status: service ? 'accepted' : 'queued',
      errorCode: null,
      errorMessage: null,
      numSegments: service ? 0 : segmentCount(body),
      statusCallback: form.get('StatusCallback') || null,
      dateCreated: now,
      dateUpdated: now,
      dateSent: null,
    };
    this.messages.set(message.sid, message);
    this.created.push(message);
    if (this.callbackMode === 'auto') void this.track(this.playLifecycle(message));
    return { status: 201, body: messageJson(message) };
  }

  private refusal(to: string, from: string | null, service: string | null, body: string): TwilioErrorName | null {
    if (!to) return 'toRequired';
    if (!E164.test(to)) return 'invalidTo';
    const rejected = this.rejected.get(to);
    if (rejected) return rejected;
    if (service && !/^MG[0-9a-fA-F]{32}$/.test(service)) return 'invalidMessagingService';
    if (!from && !service) return 'fromRequired';
    if (from && !E164.test(from)) return 'invalidFrom';
    if (from && this.ownedNumbers && !this.ownedNumbers.has(from)) return 'fromNotOwned';
    if (!body) return 'bodyRequired';
    if ([...body].length > 1600) return 'bodyTooLong';
    if (this.isOptedOut(to, from ?? ANY_SENDER) || (service && this.isOptedOut(to, service))) return 'unsubscribed';
    return null;
  }

  // ---- lifecycle --------------------------------------------------------------------------

  private async playLifecycle(message: StandInMessage): Promise<void> {
    const generation = this.generation;
    for (const step of deliverySteps(this.outcomeFor(message.to), !!message.messagingServiceSid)) {
      await this.sleep(this.callbackDelayMs);
      if (generation !== this.generation || isPast(message.status, step.status)) return;
      await this.transition(message, step.status, step.errorCode);
    }
  }

  private async transition(message: StandInMessage, status: string, errorCode: number | null): Promise<CallbackRecord | null> {
    const now = new Date();
    message.status = status;
    message.dateUpdated = now;
    if (status === 'queued' && !message.from) message.from = this.serviceSender;
    if (status === 'queued' || status === 'sent') message.numSegments = segmentCount(message.body);
    if (status === 'sent') message.dateSent = now;
    message.errorCode = errorCode;
    message.errorMessage = errorCode !== null ? (DELIVERY_ERRORS[errorCode] ?? 'Unknown error') : null;
    if (!message.statusCallback) return null;

    const params = statusCallbackParams(message, now);
    const record: CallbackRecord = { sid: message.sid, url: message.statusCallback, status, errorCode, params, responseStatus: null };
    this.callbacks.push(record);
    if (this.callbacksLost) {
      record.error = 'lost';
      return record;
    }
    try {
      record.responseStatus = (await postWebhook(this.authToken, message.statusCallback, params, 'valid', this.cancel.signal)).status;
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
    return record;
  }

  private outcomeFor(to: string): DeliveryOutcome {
    return this.outcomes.get(to) ?? this.defaultOutcome;
  }

  private applyOptOutKeyword(message: StandInMessage): void {
    if (!this.stopKeywordsOptOut || !message.from) return;
    const word = message.body.trim().toUpperCase();
    const senders = [message.to, ...(message.messagingServiceSid ? [message.messagingServiceSid] : [])];
    if (STOP_KEYWORDS.has(word)) senders.forEach((s) => this.optOut(message.from!, s));
    if (START_KEYWORDS.has(word)) senders.forEach((s) => this.optIn(message.from!, s));
  }

  // ---- plumbing ---------------------------------------------------------------------------

  private track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work)).catch(() => undefined);
    return work;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  /** Cancels scheduled callbacks and in-flight webhooks, and drops hung requests. */
  private abandonWork(): void {
    this.generation++;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
    this.cancel.abort();
    this.cancel = unlimitedAbortController();
    for (const res of this.hung) res.socket?.destroy();
    this.hung.clear();
  }

  private accountJson(): Record<string, unknown> {
    const uri = `/${API_VERSION}/Accounts/${this.accountSid}.json`;
    const created = rfc2822(new Date(0));
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
}

/** One controller cancels every in-flight webhook (thousands in a benchmark): no listener limit. */
function unlimitedAbortController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

const ORDER = ['accepted', 'queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed'];

/** True when `current` is already at or beyond `next` (a final status is beyond everything). */
function isPast(current: string, next: string): boolean {
  if (['delivered', 'undelivered', 'failed'].includes(current)) return true;
  return ORDER.indexOf(current) >= ORDER.indexOf(next);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}
