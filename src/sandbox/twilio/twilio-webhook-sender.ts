import { randomUUID } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import twilio from 'twilio';

/**
 * Posts a webhook the way Twilio does: `application/x-www-form-urlencoded` parameters, signed in
 * `X-Twilio-Signature` = base64(HMAC-SHA1(authToken, url + each param name and value sorted by
 * name)). Source: https://www.twilio.com/docs/usage/webhooks/webhooks-security; the signature comes
 * from the twilio SDK's own `getExpectedTwilioSignature`. Twilio waits 15 s for a webhook answer
 * (https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides).
 */
export type Signing = 'valid' | 'forged' | 'unsigned';

export interface WebhookResponse {
  status: number;
  body: string;
  contentType: string | null;
}

const WEBHOOK_TIMEOUT_MS = 15_000;
const FORGED_TOKEN = 'not-the-auth-token-of-this-account';
const HTTP_AGENT = new HttpAgent({ keepAlive: true, maxSockets: 64 });
const HTTPS_AGENT = new HttpsAgent({ keepAlive: true, maxSockets: 64 });

export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

/** The headers and body Twilio would send; `forged` signs with another token, `unsigned` omits the header. */
export function webhookRequest(
  authToken: string,
  url: string,
  params: Record<string, string>,
  signing: Signing = 'valid',
): { headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    'User-Agent': 'TwilioProxy/1.1',
    'I-Twilio-Idempotency-Token': randomUUID(),
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
export function postWebhook(
  authToken: string,
  url: string,
  params: Record<string, string>,
  signing: Signing = 'valid',
  cancel?: AbortSignal,
): Promise<WebhookResponse> {
  const { headers, body } = webhookRequest(authToken, url, params, signing);
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        agent: secure ? HTTPS_AGENT : HTTP_AGENT,
        headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
        signal: cancel,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const contentType = res.headers['content-type'] ?? null;
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), contentType });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(WEBHOOK_TIMEOUT_MS, () => req.destroy(new Error(`No answer within ${WEBHOOK_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
