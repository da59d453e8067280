import { Body, Controller, Header, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/principal';
import { ReplaceInvalidText } from '../http/text-input.interceptor';
import { DomainError } from '../common/domain-error';
import { InboundService } from './inbound.service';
import { TwilioSignatureGuard } from './twilio-signature.guard';

/** An empty TwiML answer: replies go out through the API (see InboundService), not in TwiML. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

@ApiTags('webhooks')
@Controller('webhooks/twilio')
@Public()
@UseGuards(TwilioSignatureGuard)
// a NUL (PostgreSQL cannot store it) becomes U+FFFD after the signature check: never refused, never lost
@ReplaceInvalidText()
export class InboundController {
  constructor(private readonly inbound: InboundService) {}

  /**
   * Inbound SMS from Twilio (form-encoded, signed). 403 before anything is stored when the
   * signature is bad; a MessageSid seen before is acknowledged with the same 200 and stores nothing.
   */
  @Post('sms')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  @ApiConsumes('application/x-www-form-urlencoded')
  async sms(@Body() body: Record<string, unknown>): Promise<string> {
    const field = (name: string) => (typeof body?.[name] === 'string' ? (body[name] as string) : '');
    const messageSid = field('MessageSid') || field('SmsMessageSid');
    const from = field('From');
    const to = field('To');
    if (!messageSid || !from || !to) {
      throw new DomainError('BAD_REQUEST', 'An inbound SMS webhook needs MessageSid, From and To.');
    }
    const numSegments = Number.parseInt(field('NumSegments'), 10);
    await this.inbound.receive({ messageSid, from, to, body: field('Body'), numSegments: Number.isFinite(numSegments) ? numSegments : null });
    return EMPTY_TWIML;
  }
}
