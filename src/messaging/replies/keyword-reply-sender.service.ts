import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { UnitOfWork } from '../../database/unit-of-work';
import { OutboxService } from '../../outbox/outbox.service';
import { acceptedCheckAt, outcomeUnknown, unknownOutcomeCheckAt } from '../delivery/send-outcome';
import { Message } from '../message.entity';
import { STATUS_CALLBACK_PATH } from '../send/send-message.service';
import { SmsProvider } from '../sms-provider.port';
import { DeliveryStatusService } from '../status/delivery-status.service';
import { classifyReplySendFailure, MAX_REPLY_SEND_ATTEMPTS } from './reply-send-policy';

/** What the sender needs of a stored keyword reply. */
export type ReplyToSend = Pick<Message, 'id' | 'fromNumber' | 'toNumber' | 'body' | 'prospectId'>;

/** The reply's row after the attempt; `retrying`: still queued, left for a later sweep. */
export type ReplySendOutcome = Pick<Message, 'status' | 'providerSid' | 'errorCode' | 'updatedAt' | 'sendAttempts'> & { retrying: boolean };

/**
 * Sends a keyword reply (opt-out confirmation, START, HELP) the inbound service stored as queued:
 * right after the inbound commit, and again from the sweep when that did not happen. The one
 * rule: a reply reaches the provider at most once.
 *
 * 1. Claim: a conditional UPDATE that only a queued, unsent, unclaimed reply of the service
 *    passes (`reply_to_id` set: a rep's send never does). Exactly one caller, in this process or
 *    another, wins it; the others do nothing. Its own short unit of work.
 * 2. The provider call, outside any transaction.
 * 3. The outcome, like a rep's send records it: the sid and status with the CRM Task queued; or
 *    failed with the provider's code; or — only when the provider certainly did not take the
 *    message (reply-send-policy.ts) and attempts remain — the claim released for the next sweep.
 *
 * A process that dies during step 2 leaves the claim held, and a call whose outcome cannot be known
 * (a timeout, a reset) fails the reply: the claim set the reply's delivery check, so the
 * `delivery-reconcile` job asks the provider whether it took the reply, records it if so, and
 * otherwise hands it back here (`resend`) to be sent once (messaging/delivery/).
 */
@Injectable()
export class KeywordReplySender {
  private readonly logger = new Logger('KeywordReplies');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxService,
    private readonly sms: SmsProvider,
    private readonly statuses: DeliveryStatusService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sends the reply if this caller wins its claim; null when it was not ours to send. */
  async send(reply: ReplyToSend): Promise<ReplySendOutcome | null> {
    const claimedAt = this.clock.now().toISOString();
    const attempts = await this.claim(reply.id, claimedAt);
    if (attempts === null) return null;
    return this.dispatch(reply, claimedAt, attempts);
  }

  /**
   * Sends again a reply the provider was asked about and holds none of (delivery-reconcile): the
   * claim passes only while the reply still has no sid and is held by the attempt that was asked
   * about (`previousClaim`), so one caller sends it, once. Null when it was not ours to send.
   */
  async resend(reply: ReplyToSend, previousClaim: string): Promise<ReplySendOutcome | null> {
    const claimedAt = this.clock.now().toISOString();
    const attempts = await this.uow.run(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(Message)
        .set({ status: 'queued', errorCode: null, sendClaimedAt: claimedAt, sendAttempts: () => 'send_attempts + 1', deliveryCheckAt: this.checkAfterAttempt(claimedAt), updatedAt: claimedAt })
        .where('id = :id', { id: reply.id })
        .andWhere("status IN ('queued', 'failed') AND provider_sid IS NULL AND reply_to_id IS NOT NULL AND send_claimed_at = :previousClaim", { previousClaim })
        .execute();
      if (result.affected !== 1) return null;
      return (await manager.getRepository(Message).findOneOrFail({ where: { id: reply.id }, select: { id: true, sendAttempts: true } })).sendAttempts;
    });
    if (attempts === null) return null;
    return this.dispatch(reply, claimedAt, attempts);
  }

  private async dispatch(reply: ReplyToSend, claimedAt: string, attempts: number): Promise<ReplySendOutcome> {
    let sent;
    try {
      sent = await this.sms.send({ to: reply.toNumber, from: reply.fromNumber, body: reply.body, statusCallbackUrl: this.config.publicBaseUrl + STATUS_CALLBACK_PATH });
    } catch (error) {
      return this.failed(reply, claimedAt, attempts, error);
    }
    const updatedAt = this.clock.now().toISOString();
    await this.uow.run(async (manager) => {
      await manager
        .getRepository(Message)
        .update({ id: reply.id, status: 'queued' }, { providerSid: sent.providerMessageId, status: sent.status, errorCode: null, updatedAt, deliveryCheckAt: acceptedCheckAt(sent.status, updatedAt, this.config.deliveryReconcile) });
      if (reply.prospectId && sent.status !== 'failed') await this.outbox.enqueue(manager, 'task_upsert', reply.id);
    });
    await this.statuses.sidRecorded(sent.providerMessageId);
    return { status: sent.status, providerSid: sent.providerMessageId, errorCode: null, updatedAt, sendAttempts: attempts, retrying: false };
  }

  private checkAfterAttempt(claimedAt: string): string {
    return unknownOutcomeCheckAt(claimedAt, this.config.deliveryReconcile);
  }

  /** The conditional UPDATE only one caller can win; the reply's attempt count with this one, or null. */
  private claim(id: string, claimedAt: string): Promise<number | null> {
    return this.uow.run(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(Message)
        .set({ sendClaimedAt: claimedAt, sendAttempts: () => 'send_attempts + 1', deliveryCheckAt: this.checkAfterAttempt(claimedAt) })
        .where('id = :id', { id })
        .andWhere("status = 'queued' AND provider_sid IS NULL AND reply_to_id IS NOT NULL AND send_claimed_at IS NULL AND send_attempts < :max", { max: MAX_REPLY_SEND_ATTEMPTS })
        .execute();
      if (result.affected !== 1) return null;
      const row = await manager.getRepository(Message).findOneOrFail({ where: { id }, select: { id: true, sendAttempts: true } });
      return row.sendAttempts;
    });
  }

  private async failed(reply: ReplyToSend, claimedAt: string, attempts: number, error: unknown): Promise<ReplySendOutcome> {
    const failure = classifyReplySendFailure(error);
    const retrying = failure.retry && attempts < MAX_REPLY_SEND_ATTEMPTS;
    const updatedAt = this.clock.now().toISOString();
    if (retrying) {
      await this.uow.run((manager) =>
        manager.getRepository(Message).update({ id: reply.id, status: 'queued', sendClaimedAt: claimedAt }, { sendClaimedAt: null, errorCode: failure.errorCode, updatedAt, deliveryCheckAt: null }),
      );
      this.logger.warn(`keyword reply ${reply.id} not sent (attempt ${attempts} of ${MAX_REPLY_SEND_ATTEMPTS}, ${failure.errorCode}): left queued for the next sweep`);
    } else {
      // an outcome only the provider knows keeps the check the claim set; a certain one needs none
      const unknown = outcomeUnknown(error);
      await this.uow.run((manager) =>
        manager
          .getRepository(Message)
          .update({ id: reply.id, status: 'queued' }, { status: 'failed', errorCode: failure.errorCode, updatedAt, ...(unknown ? {} : { deliveryCheckAt: null }) }),
      );
      this.logger.warn(
        `keyword reply ${reply.id} failed (${failure.errorCode}, attempt ${attempts}): ${failure.reason}; ${unknown ? 'delivery-reconcile will ask the provider whether it went out' : 'not re-sent'}`,
      );
    }
    return { status: retrying ? 'queued' : 'failed', providerSid: null, errorCode: failure.errorCode, updatedAt, sendAttempts: attempts, retrying };
  }
}
