import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CrmGateway } from '../crm/crm-gateway.port';
import { CrmMappingService } from '../crm/crm-mapping.service';
import { nowIso } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { MessagesStore } from '../messaging/messages.store';
import { ActivityFlushService } from './activity-flush.service';
import { ApiBudget } from './api-budget';
import { OutboxStore } from '../outbox/outbox.store';
import type { JobProgress } from '../jobs/job-handler';
import { describeMessage } from './task-builder';

/** Records a query page may hold (the REST query API's maximum). */
export const QUERY_PAGE_SIZE = 2000;
const LOCAL_PAGE_SIZE = 1000;

export interface ReconcileStats {
  [counter: string]: number;
  windowDays: number;
  tasksRead: number;
  messagesCompared: number;
  /** drift: a message with no Task in Salesforce (queued to be written) */
  missing: number;
  /** drift: a Task whose Description no longer matches the message (queued to be updated) */
  stale: number;
  /** a Task Salesforce has that the message did not know the id of (fixed locally, no API call) */
  relinked: number;
  /** not compared: a write is already waiting in the outbox */
  inFlight: number;
  /** missing, but Salesforce refused it before: its parked entry says why */
  parked: number;
  /** Tasks carrying our external id that match no message the service holds */
  unknownInCrm: number;
  queued: number;
  readCalls: number;
  recordsWritten: number;
  pausedForBudget: number;
  /** outbox entries written long ago (done, older than the window) deleted: reconcile covers the window */
  outboxPruned: number;
  salesforceApiCalls: number;
}

interface CrmTask {
  Id: string;
  Description: string | null;
  [field: string]: unknown;
}

/**
 * Compares what the service holds with what Salesforce holds over a window: reads the Tasks
 * carrying our external id in pages of 2,000 (⌈N/2000⌉ reads), queues what is missing or stale in
 * the outbox, then lets the flush write it (⌈missing/200⌉ upserts). Every write is an upsert on
 * the external id or an update by Id, so reconcile can never create a second Task.
 */
@Injectable()
export class ReconcileService {
  constructor(
    private readonly messages: MessagesStore,
    private readonly uow: UnitOfWork,
    private readonly crm: CrmGateway,
    private readonly budget: ApiBudget,
    private readonly mappings: CrmMappingService,
    private readonly flush: ActivityFlushService,
    private readonly entries: OutboxStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(progress?: JobProgress, now = new Date()): Promise<ReconcileStats> {
    const callsBefore = this.crm.usage().callsMade;
    const stats: ReconcileStats = {
      windowDays: this.config.reconcileWindowDays, tasksRead: 0, messagesCompared: 0, missing: 0, stale: 0, relinked: 0,
      inFlight: 0, parked: 0, unknownInCrm: 0, queued: 0, readCalls: 0, recordsWritten: 0, pausedForBudget: 0, outboxPruned: 0, salesforceApiCalls: 0,
    };
    try {
      if (!(await this.budget.mayRunNonUrgent())) {
        stats.pausedForBudget = 1;
        return stats;
      }
      const since = new Date(now.getTime() - this.config.reconcileWindowDays * 86_400_000);
      const tasks = await this.readTasks(since, stats, progress);
      const queue = await this.compare(since, tasks, stats, progress);
      await this.unknownInCrm(tasks, stats);
      await this.enqueue(queue, stats);
      if (stats.queued > 0) stats.recordsWritten = (await this.flush.drain()).recordsWritten;
      stats.outboxPruned = await this.pruneDoneOutbox(since);
      return stats;
    } finally {
      stats.salesforceApiCalls = this.crm.usage().callsMade - callsBefore;
    }
  }

  /** Done entries older than the window are history nobody reads; pending and parked ones stay. */
  private async pruneDoneOutbox(before: Date): Promise<number> {
    return this.uow.unit((tx) => this.entries.pruneDone(tx, before.toISOString()));
  }

  private async readTasks(since: Date, stats: ReconcileStats, progress?: JobProgress): Promise<Map<string, CrmTask>> {
    const { object, externalIdField } = (await this.mappings.mapping()).activity;
    const soql =
      `SELECT Id, ${externalIdField}, Description FROM ${object} ` +
      `WHERE ${externalIdField} != null AND CreatedDate >= ${since.toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
    const tasks = new Map<string, CrmTask>();
    let page = await this.crm.query<CrmTask>(soql, { batchSize: QUERY_PAGE_SIZE });
    for (;;) {
      stats.readCalls++;
      for (const task of page.records) tasks.set(String(task[externalIdField]), task);
      stats.tasksRead += page.records.length;
      progress?.update(stats.tasksRead, page.totalSize, 'Salesforce Tasks');
      if (!page.nextRecordsUrl) break;
      page = await this.crm.queryMore<CrmTask>(page.nextRecordsUrl);
    }
    return tasks;
  }

  /** Walks the window's messages page by page; returns what to queue. Relinks are committed as found. */
  private async compare(since: Date, tasks: Map<string, CrmTask>, stats: ReconcileStats, progress?: JobProgress) {
    const queue: { kind: 'task_upsert' | 'task_status'; messageId: string }[] = [];
    const total = await this.messages.countCreatedSince(since.toISOString());
    let afterId = '';
    for (;;) {
      const page = await this.messages.createdSincePage(since.toISOString(), afterId, LOCAL_PAGE_SIZE);
      if (page.length === 0) break;
      afterId = page[page.length - 1].id;
      const waiting = await this.waitingEntries(page.map((m) => m.id));
      const relinks: { id: string; taskId: string }[] = [];
      for (const message of page) {
        stats.messagesCompared++;
        const task = tasks.get(message.id);
        tasks.delete(message.id);
        const entry = waiting.get(message.id);
        if (entry === 'pending') {
          stats.inFlight++;
          continue;
        }
        if (!task) {
          if (entry === 'parked') stats.parked++;
          else {
            stats.missing++;
            queue.push({ kind: 'task_upsert', messageId: message.id });
          }
          continue;
        }
        if (message.crmActivityId !== task.Id) relinks.push({ id: message.id, taskId: task.Id });
        if (normalise(task.Description) !== describeMessage(message)) {
          stats.stale++;
          queue.push({ kind: 'task_status', messageId: message.id });
        }
      }
      if (relinks.length) {
        await this.uow.unit(async (tx) => {
          for (const r of relinks) await this.messages.setCrmActivityId(tx, r.id, r.taskId);
        });
        stats.relinked += relinks.length;
      }
      progress?.update(stats.messagesCompared, total, 'messages');
    }
    return queue;
  }

  /** For each message, whether a Task write of it is waiting ('pending') or was refused ('parked'). */
  private async waitingEntries(messageIds: string[]): Promise<Map<string, 'pending' | 'parked'>> {
    const entries = await this.entries.waitingTaskWrites(messageIds);
    const result = new Map<string, 'pending' | 'parked'>();
    for (const e of entries) if (e.status === 'pending' || !result.has(e.aggregateId)) result.set(e.aggregateId, e.status);
    return result;
  }

  /** What is left of the Tasks read: older messages logged late are fine, the rest are unknown. */
  private async unknownInCrm(leftover: Map<string, CrmTask>, stats: ReconcileStats): Promise<void> {
    const ids = [...leftover.keys()];
    for (let i = 0; i < ids.length; i += LOCAL_PAGE_SIZE) {
      const chunk = ids.slice(i, i + LOCAL_PAGE_SIZE);
      const known = await this.messages.countExisting(chunk);
      stats.unknownInCrm += chunk.length - known;
    }
  }

  /** A Task that vanished loses its stale id locally in the same transaction as its new outbox entry. */
  private async enqueue(queue: { kind: 'task_upsert' | 'task_status'; messageId: string }[], stats: ReconcileStats): Promise<void> {
    for (let i = 0; i < queue.length; i += LOCAL_PAGE_SIZE) {
      const chunk = queue.slice(i, i + LOCAL_PAGE_SIZE);
      await this.uow.unit(async (tx) => {
        for (const item of chunk) if (item.kind === 'task_upsert') await this.messages.setCrmActivityId(tx, item.messageId, null);
        await this.entries.enqueue(
          tx,
          chunk.map((item) => ({ kind: item.kind, aggregateId: item.messageId, payload: { source: 'reconcile' } })),
          nowIso(),
        );
      });
      stats.queued += chunk.length;
    }
  }
}

/** Salesforce may hand a long text back with CRLF line ends. */
function normalise(description: string | null): string {
  return (description ?? '').replace(/\r\n/g, '\n');
}
