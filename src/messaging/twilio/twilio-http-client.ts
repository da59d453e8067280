import { Agent as HttpAgent } from 'node:http';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

export interface TwilioHttpClientOptions {
  /** e.g. `https://api.twilio.com` (the default) or a stand-in's `http://127.0.0.1:PORT`; may carry a path prefix. */
  apiBaseUrl: string;
  /** Per-request timeout; a request that outlives it fails with ECONNABORTED (→ TEMPORARY). */
  timeoutMs: number;
  /** Retries of a 429 inside the SDK (Twilio never processes a 429'd request, so this is safe). 0 disables. */
  rateLimitRetries: number;
}

/**
 * The twilio SDK has no base-URL option (../shared/STACK.md): this RequestClient rewrites every
 * request's `opts.uri` onto TWILIO_API_BASE_URL, keeping the path and query the SDK built. It also
 * gives plain-http targets (stand-ins) a keep-alive agent; the SDK only configures one for https.
 */
export class TwilioHttpClient extends twilio.RequestClient {
  private readonly base: string;
  private readonly timeoutMs: number;

  constructor(options: TwilioHttpClientOptions) {
    super({
      timeout: options.timeoutMs,
      keepAlive: true,
      autoRetry: options.rateLimitRetries > 0,
      maxRetries: Math.max(options.rateLimitRetries, 1),
      maxRetryDelay: 1000,
    });
    this.base = options.apiBaseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs;
    this.axios.defaults.httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const original = new URL(opts.uri);
    return super.request({
      ...opts,
      uri: this.base + original.pathname + original.search,
      timeout: opts.timeout ?? this.timeoutMs,
    });
  }
}
