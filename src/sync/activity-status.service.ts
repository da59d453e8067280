import { Injectable, OnModuleInit } from '@nestjs/common';
import { nowIso } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import { registerLiveGauge } from '../health/metrics';
import { ApiBudget, ApiBudgetSnapshot } from './api-budget';
import type { OutboxKind } from '../outbox/outbox-entry.entity';
import { OutboxStore, type ParkedEntry } from '../outbox/outbox.store';

export interface ActivitySyncStatus {
  apiBudget: ApiBudgetSnapshot;
  outbox: {
    pending: Record<OutboxKind, number>;
    parked: Record<OutboxKind, number>;
    /** the latest parked entries with their reason, for an operator */
    recentlyParked: ParkedEntry[];
  };
}

/**
 * What the activity side adds to GET /api/admin/sync/status and /metrics, and the operator's way
 * back for parked CRM writes (POST /api/admin/sync/outbox/requeue).
 */
@Injectable()
export class ActivityStatusService implements OnModuleInit {
  constructor(
    private readonly budget: ApiBudget,
    private readonly uow: UnitOfWork,
    private readonly entries: OutboxStore,
  ) {}

  onModuleInit(): void {
    registerLiveGauge('sms_crm_outbox_pending', 'CRM writes waiting in the outbox', () => this.entries.countByStatus('pending'));
    registerLiveGauge('sms_crm_outbox_parked', 'CRM writes Salesforce refused, parked with their reason', () => this.entries.countByStatus('parked'));
  }

  async status(): Promise<ActivitySyncStatus> {
    const rows = await this.entries.countsByKind();
    const zero = (): Record<OutboxKind, number> => ({ do_not_sms: 0, task_upsert: 0, task_status: 0 });
    const pending = zero();
    const parked = zero();
    for (const row of rows) (row.status === 'pending' ? pending : parked)[row.kind] = row.count;
    const recentlyParked = await this.entries.recentlyParked(20);
    return { apiBudget: this.budget.snapshot(), outbox: { pending, parked, recentlyParked } };
  }

  /** Parked entries (all, or those of `ids`) go back in the queue; the next activity flush retries them. */
  async requeueParked(ids?: number[]): Promise<{ requeued: number }> {
    if (ids?.length === 0) return { requeued: 0 };
    const now = nowIso();
    return { requeued: await this.uow.unit((tx) => this.entries.requeueParked(tx, ids, now)) };
  }
}
