import { Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { CrmMirrorModule } from '../crm/crm-mirror.module';
import { NumbersModule } from '../numbers/numbers.module';
import { MessagesStore } from './messages.store';
import { SendRefusalsStore } from './send-refusals.store';
import { SendFactsReader } from './gate/send-facts.reader';
import { SendGateService } from './gate/send-gate.service';
import { RecordRecipientsService } from './records/record-recipients.service';
import { RecordScreenService } from './records/record-screen.service';
import { RecordSmsController } from './records/record-sms.controller';
import { MessagesController } from './send/messages.controller';
import { SegmentsController } from './send/segments.controller';
import { SendMessageService } from './send/send-message.service';
import { DeliveryStatusService } from './status/delivery-status.service';
import { StatusWebhookController } from './status/status-webhook.controller';

/**
 * Sending (issue 4): the send gate, POST /api/messages through the SmsProvider port, delivery
 * status callbacks, the Ad-hoc SMS screen and the segment counter. Exports the gate and the record
 * context for the other messaging pieces (replies, threads).
 */
@Module({
  imports: [CrmMirrorModule, NumbersModule],
  controllers: [MessagesController, SegmentsController, RecordSmsController, StatusWebhookController],
  providers: [Clock, SendFactsReader, SendGateService, SendRefusalsStore, MessagesStore, RecordRecipientsService, RecordScreenService, SendMessageService, DeliveryStatusService],
  exports: [Clock, MessagesStore, SendGateService, RecordRecipientsService, DeliveryStatusService],
})
export class SendingModule {}
