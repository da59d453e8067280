import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { registerLiveGauge } from '../health/metrics';
import { ApiBudget, ApiBudgetSnapshot } from './api-budget';
import { OutboxEntry, OutboxKind } from '../outbox/outbox-entry.entity';
import { OutboxService } from '../outbox/outbox.service';

export interface ActivitySyncStatus {
  apiBudget: ApiBudgetSnapshot;
  outbox: {
    pending: Record<OutboxKind, number>;
    parked: Record<OutboxKind, number>;
    /** the latest parked entries with their reason, for an operator */
    recentlyParked: { id: number; kind: OutboxKind; aggregateId: string; attempts: number; lastError: string | null; updatedAt: string }[];
  };
}

/**
 * What the activity side adds to GET /api/admin/sync/status and /metrics, and the operator's way
 * back for parked CRM writes (POST /api/admin/sync/outbox/requeue).
 */
@Injectable()
export class ActivityStatusService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly budget: ApiBudget,
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxService,
  ) {}

  onModuleInit(): void {
    const outbox = this.dataSource.getRepository(OutboxEntry);
    registerLiveGauge('sms_crm_outbox_pending', 'CRM writes waiting in the outbox', () => outbox.countBy({ status: 'pending' }));
    registerLiveGauge('sms_crm_outbox_parked', 'CRM writes Salesforce refused, parked with their reason', () => outbox.countBy({ status: 'parked' }));
  }

  async status(): Promise<ActivitySyncStatus> {
    const rows: { kind: OutboxKind; status: string; count: string | number }[] = await this.dataSource
      .getRepository(OutboxEntry)
      .createQueryBuilder('o')
      .select('o.kind', 'kind')
      .addSelect('o.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .where("o.status IN ('pending', 'parked')")
      .groupBy('o.kind')
      .addGroupBy('o.status')
      .getRawMany();
    const zero = (): Record<OutboxKind, number> => ({ do_not_sms: 0, task_upsert: 0, task_status: 0 });
    const pending = zero();
    const parked = zero();
    for (const row of rows) (row.status === 'pending' ? pending : parked)[row.kind] = Number(row.count);
    const recentlyParked = await this.dataSource.getRepository(OutboxEntry).find({
      select: { id: true, kind: true, aggregateId: true, attempts: true, lastError: true, updatedAt: true },
      where: { status: 'parked' },
      order: { updatedAt: 'DESC', id: 'DESC' },
      take: 20,
    });
    return { apiBudget: this.budget.snapshot(), outbox: { pending, parked, recentlyParked } };
  }

  /** Parked entries (all, or those of `ids`) go back in the queue; the next activity flush retries them. */
  async requeueParked(ids?: number[]): Promise<{ requeued: number }> {
    return { requeued: await this.uow.run((manager) => this.outbox.requeueParked(manager, ids)) };
  }
}
