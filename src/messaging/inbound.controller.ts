import { Controller, Header, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/principal';
import { WebhookFields, WebhookForm } from '../http/webhook-form';
import { DomainError } from '../common/domain-error';
import { InboundService } from './inbound.service';
import { TwilioSignatureGuard } from './twilio-signature.guard';
import { EMPTY_TWIML } from './twilio/twiml';

/** The longest MessageSid stored (messages.provider_sid). */
const MAX_SID_LENGTH = 64;

@ApiTags('webhooks')
@Controller('webhooks/twilio')
@Public()
@UseGuards(TwilioSignatureGuard)
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
  // a NUL (PostgreSQL cannot store it) becomes U+FFFD after the signature check: never refused, never lost
  async sms(@WebhookForm() form: WebhookFields): Promise<string> {
    const messageSid = form.firstText('MessageSid', 'SmsMessageSid');
    const from = form.text('From');
    const to = form.text('To');
    if (!messageSid || !from || !to) {
      throw new DomainError('BAD_REQUEST', 'An inbound SMS webhook needs MessageSid, From and To.');
    }
    // Twilio's SIDs are 34 characters; a longer one is no Twilio message and could not be stored
    if (messageSid.length > MAX_SID_LENGTH) {
      throw new DomainError('BAD_REQUEST', `MessageSid is longer than ${MAX_SID_LENGTH} characters: not a Twilio message SID.`);
    }
    // Twilio counts a handful of segments; anything else is ignored (the body is counted instead)
    const segments = form.text('NumSegments');
    const numSegments = /^\d{1,3}$/.test(segments) ? Number(segments) : null;
    await this.inbound.receive({ messageSid, from, to, body: form.text('Body'), numSegments });
    return EMPTY_TWIML;
  }
}
