import { Controller, Header, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../auth/principal';
import { WebhookFields, WebhookForm } from '../../http/webhook-form';
import { EMPTY_TWIML } from '../twilio/twiml';
import { TwilioSignatureGuard } from '../twilio-signature.guard';
import { toDeliveryStatus } from '../twilio/twilio-status.util';
import { DeliveryStatusService } from './delivery-status.service';

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
  async status(@WebhookForm() form: WebhookFields): Promise<string> {
    const status = toDeliveryStatus(form.firstText('MessageStatus', 'SmsStatus'));
    const sid = form.firstText('MessageSid', 'SmsSid');
    if (status && sid) {
      const errorCode = form.text('ErrorCode').trim().slice(0, 12) || null;
      await this.statuses.apply(sid, status, errorCode);
    }
    return EMPTY_TWIML;
  }
}
