import { randomUUID } from 'node:crypto';
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

export async function postWebhook(
  authToken: string,
  url: string,
  params: Record<string, string>,
  signing: Signing = 'valid',
  cancel?: AbortSignal,
): Promise<WebhookResponse> {
  const { headers, body } = webhookRequest(authToken, url, params, signing);
  const timeout = AbortSignal.timeout(WEBHOOK_TIMEOUT_MS);
  const signal = cancel ? AbortSignal.any([cancel, timeout]) : timeout;
  const response = await fetch(url, { method: 'POST', headers, body, signal });
  return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') };
}
