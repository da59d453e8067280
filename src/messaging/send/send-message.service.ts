import { newMessage } from '../new-message';
import { uuid7 } from '../../common/uuid7';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { DomainError } from '../../common/domain-error';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ConsentService } from '../../consent/consent.service';
import { nowIso } from '../../database/columns';
import { isUniqueViolation } from '../../database/unique-violation';
import { UnitOfWork } from '../../database/unit-of-work';
import { OutboxStore } from '../../outbox/outbox.store';
import { ClearedSend, SendGateService } from '../gate/send-gate.service';
import { acceptedCheckAt, outcomeUnknown, unknownOutcomeCheckAt } from '../delivery/send-outcome';
import { Message } from '../message.entity';
import { AcceptedSend, MessagesStore } from '../messages.store';
import { TickBatch } from '../../common/tick-batch';
import { MessageView, toMessageView } from '../message.view';
import { countSegments } from '../segments';
import { SmsErrorKind, SmsProvider, SmsProviderError } from '../sms-provider.port';
import { DeliveryStatusService } from '../status/delivery-status.service';
import type { SendMessageDto } from './send-message.dto';

export const STATUS_CALLBACK_PATH = '/webhooks/twilio/status';
/** error_code of a send Twilio could not be asked about (timeout, 5xx): it may or may not have gone out. */
const UNKNOWN_OUTCOME = 'TEMPORARY';

/**
 * POST /api/messages: the gate, then the message row (queued) and its CRM outbox entry in one unit
 * of work, then Twilio, outside any transaction. An idempotency key returns the first result; a
 * provider failure marks the message failed and is never re-sent on its own.
 */
@Injectable()
export class SendMessageService {
  private readonly logger = new Logger('Send');

  // The concurrent sends of one turn of the event loop write together, one statement per table.
  /** Queued messages and their CRM outbox entries, both or neither. */
  private readonly queued = new TickBatch<Message, void>(async (messages) => {
    await this.uow.unit(async (tx) => {
      await this.messages.insert(tx, messages);
      await this.outbox.enqueue(tx, messages.map((m) => ({ kind: 'task_upsert' as const, aggregateId: m.id })), messages[0].createdAt);
    });
    return messages.map(() => undefined);
  });
  /** What the provider answered to each. */
  private readonly accepted = new TickBatch<AcceptedSend, void>(async (sends) => {
    await this.uow.unit((tx) => this.messages.recordAccepted(tx, sends));
    return sends.map(() => undefined);
  });
  constructor(
    private readonly uow: UnitOfWork,
    private readonly gate: SendGateService,
    private readonly messages: MessagesStore,
    private readonly outbox: OutboxStore,
    private readonly consent: ConsentService,
    private readonly sms: SmsProvider,
    private readonly statuses: DeliveryStatusService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(principal: Principal, dto: SendMessageDto): Promise<MessageView> {
    const key = dto.idempotencyKey?.trim() || null;
    if (key) {
      const first = await this.findByKey(principal.id, key);
      if (first) return this.replay(first);
    }
    const cleared = await this.gate.clear(principal, dto);
    const message = this.newMessage(principal, dto.body, cleared, key);
    try {
      await this.queued.add(message);
    } catch (error) {
      // the same key raced in from a concurrent retry: its message is the first result
      const first = key && isUniqueViolation(error) ? await this.findByKey(principal.id, key) : null;
      if (first) return this.replay(first);
      throw error;
    }
    return this.dispatch(principal, message, cleared);
  }

  private async dispatch(principal: Principal, message: Message, cleared: ClearedSend): Promise<MessageView> {
    let sent;
    try {
      sent = await this.sms.send({ to: message.toNumber, from: message.fromNumber, body: message.body, statusCallbackUrl: this.config.publicBaseUrl + STATUS_CALLBACK_PATH });
    } catch (error) {
      throw await this.failed(principal, message, cleared, error);
    }
    const updatedAt = nowIso();
    const deliveryCheckAt = acceptedCheckAt(sent.status, updatedAt, this.config.deliveryReconcile);
    await this.accepted.add({ id: message.id, providerSid: sent.providerMessageId, status: sent.status, updatedAt, deliveryCheckAt });
    Object.assign(message, { providerSid: sent.providerMessageId, status: sent.status, updatedAt, deliveryCheckAt });
    if (sent.status === 'queued') await this.statuses.sidRecorded(sent.providerMessageId);
    return toMessageView(message);
  }

  /** Marks the message failed and turns the provider's answer into the API's. */
  private async failed(principal: Principal, message: Message, cleared: ClearedSend, error: unknown): Promise<DomainError> {
    const providerError = error instanceof SmsProviderError ? error : new SmsProviderError('TEMPORARY', String(error));
    const errorCode = (providerError.providerCode ?? (providerError.kind === 'TEMPORARY' ? UNKNOWN_OUTCOME : providerError.kind)).slice(0, 12);
    const updatedAt = nowIso();
    // the provider may hold it all the same (its answer lost): the check set at insert stays, and
    // delivery-reconcile records what the provider holds; a certain refusal needs no check
    const unknown = outcomeUnknown(providerError);
    await this.uow.unit(async (tx) => {
      await this.messages.markFailed(tx, message.id, errorCode, updatedAt, unknown);
      if (providerError.kind === 'OPTED_OUT') {
        await this.consent.block(tx, { phoneNumber: message.toNumber, source: 'provider_21610', messageId: message.id, actorUserId: principal.id });
      }
    });
    Object.assign(message, { status: 'failed', errorCode, updatedAt, ...(unknown ? {} : { deliveryCheckAt: null }) });
    const answer = providerAnswer(message, providerError.kind, providerError.message);
    if (answer.status === 422) {
      await this.gate.recordRefusal(
        principal.id,
        { recordIdRaw: cleared.record.id, fromRaw: message.fromNumber, sender: cleared.sender, choice: { kind: 'chosen', recipient: cleared.recipient }, toVerdict: null, toRaw: message.toNumber },
        { code: answer.code as 'OPTED_OUT' | 'INVALID_PHONE', message: answer.message, details: answer.details ?? {} },
      );
    }
    if (providerError.kind === 'TEMPORARY' || providerError.kind === 'RATE_LIMITED') {
      this.logger.warn(`message ${message.id} failed at the provider (${providerError.kind} ${errorCode}); not re-sent${unknown ? ', delivery-reconcile will ask the provider whether it went out' : ''}`);
    }
    return answer;
  }

  private newMessage(principal: Principal, body: string, cleared: ClearedSend, idempotencyKey: string | null): Message {
    const count = countSegments(body, this.config.smsMaxSegments);
    const now = nowIso();
    return Object.assign(
      new Message(),
      newMessage(
        {
          id: uuid7(),
          direction: 'outbound',
          fromNumber: cleared.sender.phoneNumber,
          toNumber: cleared.recipient.phoneNumber,
          body,
          encoding: count.encoding,
          segments: count.segments,
          status: 'queued',
          prospectId: cleared.recipient.prospectId,
          recordId: cleared.record.id,
          userId: principal.id,
          senderNumberId: cleared.sender.id,
          idempotencyKey,
          // asked about if no outcome is recorded by then (a crash during the provider call)
          deliveryCheckAt: unknownOutcomeCheckAt(now, this.config.deliveryReconcile),
        },
        now,
      ),
    );
  }

  /** A retry with the same key: the first message, or the first answer when its send failed. */
  private replay(first: Message): MessageView {
    // failed before the provider took it (a failure reported later by a callback is a normal result)
    if (first.status === 'failed' && first.direction === 'outbound' && !first.providerSid) {
      const code = first.errorCode ?? UNKNOWN_OUTCOME;
      const kind = code === UNKNOWN_OUTCOME ? 'TEMPORARY' : this.sms.errorKindOf(code);
      throw providerAnswer(first, kind, `error ${code}`);
    }
    return toMessageView(first);
  }

  private findByKey(userId: string, idempotencyKey: string): Promise<Message | null> {
    return this.messages.findByIdempotencyKey(userId, idempotencyKey);
  }
}

/** The error a provider failure is answered with (the same on a retry with the same key). */
function providerAnswer(message: Message, kind: SmsErrorKind, providerMessage: string): DomainError {
  const details = { messageId: message.id, errorCode: message.errorCode, to: message.toNumber };
  switch (kind) {
    case 'OPTED_OUT':
      return new DomainError('OPTED_OUT', `The recipient has unsubscribed (provider error ${message.errorCode}); the number is now blocked for everyone.`, details);
    case 'INVALID_RECIPIENT':
      return new DomainError('INVALID_PHONE', 'The provider refused the recipient as not a valid mobile number.', details);
    case 'NOT_FOUND':
    case 'REJECTED':
      return new DomainError('PROVIDER_REJECTED', `The provider refused the message: ${providerMessage}`, details);
    case 'TEMPORARY':
    case 'RATE_LIMITED':
      return new DomainError(
        'PROVIDER_UNAVAILABLE',
        'The SMS provider did not answer; the message will not be re-sent automatically (if the provider took it all the same, delivery-reconcile records its true status).',
        details,
      );
  }
}
