import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CrmError, CrmGateway, CrmRecord, WriteResult } from '../crm/crm-gateway.port';
import type { CrmMapping } from '../crm/crm-mapping';
import { CrmMappingService } from '../crm/crm-mapping.service';
import { classifyRecordError, describeRecordErrors } from '../crm/crm-record-error';
import { ProspectsStore } from '../crm/mirror/prospects.store';
import { nowIso } from '../database/columns';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { MessagesStore } from '../messaging/messages.store';
import { ApiBudget } from './api-budget';
import type { OutboxKind } from '../outbox/outbox-entry.entity';
import { OUTBOX_PRIORITY, OutboxStore, type Claim, type ClaimedEntry, type Settlement } from '../outbox/outbox.store';
import { decideRetry } from './retry-policy';
import type { JobProgress } from '../jobs/job-handler';
import { buildTask, describeMessage } from './task-builder';
import { objectTypeOf, TaskSourceLoader } from './task-source.loader';

/** sObject Collections take at most 200 records a call. */
export const BATCH_SIZE = 200;
/** Drain order: opt-out write-backs, then new Tasks, then status changes to logged Tasks. */
const KINDS: OutboxKind[] = (Object.keys(OUTBOX_PRIORITY) as OutboxKind[]).sort((a, b) => OUTBOX_PRIORITY[a] - OUTBOX_PRIORITY[b]);

export interface FlushStats {
  [counter: string]: number;
  batches: number;
  recordsWritten: number;
  tasksLogged: number;
  tasksCreated: number;
  statusUpdates: number;
  doNotSmsWritten: number;
  deferred: number;
  parked: number;
  pausedForBudget: number;
  stoppedByTransientError: number;
  salesforceApiCalls: number;
}

type EntryOutcome =
  | { type: 'done' }
  | { type: 'retry'; delayMs: number; error: string }
  | { type: 'park'; error: string }
  /** try again at once by another route (a status update whose Task is gone: upsert it whole) */
  | { type: 'again'; error: string };

interface BatchResult {
  outcomes: Map<number, EntryOutcome>;
  /** message id → Task id Salesforce confirmed */
  taskIds: Map<string, string>;
  /** messages whose Task no longer exists in Salesforce */
  lostTasks: string[];
  /** message id → the Description a Task was written with (a status may change meanwhile) */
  writtenDescriptions: Map<string, string>;
  /** a whole call failed for a transient reason: stop this run, the org is not taking writes */
  transientCallError: CrmError | null;
}

/** One record to write and the outbox entries it settles. */
interface WriteOp {
  entries: ClaimedEntry[];
  record: CrmRecord;
  messageId?: string;
}

/**
 * Drains the outbox into Salesforce: opt-out write-backs first, then Tasks upserted on the
 * external id through Collections (≤ 200 a call), then delivery-status updates. Each batch is
 * claimed (OutboxStore.claim: held by this instance, renewed while in flight), sent outside any
 * transaction, and its outcome committed in one unit of work for the entries the claim still holds.
 * Flushes on several instances thus share the queue and never push an entry twice; a crash in
 * between leaves the entries pending, taken again once the claim expires (or at once when the
 * instance restarts under its name), and the retry upserts the same external ids (no second Task).
 */
@Injectable()
export class ActivityFlushService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ActivityFlushService.name);
  private queue: Promise<unknown> = Promise.resolve();
  /** [0, 1) source for back-off jitter; tests may pin it */
  random: () => number = Math.random;
  private readonly instanceName: string;
  /** how long a claimed batch stays held without renewal */
  claimMs: number;

  constructor(
    private readonly messages: MessagesStore,
    private readonly uow: UnitOfWork,
    private readonly crm: CrmGateway,
    private readonly budget: ApiBudget,
    private readonly mappings: CrmMappingService,
    private readonly loader: TaskSourceLoader,
    private readonly outbox: OutboxStore,
    private readonly prospects: ProspectsStore,
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'instanceName' | 'outboxClaimSeconds'>,
  ) {
    this.instanceName = config.instanceName;
    this.claimMs = config.outboxClaimSeconds * 1000;
  }

  /** Entries this instance held when it died (restarted under the same name) are due again at once. */
  async onApplicationBootstrap(): Promise<void> {
    const released = await this.outbox.releaseClaimsOf(this.instanceName, nowIso());
    if (released > 0) this.logger.warn({ msg: 'outbox entries claimed by this instance before it restarted: released', entries: released, instance: this.instanceName });
  }

  /**
   * At shutdown, after the running flush stopped (jobs/job-runner.service.ts): whatever this
   * instance still holds claimed is due again at once, for the other instances.
   */
  async onApplicationShutdown(): Promise<void> {
    const released = await this.outbox.releaseClaimsOf(this.instanceName, nowIso()).catch(() => 0);
    if (released > 0) this.logger.warn({ msg: 'outbox entries still claimed at shutdown: released', entries: released, instance: this.instanceName });
  }

  /** One pass over what is due now. Passes never overlap in this process (flush and reconcile share it). */
  drain(progress?: JobProgress & { readonly signal?: AbortSignal }): Promise<FlushStats> {
    const run = this.queue.then(() => this.drainOnce(progress));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async drainOnce(progress?: JobProgress & { readonly signal?: AbortSignal }): Promise<FlushStats> {
    const stats: FlushStats = {
      batches: 0, recordsWritten: 0, tasksLogged: 0, tasksCreated: 0, statusUpdates: 0, doNotSmsWritten: 0,
      deferred: 0, parked: 0, pausedForBudget: 0, stoppedByTransientError: 0, salesforceApiCalls: 0,
    };
    const callsBefore = this.crm.usage().callsMade;
    const startedAt = nowIso();
    const total = await this.outbox.countDue(this.uow.sql, startedAt);
    let handled = 0;
    progress?.update(0, total, 'outbox');
    const mapping = await this.mappings.mapping();
    try {
      kinds: for (const kind of KINDS) {
        let afterId = 0;
        for (;;) {
          if (progress?.signal?.aborted) break kinds;
          if (kind !== 'do_not_sms' && !(await this.budget.mayRunNonUrgent())) {
            stats.pausedForBudget = 1;
            break kinds;
          }
          const claim: Claim = { id: randomUUID(), by: this.instanceName, until: this.claimUntil() };
          const entries = await this.outbox.claim(kind, afterId, startedAt, BATCH_SIZE, claim, nowIso());
          if (entries.length === 0) break;
          afterId = entries[entries.length - 1].id;
          const result = await this.pushHolding(claim, () => this.runBatch(kind, entries, mapping, stats));
          await this.commit(claim, entries, result, stats);
          stats.batches++;
          handled += entries.length;
          progress?.update(handled, total, kind);
          if (result.transientCallError) {
            stats.stoppedByTransientError = 1;
            this.logger.warn(`flush paused until the back-off: ${result.transientCallError.message}`);
            break kinds;
          }
        }
      }
    } finally {
      stats.salesforceApiCalls = this.crm.usage().callsMade - callsBefore;
    }
    return stats;
  }

  private claimUntil(): string {
    return new Date(Date.now() + this.claimMs).toISOString();
  }

  /**
   * Runs a batch's Salesforce calls while renewing its claim (every third of the claim's length);
   * a batch that fails before its outcome is known lets go of its entries at once.
   */
  private async pushHolding(claim: Claim, push: () => Promise<BatchResult>): Promise<BatchResult> {
    const renewal = setInterval(() => {
      claim.until = this.claimUntil();
      this.outbox.renew(claim, nowIso()).catch((error: unknown) => this.logger.warn({ msg: 'outbox claim renewal failed', claim: claim.id, reason: String(error) }));
    }, Math.max(1000, Math.floor(this.claimMs / 3)));
    renewal.unref();
    try {
      return await push();
    } catch (error) {
      await this.outbox.releaseClaim(claim, nowIso()).catch(() => undefined);
      throw error;
    } finally {
      clearInterval(renewal);
    }
  }

  private async runBatch(kind: OutboxKind, entries: ClaimedEntry[], mapping: CrmMapping, stats: FlushStats): Promise<BatchResult> {
    const result: BatchResult = { outcomes: new Map(), taskIds: new Map(), lostTasks: [], writtenDescriptions: new Map(), transientCallError: null };
    switch (kind) {
      case 'do_not_sms':
        await this.writeDoNotSms(entries, mapping, result, stats);
        break;
      case 'task_upsert':
        await this.upsertTasks(entries, mapping, result, stats);
        break;
      case 'task_status':
        await this.updateStatuses(entries, mapping, result, stats);
        break;
    }
    return result;
  }

  private async upsertTasks(entries: ClaimedEntry[], mapping: CrmMapping, result: BatchResult, stats: FlushStats): Promise<void> {
    const byMessage = groupBy(entries, (e) => e.aggregateId);
    const sources = await this.loader.load([...byMessage.keys()], mapping);
    const ops: WriteOp[] = [];
    for (const [messageId, group] of byMessage) {
      const source = sources.get(messageId);
      if (!source) for (const e of group) result.outcomes.set(e.id, { type: 'park', error: `MESSAGE_NOT_FOUND: message ${messageId} does not exist` });
      else {
        const record = buildTask(source, mapping.activity);
        result.writtenDescriptions.set(messageId, String(record.Description));
        ops.push({ entries: group, messageId, record });
      }
    }
    const { object, externalIdField } = mapping.activity;
    await this.write(ops, (records) => this.crm.upsert(object, externalIdField, records), result, (op, written) => {
      result.taskIds.set(op.messageId!, written.id!);
      stats.tasksLogged++;
      if (written.created) stats.tasksCreated++;
    });
  }

  /** A logged Task gets its Description rewritten by Id; a message not logged yet is upserted whole. */
  private async updateStatuses(entries: ClaimedEntry[], mapping: CrmMapping, result: BatchResult, stats: FlushStats): Promise<void> {
    const messages = await this.messages.byIds(entries.map((e) => e.aggregateId));
    const byId = new Map(messages.map((m) => [m.id, m]));
    const notLogged = entries.filter((e) => !byId.get(e.aggregateId)?.crmActivityId);
    if (notLogged.length) await this.upsertTasks(notLogged, mapping, result, stats);
    const ops = [...groupBy(entries.filter((e) => byId.get(e.aggregateId)?.crmActivityId), (e) => e.aggregateId)].map(([messageId, group]) => {
      const message = byId.get(messageId)!;
      return { entries: group, messageId, record: { Id: message.crmActivityId!, Description: describeMessage(message) } };
    });
    await this.write(
      ops,
      (records) => this.crm.update(mapping.activity.object, records),
      result,
      () => stats.statusUpdates++,
      (op, kind) => {
        if (kind !== 'NOT_FOUND') return undefined;
        result.lostTasks.push(op.messageId!);
        return { type: 'again', error: 'the Task was deleted in Salesforce; it is written again' };
      },
    );
  }

  /** The latest value per prospect wins; grouped per People object, one update call each. */
  private async writeDoNotSms(entries: ClaimedEntry[], mapping: CrmMapping, result: BatchResult, stats: FlushStats): Promise<void> {
    const byProspect = groupBy(entries, (e) => e.aggregateId);
    const objectOf: Map<string, string> = await this.prospects.objectTypes([...byProspect.keys()]);
    const opsByObject = new Map<string, WriteOp[]>();
    for (const [prospectId, group] of byProspect) {
      const object = objectOf.get(prospectId) ?? objectTypeOf(prospectId);
      const field = mapping.people.find((p) => p.object === object)?.doNotSmsField;
      const value = doNotSmsValue(group[group.length - 1]);
      if (!field || value === null) {
        const error = field ? 'INVALID_PAYLOAD: the entry carries no Do-Not-SMS value' : `UNMAPPED_OBJECT: no People mapping for ${object}`;
        for (const e of group) result.outcomes.set(e.id, { type: 'park', error });
        continue;
      }
      const ops = opsByObject.get(object) ?? [];
      ops.push({ entries: group, record: { Id: prospectId, [field]: value } });
      opsByObject.set(object, ops);
    }
    for (const [object, ops] of opsByObject) {
      await this.write(ops, (records) => this.crm.update(object, records), result, () => stats.doNotSmsWritten++);
    }
  }

  /**
   * Sends one Collections call and maps its per-record results back onto the entries: a refused
   * record is decided alone (park or retry), the others go through.
   */
  private async write(
    ops: WriteOp[],
    call: (records: CrmRecord[]) => Promise<WriteResult[]>,
    result: BatchResult,
    onSuccess: (op: WriteOp, written: WriteResult) => void,
    onRecordFailure?: (op: WriteOp, kind: CrmError['kind']) => EntryOutcome | undefined,
  ): Promise<void> {
    if (ops.length === 0) return;
    const earlier = result.transientCallError;
    if (earlier) {
      // the org already refused a call of this batch: do not knock again before the back-off
      const reason = `${earlier.vendorCode ?? earlier.kind}: ${earlier.message}`;
      for (const op of ops) for (const e of op.entries) result.outcomes.set(e.id, this.failed(earlier.kind, e, 'call', reason));
      return;
    }
    let results: WriteResult[];
    try {
      results = await call(ops.map((op) => op.record));
    } catch (error) {
      const failure = asCrmError(error);
      if (failure.retryable) result.transientCallError ??= failure;
      const reason = `${failure.vendorCode ?? failure.kind}: ${failure.message}`;
      for (const op of ops) for (const e of op.entries) result.outcomes.set(e.id, this.failed(failure.kind, e, 'call', reason));
      return;
    }
    ops.forEach((op, i) => {
      const written = results[i];
      if (written?.success && written.id) {
        onSuccess(op, written);
        for (const e of op.entries) result.outcomes.set(e.id, { type: 'done' });
        return;
      }
      const first = written?.errors[0];
      // the adapter classifies each record's error; a gateway that does not is classified here
      const kind = first ? (first.kind ?? classifyRecordError(first)) : 'TEMPORARY';
      const reason = written ? describeRecordErrors(written) : 'NO_RESULT: Salesforce returned no result for this record';
      const special = onRecordFailure?.(op, kind);
      for (const e of op.entries) result.outcomes.set(e.id, special ?? this.failed(kind, e, 'record', reason));
    });
  }

  private failed(kind: CrmError['kind'], entry: ClaimedEntry, scope: 'record' | 'call', reason: string): EntryOutcome {
    const decision = decideRetry(kind, entry.attempts + 1, scope, this.random);
    return decision.action === 'park' ? { type: 'park', error: reason } : { type: 'retry', delayMs: decision.delayMs, error: reason };
  }

  /**
   * The batch's outcome in one transaction: Task ids on the messages, each entry's new state (for
   * the entries the claim still holds), and the claim let go.
   */
  private async commit(claim: Claim, entries: ClaimedEntry[], result: BatchResult, stats: FlushStats): Promise<void> {
    const now = Date.now();
    const at = new Date(now).toISOString();
    const settlements = entries.map((entry) => this.settlement(entry, result.outcomes.get(entry.id) ?? { type: 'retry', delayMs: 0, error: 'NOT_SENT: left out of the batch' }, now));
    const settled = await this.uow.unit(async (tx) => {
      for (const [messageId, taskId] of result.taskIds) await this.messages.setCrmActivityId(tx, messageId, taskId);
      await this.followStatusChanges(tx, result, at);
      for (const messageId of result.lostTasks) await this.messages.setCrmActivityId(tx, messageId, null);
      return this.outbox.settle(tx, claim, settlements, at);
    });
    for (const s of settlements) {
      if (!settled.has(s.id)) {
        this.logger.warn({ msg: 'outbox entry settled elsewhere: its claim expired while the batch was in flight', entry: s.id, claim: claim.id });
        continue;
      }
      if (s.outcome === 'done') stats.recordsWritten++;
      else if (s.outcome === 'parked') stats.parked++;
      else stats.deferred++;
    }
  }

  /**
   * A delivery status that arrived while its Task was being written (the message had no Task id
   * yet, so no task_status was queued) follows in a status update, queued in this transaction.
   * The message is read after this transaction wrote its Task id, so a status committed at any
   * moment is seen either here or by the status callback itself (which reads the Task id its own
   * update returns: messages.store advanceStatus) — never by neither.
   */
  private async followStatusChanges(tx: Tx, result: BatchResult, at: string): Promise<void> {
    const logged = [...result.taskIds.keys()];
    if (logged.length === 0) return;
    const now = await this.messages.byIds(logged, tx);
    const follow = now.filter((message) => describeMessage(message) !== result.writtenDescriptions.get(message.id));
    await this.outbox.enqueue(
      tx,
      follow.map((message) => ({ kind: 'task_status' as const, aggregateId: message.id, payload: { status: message.status, errorCode: message.errorCode } })),
      at,
    );
  }

  private settlement(entry: ClaimedEntry, outcome: EntryOutcome, now: number): Settlement {
    switch (outcome.type) {
      case 'done':
        return { id: entry.id, outcome: 'done' };
      case 'park':
        this.logger.warn(`outbox entry ${entry.id} (${entry.kind} ${entry.aggregateId}) parked: ${outcome.error}`);
        return { id: entry.id, outcome: 'parked', attempts: entry.attempts + 1, lastError: outcome.error };
      case 'retry':
        return { id: entry.id, outcome: 'retry', attempts: entry.attempts + 1, nextAttemptAt: new Date(now + outcome.delayMs).toISOString(), lastError: outcome.error };
      case 'again':
        return { id: entry.id, outcome: 'retry', attempts: entry.attempts, nextAttemptAt: new Date(now).toISOString(), lastError: outcome.error };
    }
  }
}

function asCrmError(error: unknown): CrmError {
  if (error instanceof CrmError) return error;
  // anything the adapter did not classify (a dropped connection, a timeout) is worth a retry
  return new CrmError('TEMPORARY', error instanceof Error ? error.message : String(error), null);
}

function doNotSmsValue(entry: ClaimedEntry): boolean | null {
  try {
    const payload = JSON.parse(entry.payload ?? '{}') as { value?: unknown; doNotSms?: unknown };
    const value = payload.value ?? payload.doNotSms;
    return typeof value === 'boolean' ? value : null;
  } catch {
    return null;
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
