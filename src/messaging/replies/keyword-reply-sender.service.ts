import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { nowIso } from '../../database/columns';
import { UnitOfWork } from '../../database/unit-of-work';
import { OutboxStore } from '../../outbox/outbox.store';
import { acceptedCheckAt, outcomeUnknown, unknownOutcomeCheckAt } from '../delivery/send-outcome';
import type { Message } from '../message.entity';
import { MessagesStore } from '../messages.store';
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
    private readonly messages: MessagesStore,
    private readonly outbox: OutboxStore,
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
    const attempts = await this.uow.unit((tx) => this.messages.reclaimReply(tx, reply.id, previousClaim, claimedAt, this.checkAfterAttempt(claimedAt)));
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
    await this.uow.unit(async (tx) => {
      await this.messages.recordReplyAccepted(tx, reply.id, sent.providerMessageId, sent.status, updatedAt, acceptedCheckAt(sent.status, updatedAt, this.config.deliveryReconcile));
      if (reply.prospectId && sent.status !== 'failed') await this.outbox.enqueue(tx, [{ kind: 'task_upsert', aggregateId: reply.id }], nowIso());
    });
    await this.statuses.sidRecorded(sent.providerMessageId);
    return { status: sent.status, providerSid: sent.providerMessageId, errorCode: null, updatedAt, sendAttempts: attempts, retrying: false };
  }

  private checkAfterAttempt(claimedAt: string): string {
    return unknownOutcomeCheckAt(claimedAt, this.config.deliveryReconcile);
  }

  /** The conditional UPDATE only one caller can win; the reply's attempt count with this one, or null. */
  private claim(id: string, claimedAt: string): Promise<number | null> {
    return this.uow.unit((tx) => this.messages.claimReply(tx, id, claimedAt, this.checkAfterAttempt(claimedAt), MAX_REPLY_SEND_ATTEMPTS));
  }

  private async failed(reply: ReplyToSend, claimedAt: string, attempts: number, error: unknown): Promise<ReplySendOutcome> {
    const failure = classifyReplySendFailure(error);
    const retrying = failure.retry && attempts < MAX_REPLY_SEND_ATTEMPTS;
    const updatedAt = this.clock.now().toISOString();
    if (retrying) {
      await this.uow.unit((tx) => this.messages.releaseReply(tx, reply.id, claimedAt, failure.errorCode, updatedAt));
      this.logger.warn(`keyword reply ${reply.id} not sent (attempt ${attempts} of ${MAX_REPLY_SEND_ATTEMPTS}, ${failure.errorCode}): left queued for the next sweep`);
    } else {
      // an outcome only the provider knows keeps the check the claim set; a certain one needs none
      const unknown = outcomeUnknown(error);
      await this.uow.unit((tx) => this.messages.failReply(tx, reply.id, failure.errorCode, updatedAt, unknown));
      this.logger.warn(
        `keyword reply ${reply.id} failed (${failure.errorCode}, attempt ${attempts}): ${failure.reason}; ${unknown ? 'delivery-reconcile will ask the provider whether it went out' : 'not re-sent'}`,
      );
    }
    return { status: retrying ? 'queued' : 'failed', providerSid: null, errorCode: failure.errorCode, updatedAt, sendAttempts: attempts, retrying };
  }
}
