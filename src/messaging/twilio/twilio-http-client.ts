import { Agent as HttpAgent, IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import Response from 'twilio/lib/http/response';

export interface TwilioHttpClientOptions {
  /** e.g. `https://api.twilio.com` (the default) or a stand-in's `http://127.0.0.1:PORT`; may carry a path prefix. */
  apiBaseUrl: string;
  /** Per-request timeout; a request that outlives it fails with ECONNABORTED (→ TEMPORARY). */
  timeoutMs: number;
  /** Retries of a 429 inside the SDK (Twilio never processes a 429'd request, so this is safe). 0 disables. */
  rateLimitRetries: number;
}

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
export class TwilioHttpClient extends twilio.RequestClient {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });

  constructor(options: TwilioHttpClientOptions) {
    super({ timeout: options.timeoutMs, keepAlive: true });
    this.base = options.apiBaseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs;
    this.retries = Math.max(options.rateLimitRetries, 0);
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    if (!opts.method) throw new Error('http method is required');
    if (!opts.uri) throw new Error('uri is required');
    const original = new URL(opts.uri);
    const target = new URL(this.base + original.pathname + original.search);
    if (opts.params) for (const [key, value] of formEntries(opts.params)) target.searchParams.append(key, value);

    const headers: Record<string, string> = { ...(opts.headers as Record<string, string> | undefined) };
    if (!headers.Connection && !headers.connection) headers.Connection = 'keep-alive';
    if (opts.username && opts.password) headers.Authorization = 'Basic ' + Buffer.from(`${opts.username}:${opts.password}`).toString('base64');
    else if (opts.authStrategy) headers.Authorization = await opts.authStrategy.getAuthString();
    let body: string | undefined;
    if (opts.data !== undefined && opts.data !== null) {
      if (headers['Content-Type'] === 'application/x-www-form-urlencoded') body = new URLSearchParams(formEntries(opts.data)).toString();
      else if (headers['Content-Type'] === 'application/json') body = JSON.stringify(opts.data);
    }
    if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
    const timeoutMs = opts.timeout ?? this.timeoutMs;

    for (let attempt = 1; ; attempt++) {
      const answer = await this.send(target, opts.method.toUpperCase(), headers, body, timeoutMs);
      if (answer.statusCode !== 429 || attempt > this.retries) return new Response(answer.statusCode, parseBody(answer.text) as TData, answer.headers);
      const delay = Math.floor(Math.min(MAX_RETRY_DELAY_MS, INITIAL_RETRY_MS * 2 ** attempt) * Math.random());
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  private send(target: URL, method: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number) {
    return new Promise<{ statusCode: number; text: string; headers: IncomingMessage['headers'] }>((resolve, reject) => {
      const https = target.protocol === 'https:';
      const agent = https ? (this.axios.defaults.httpsAgent as HttpsAgent | undefined) : this.httpAgent;
      const req = (https ? httpsRequest : httpRequest)(target, { method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', reject);
      });
      req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error(`timeout of ${timeoutMs}ms exceeded`), { code: 'ECONNABORTED' })));
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** Form fields as the SDK's client encodes them: arrays repeat their key, undefined is left out. */
function formEntries(data: unknown): [string, string][] {
  const entries: [string, string][] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) entries.push([key, item instanceof Date ? item.toISOString() : String(item)]);
  }
  return entries;
}

/** JSON when it parses (the SDK's client did the same), the text otherwise (an HTML error page). */
function parseBody(text: string): unknown {
  try {
    return text ? JSON.parse(text) : text;
  } catch {
    return text;
  }
}
