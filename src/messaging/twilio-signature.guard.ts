import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DomainError } from '../common/domain-error';
import { SmsProvider } from './sms-provider.port';

/**
 * Guards `/webhooks/twilio/*` (CONTRACT §2 Webhooks): the X-Twilio-Signature header must match
 * PUBLIC_BASE_URL + the path and query Twilio called (`request.url`) and the urlencoded form
 * parameters, or the request is refused with 403 INVALID_SIGNATURE before any handler runs.
 * Routes using it are also `@Public()` (Twilio carries no Bearer key).
 *
 * Needs the app to parse `application/x-www-form-urlencoded` bodies into flat string fields (Nest's
 * Fastify parser; a repeated key becomes an array) so `request.body` holds exactly the signed parameters.
 */
@Injectable()
export class TwilioSignatureGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sms: SmsProvider,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers['x-twilio-signature'];
    const signature = Array.isArray(header) ? header[0] : header;
    if (!signature) {
      throw new DomainError('INVALID_SIGNATURE', 'The request carries no X-Twilio-Signature header.');
    }
    const url = this.config.publicBaseUrl + request.url;
    if (!this.sms.isValidWebhookSignature(url, formParams(request.body), signature)) {
      throw new DomainError('INVALID_SIGNATURE', 'The X-Twilio-Signature header does not match this request.');
    }
    return true;
  }
}

/** The parsed urlencoded body as flat fields; anything else (no body, JSON objects) signs as no fields. */
function formParams(body: unknown): Record<string, string | string[]> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') params[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) params[key] = value as string[];
  }
  return params;
}
