import { Injectable, Logger } from '@nestjs/common';
import { nowIso } from '../../database/columns';
import { UnitOfWork } from '../../database/unit-of-work';
import { OutboxStore } from '../../outbox/outbox.store';
import { MessagesStore } from '../messages.store';
import type { DeliveryStatus } from '../sms-provider.port';
import { canAdvance, statusesBefore } from './delivery-status';

export type StatusOutcome = 'applied' | 'ignored' | 'unknown';

const EARLY_TTL_MS = 5 * 60_000;
const EARLY_MAX = 10_000;

/**
 * Applies delivery statuses to outbound messages, forward only. A change after the message was
 * logged to the CRM (crmActivityId set, as the update finds it) queues a `task_status` write in the
 * same transaction; a change the flush of its Task missed is caught by the flush's re-check.
 *
 * A callback can outrun the send that caused it (Twilio answers the create, then calls back before
 * we stored the sid). Such a status is held here briefly and applied when the send records its sid.
 * The buffer is per process: with several instances behind a balancer the race is still possible.
 */
@Injectable()
export class DeliveryStatusService {
  private readonly logger = new Logger('DeliveryStatus');
  private readonly early = new Map<string, { status: DeliveryStatus; errorCode: string | null; at: number }[]>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly messages: MessagesStore,
    private readonly outbox: OutboxStore,
  ) {}

  async apply(providerSid: string, status: DeliveryStatus, errorCode: string | null): Promise<StatusOutcome> {
    const outcome = await this.uow.unit(async (tx): Promise<StatusOutcome> => {
      const message = await this.messages.statusTarget(tx, providerSid);
      if (!message) return 'unknown';
      if (!canAdvance(message.status, status)) return 'ignored';
      const nextError = errorCode ?? (status === 'undelivered' || status === 'failed' ? message.errorCode : null);
      const now = nowIso();
      // the status condition keeps the rule forward-only whatever else wrote the row meanwhile
      const moved = await this.messages.advanceStatus(tx, message.id, statusesBefore(status), status, nextError, now);
      if (!moved) return 'ignored';
      // the Task id as the update found it, not as read above: a flush may have logged it in between
      if (moved.crmActivityId) await this.outbox.enqueue(tx, [{ kind: 'task_status', aggregateId: message.id, payload: { status, errorCode: nextError } }], now);
      return 'applied';
    });
    if (outcome === 'unknown') this.holdEarly(providerSid, status, errorCode);
    return outcome;
  }

  /** Called by the send once it stored the sid: applies callbacks that arrived before it. */
  async sidRecorded(providerSid: string): Promise<void> {
    const held = this.early.get(providerSid);
    if (!held) return;
    this.early.delete(providerSid);
    for (const { status, errorCode } of held) await this.apply(providerSid, status, errorCode);
  }

  private holdEarly(providerSid: string, status: DeliveryStatus, errorCode: string | null): void {
    const now = Date.now();
    if (this.early.size >= EARLY_MAX) {
      for (const [sid, list] of this.early) if (now - list[0].at > EARLY_TTL_MS || this.early.size >= EARLY_MAX) this.early.delete(sid);
    }
    const list = this.early.get(providerSid) ?? [];
    list.push({ status, errorCode, at: now });
    this.early.set(providerSid, list);
    this.logger.debug?.(`status ${status} for unknown message ${providerSid} held until its send records it`);
  }
}
