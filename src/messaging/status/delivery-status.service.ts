import { Injectable, Logger } from '@nestjs/common';
import type { Database, Statement } from 'better-sqlite3';
import { In } from 'typeorm';
import { nowIso } from '../../database/columns';
import { UnitOfWork } from '../../database/unit-of-work';
import { OutboxService } from '../../outbox/outbox.service';
import { Message, MessageStatus } from '../message.entity';
import { messageStatements, outboxParams } from '../message-statements';
import type { DeliveryStatus } from '../sms-provider.port';
import { canAdvance, statusesBefore } from './delivery-status';

export type StatusOutcome = 'applied' | 'ignored' | 'unknown';

const EARLY_TTL_MS = 5 * 60_000;
const EARLY_MAX = 10_000;

/**
 * Applies delivery statuses to outbound messages, forward only. A change after the message was
 * logged to the CRM (crmActivityId set) queues a `task_status` write in the same transaction.
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
    private readonly outbox: OutboxService,
  ) {}

  async apply(providerSid: string, status: DeliveryStatus, errorCode: string | null): Promise<StatusOutcome> {
    const outcome = this.uow.sqlite
      ? await this.uow.runNativeGrouped((db) => applyOnSqlite(db, providerSid, status, errorCode))
      : await this.uow.run(async (manager) => {
          const repo = manager.getRepository(Message);
          const message = await repo.findOne({ where: { providerSid }, select: { id: true, status: true, crmActivityId: true, errorCode: true } });
          if (!message) return 'unknown' as const;
          if (!canAdvance(message.status, status)) return 'ignored' as const;
          const nextError = errorCode ?? (status === 'undelivered' || status === 'failed' ? message.errorCode : null);
          const result = await repo.update({ id: message.id, status: In(statusesBefore(status)) }, { status, errorCode: nextError, updatedAt: nowIso() });
          if (!result.affected) return 'ignored' as const;
          if (message.crmActivityId) await this.outbox.enqueue(manager, 'task_status', message.id, { status, errorCode: nextError });
          return 'applied' as const;
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

/**
 * The same rule on SQLite as one synchronous unit (group-committed with the callbacks of the same
 * moment): nothing can change the row between the read and the write, so the write needs no
 * status condition.
 */
function applyOnSqlite(db: Database, providerSid: string, status: DeliveryStatus, errorCode: string | null): StatusOutcome {
  const s = statements(db);
  const message = s.find.get(providerSid) as { id: string; status: MessageStatus; crm_activity_id: string | null; error_code: string | null } | undefined;
  if (!message) return 'unknown';
  if (!canAdvance(message.status, status)) return 'ignored';
  const nextError = errorCode ?? (status === 'undelivered' || status === 'failed' ? message.error_code : null);
  const now = nowIso();
  s.update.run(status, nextError, now, message.id);
  if (message.crm_activity_id) messageStatements(db).insertOutbox.run(outboxParams('task_status', message.id, now, { status, errorCode: nextError }));
  return 'applied';
}

const prepared = new WeakMap<Database, { find: Statement<unknown[]>; update: Statement<unknown[]> }>();
function statements(db: Database) {
  let s = prepared.get(db);
  if (!s) {
    s = {
      find: db.prepare('SELECT id, status, crm_activity_id, error_code FROM messages WHERE provider_sid = ?'),
      update: db.prepare('UPDATE messages SET status = ?, error_code = ?, updated_at = ? WHERE id = ?'),
    };
    prepared.set(db, s);
  }
  return s;
}
