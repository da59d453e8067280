import { Controller, Header, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../auth/principal';
import { WebhookForm } from '../../http/text-input.pipe';
import { TwilioSignatureGuard } from '../twilio-signature.guard';
import { toDeliveryStatus } from '../twilio/twilio-status.util';
import { DeliveryStatusService } from './delivery-status.service';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/** Twilio's delivery status callbacks (`MessageSid, MessageStatus, ErrorCode`), signature-checked. */
@ApiTags('webhooks')
@Public()
@UseGuards(TwilioSignatureGuard)
@Controller('webhooks/twilio/status')
export class StatusWebhookController {
  constructor(private readonly statuses: DeliveryStatusService) {}

  @Post()
  @HttpCode(200)
  @Header('Content-Type', 'text/xml')
  // a NUL (PostgreSQL cannot store it) becomes U+FFFD after the signature check: never refused, never lost
  async status(@WebhookForm() form: Record<string, unknown>): Promise<string> {
    const body = form as Record<string, string | undefined>;
    const status = toDeliveryStatus(body.MessageStatus ?? body.SmsStatus);
    const sid = body.MessageSid ?? body.SmsSid;
    if (status && sid) {
      const errorCode = body.ErrorCode && body.ErrorCode.trim() !== '' ? body.ErrorCode.trim().slice(0, 12) : null;
      await this.statuses.apply(sid, status, errorCode);
    }
    return EMPTY_TWIML;
  }
}
