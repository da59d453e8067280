import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { MessagesStore, type ReplyCandidate } from '../messages.store';
import { KeywordReplySender } from './keyword-reply-sender.service';
import { REPLY_SWEEP_GRACE_MS, replyDueAt } from './reply-send-policy';

/** Replies looked at per sweep; the rest wait for the next tick. */
export const REPLY_SWEEP_BATCH = 100;

export interface ReplySweepReport {
  sent: number;
  /** still queued: the provider was unavailable, attempts remain */
  retrying: number;
  failed: number;
  /** claimed meanwhile by another sweep or the inbound path */
  skipped: number;
}

/**
 * The repair for keyword replies left queued: the process died between the inbound commit and the
 * provider call, or the provider was unavailable then. Run as the job `keyword-replies`
 * (keyword-replies.job.ts: REPLY_SWEEP_CRON, and once at boot), each pass picks the service's own replies (`reply_to_id` set) still queued with no sid and nobody holding
 * them, older than the grace period (so it never steps on the inbound path) and past their
 * back-off, and hands each to KeywordReplySender, whose claim makes the send happen once however
 * many sweeps and processes run. A claimed reply is never picked again: if its process died during
 * the provider call, the `delivery-reconcile` job asks the provider whether it took the reply and
 * sends it only if not (messaging/delivery/). A rep's send (`POST /api/messages`) has no `reply_to_id` and is
 * never picked: a failed one stays failed on purpose.
 */
@Injectable()
export class KeywordReplySweep {
  private readonly logger = new Logger('KeywordReplySweep');

  constructor(
    private readonly messages: MessagesStore,
    private readonly sender: KeywordReplySender,
    private readonly clock: Clock,
  ) {}

  /** One pass. Safe to run concurrently with itself, the inbound path and other processes. */
  async sweep(): Promise<ReplySweepReport> {
    const now = this.clock.now().getTime();
    const report: ReplySweepReport = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
    for (const reply of await this.dueReplies(now)) {
      try {
        const outcome = await this.sender.send(reply);
        if (!outcome) report.skipped++;
        else if (outcome.retrying) report.retrying++;
        else if (outcome.status === 'failed') report.failed++;
        else report.sent++;
      } catch (error) {
        // a database error after the claim: the reply stays claimed and is given up later, never re-sent
        this.logger.warn({ msg: 'keyword reply sweep: one reply could not be settled', messageId: reply.id, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    if (report.sent + report.retrying + report.failed > 0) this.logger.log({ msg: 'keyword replies swept', ...report });
    return report;
  }

  private async dueReplies(now: number): Promise<ReplyCandidate[]> {
    const candidates = await this.messages.unsentReplies(new Date(now - REPLY_SWEEP_GRACE_MS).toISOString(), REPLY_SWEEP_BATCH);
    return candidates.filter((reply) => replyDueAt(reply.updatedAt, reply.sendAttempts) <= now);
  }
}
