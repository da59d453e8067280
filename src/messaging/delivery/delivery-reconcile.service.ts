import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { nowIso } from '../../database/columns';
import { Sql } from '../../database/sql';
import { isUniqueViolation } from '../../database/unique-violation';
import { UnitOfWork } from '../../database/unit-of-work';
import { JobFailedError, type JobProgress } from '../../jobs/job-handler';
import { OutboxStore } from '../../outbox/outbox.store';
import type { Message, MessageStatus } from '../message.entity';
import { MessagesStore } from '../messages.store';
import { KeywordReplySender } from '../replies/keyword-reply-sender.service';
import { ProviderMessage, SmsProvider, SmsProviderError } from '../sms-provider.port';
import { DeliveryStatusService } from '../status/delivery-status.service';
import { matchSentMessage } from './provider-match';
import { acceptedCheckAt, CLOCK_SLACK_MS, isFinal, NOT_SENT, recheckAt, REPLY_RESEND_HORIZON_MS } from './send-outcome';

export interface DeliveryReconcileStats {
  [key: string]: number;
  /** messages whose check was due and looked at */
  checked: number;
  /** provider calls: fetches by sid and pages of a pair's list */
  providerCalls: number;
  /** sends of unknown outcome the provider turned out to hold: their sid and status recorded */
  sidsLearned: number;
  /** statuses moved on from what the provider holds (lost callbacks) */
  statusesRepaired: number;
  /** sends the provider never took, now failed (NOT_SENT), never re-sent */
  markedNotSent: number;
  /** keyword replies the provider never took, sent now (once) */
  repliesResent: number;
  /** sends the provider holds none of yet, asked again before DELIVERY_NOT_SENT_AFTER_SECONDS */
  stillUnknown: number;
  /** checks that failed (the provider unreachable or refusing); asked again next run */
  providerErrors: number;
  salesforceApiCalls: number;
}

/** Messages read per page of due checks; a run reads at most MAX_PAGES pages. */
const PAGE = 100;
const MAX_PAGES = 10;
/** After this many provider failures in a row the provider is taken to be down: the run stops, failed. */
const MAX_CONSECUTIVE_PROVIDER_ERRORS = 3;

/**
 * The `delivery-reconcile` job (CONTRACT §2): asks the provider for the truth about messages whose
 * delivery check is due (`messages.delivery_check_at`, set by the send paths) and records it.
 *
 * - A send whose outcome is unknown — no provider sid DELIVERY_UNKNOWN_AFTER_SECONDS after the
 *   attempt: the process died during the call, or the call failed in a way that does not say
 *   whether the provider took it (timeout, reset, 500) — is looked for in the provider's list of the
 *   pair's messages since the attempt, by its body (provider-match.ts). Found: its sid, status
 *   and error code are recorded, and its Task update queued. Never sent again.
 * - Not found DELIVERY_NOT_SENT_AFTER_SECONDS after the attempt, the provider never took it:
 *   a rep's send is marked failed with NOT_SENT and not re-sent (the rep was told the send failed,
 *   or saw it queued: a text going out minutes later behind their back is worse than a visible
 *   failure they can repeat); a keyword reply (opt-out confirmation, START, HELP) is sent now, once,
 *   through KeywordReplySender's claim — unless the keyword is more than a day old or the pair had
 *   a later keyword reply, when it is marked NOT_SENT too.
 * - A message the provider took whose status is still not final DELIVERY_STALE_AFTER_SECONDS after
 *   (lost status callbacks) is fetched by its sid; a newer status is applied as a callback would
 *   (forward only, Task update queued). Asked again at doubling intervals for three days.
 *
 * Every write is conditional on the row as it was read, so a callback or a send path that
 * records its answer meanwhile wins. Each message is checked in its own try/catch.
 */
@Injectable()
export class DeliveryReconcileService {
  private readonly logger = new Logger('DeliveryReconcile');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly sql: Sql,
    private readonly messages: MessagesStore,
    private readonly outbox: OutboxStore,
    private readonly sms: SmsProvider,
    private readonly statuses: DeliveryStatusService,
    private readonly replies: KeywordReplySender,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(progress?: JobProgress): Promise<DeliveryReconcileStats> {
    const stats: DeliveryReconcileStats = {
      checked: 0,
      providerCalls: 0,
      sidsLearned: 0,
      statusesRepaired: 0,
      markedNotSent: 0,
      repliesResent: 0,
      stillUnknown: 0,
      providerErrors: 0,
      salesforceApiCalls: 0,
    };
    const now = this.clock.now();
    const seen = new Set<string>();
    // sids matched in this run: two identical sends of one pair must not take the same message
    const taken = new Set<string>();
    let failuresInARow = 0;
    for (let page = 0; page < MAX_PAGES && !progress?.signal?.aborted; page++) {
      const due = (await this.messages.dueDeliveryChecks(now.toISOString(), PAGE)).filter((m) => !seen.has(m.id));
      for (const message of due) {
        if (progress?.signal?.aborted) break;
        seen.add(message.id);
        stats.checked++;
        try {
          await this.check(message, now, stats, taken);
          failuresInARow = 0;
        } catch (error) {
          stats.providerErrors++;
          await this.later(message, now);
          const reason = error instanceof Error ? error.message : String(error);
          this.logger.warn({ msg: 'delivery check failed; asked again next run', messageId: message.id, reason });
          if (error instanceof SmsProviderError && ++failuresInARow >= MAX_CONSECUTIVE_PROVIDER_ERRORS) {
            throw new JobFailedError(`the SMS provider failed ${failuresInARow} checks in a row (${error.kind}: ${reason})`, stats);
          }
        }
        progress?.update(stats.checked, null, 'messages');
      }
      if (due.length < PAGE) break;
    }
    if (stats.sidsLearned + stats.statusesRepaired + stats.markedNotSent + stats.repliesResent > 0) this.logger.log({ msg: 'delivery reconciled', ...stats });
    return stats;
  }

  private async check(message: Message, now: Date, stats: DeliveryReconcileStats, taken: Set<string>): Promise<void> {
    if (message.direction !== 'outbound' || (message.providerSid !== null && isFinal(message.status))) {
      return void (await this.reschedule(message, null));
    }
    if (message.providerSid !== null) return this.checkStatus(message, message.providerSid, now, stats);
    return this.checkUnknownOutcome(message, now, stats, taken);
  }

  /** A message the provider took, its status not final here: fetch it, apply what it says. */
  private async checkStatus(message: Message, providerSid: string, now: Date, stats: DeliveryReconcileStats): Promise<void> {
    stats.providerCalls++;
    const found = await this.sms.fetchMessage(providerSid);
    if (found?.status) {
      const outcome = await this.statuses.apply(providerSid, found.status, errorCodeOf(found));
      if (outcome === 'applied') stats.statusesRepaired++;
    }
    // a final status applied above ended the checks already (the conditional reschedule is then a no-op)
    await this.reschedule(message, found?.status && isFinal(found.status) ? null : recheckAt(message.createdAt, now, this.times));
  }

  /** A send with no provider sid: does the provider hold it? */
  private async checkUnknownOutcome(message: Message, now: Date, stats: DeliveryReconcileStats, taken: Set<string>): Promise<void> {
    const isReply = message.replyToId !== null;
    // a keyword reply nobody claimed was never sent: the keyword-replies sweep sends it
    if (isReply && message.sendClaimedAt === null) return void (await this.reschedule(message, null));
    const attemptAt = isReply ? message.sendClaimedAt! : message.createdAt;

    stats.providerCalls++;
    const listed = await this.sms.listSentMessages({ to: message.toNumber, from: message.fromNumber, sentAfter: new Date(Date.parse(attemptAt) - CLOCK_SLACK_MS) });
    const stored = await this.messages.storedSids(this.sql, listed.map((m) => m.providerMessageId));
    const found = matchSentMessage({ ...message, attemptAt }, listed, new Set([...stored, ...taken]));
    if (found) {
      taken.add(found.providerMessageId);
      if (await this.recordFound(message, found, now)) stats.sidsLearned++;
      return;
    }
    if (now.getTime() - Date.parse(attemptAt) < this.times.notSentAfterSeconds * 1000) {
      stats.stillUnknown++;
      return this.later(message, now);
    }
    if (isReply && (await this.mayStillSendReply(message, now))) {
      const outcome = await this.replies.resend(message, attemptAt);
      if (outcome && outcome.providerSid) stats.repliesResent++;
      return;
    }
    if (await this.markNotSent(message)) stats.markedNotSent++;
  }

  /** The provider's message of a send whose sid was never learned: recorded, its Task update queued. */
  private async recordFound(message: Message, found: ProviderMessage, now: Date): Promise<boolean> {
    const status: MessageStatus = found.status ?? 'queued';
    const errorCode = errorCodeOf(found);
    // when things were written is the wall clock's; when to ask next, the job's
    const at = nowIso();
    const next = acceptedCheckAt(status, now, this.times);
    let recorded = false;
    try {
      await this.uow.unit(async (tx) => {
        recorded = (await this.messages.recordProviderMessage(tx, message.id, { providerSid: found.providerMessageId, status, errorCode }, at, next)) === 1;
        if (!recorded) return;
        if (message.crmActivityId) await this.outbox.enqueue(tx, [{ kind: 'task_status', aggregateId: message.id, payload: { status, errorCode } }], at);
        // a rep's send queued its Task with the message; a keyword reply only once it was sent
        else if (message.replyToId !== null && message.prospectId) await this.outbox.enqueue(tx, [{ kind: 'task_upsert', aggregateId: message.id }], at);
      });
    } catch (error) {
      // the sid was stored for another message meanwhile (a late answer, another instance)
      if (!isUniqueViolation(error)) throw error;
      return false;
    }
    if (recorded) {
      this.logger.log({ msg: 'send of unknown outcome found at the provider', messageId: message.id, providerSid: found.providerMessageId, status });
      await this.statuses.sidRecorded(found.providerMessageId);
    }
    return recorded;
  }

  private async markNotSent(message: Message): Promise<boolean> {
    const at = nowIso();
    let marked = false;
    await this.uow.unit(async (tx) => {
      marked = (await this.messages.markNotSent(tx, message.id, NOT_SENT, at)) === 1;
      if (marked && message.crmActivityId) await this.outbox.enqueue(tx, [{ kind: 'task_status', aggregateId: message.id, payload: { status: 'failed', errorCode: NOT_SENT } }], at);
    });
    if (marked) this.logger.warn({ msg: 'the provider never took this send: failed, not re-sent', messageId: message.id });
    return marked;
  }

  /** A keyword reply is sent late only within a day of the keyword, and while it is still the pair's latest. */
  private async mayStillSendReply(message: Message, now: Date): Promise<boolean> {
    if (now.getTime() - Date.parse(message.createdAt) > REPLY_RESEND_HORIZON_MS) return false;
    return !(await this.messages.laterKeywordReply(message.toNumber, message.fromNumber, message.createdAt));
  }

  /** Asked again next run (the job's schedule decides when). */
  private later(message: Message, now: Date): Promise<void> {
    return this.reschedule(message, new Date(now.getTime() + this.times.unknownAfterSeconds * 1000).toISOString());
  }

  private async reschedule(message: Message, next: string | null): Promise<void> {
    await this.uow.unit((tx) => this.messages.rescheduleDeliveryCheck(tx, message.id, message.deliveryCheckAt!, next));
  }

  private get times() {
    return this.config.deliveryReconcile;
  }
}

function errorCodeOf(found: ProviderMessage): string | null {
  return found.errorCode ? found.errorCode.slice(0, 12) : null;
}
