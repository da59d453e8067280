import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { ActivityStatusService, type ActivitySyncStatus } from './activity-status.service';
import { OutboxEntry } from './outbox-entry.entity';
import { JobRunner, SYNC_JOBS, type SyncRunView } from './job-runner.service';
import { scheduleOf } from './sync-scheduler.service';
import type { SyncJob } from './sync-run.entity';
import { SyncWatermark } from './sync-watermark.entity';

export interface SyncStatus extends ActivitySyncStatus {
  watermarks: { object: string; lastModstamp: string; lastId: string; updatedAt: string }[];
  /** CRM writes waiting in the outbox (status pending) */
  outboxDepth: number;
  /** CRM writes given up on, waiting for an operator */
  outboxParked: number;
  jobs: Record<SyncJob, { registered: boolean; running: boolean; schedule: string | null; lastRun: SyncRunView | null }>;
}

/**
 * GET /api/admin/sync/status: where the mirror stands, what waits in the outbox (in total, by kind,
 * and the latest parked entries with their reason), the Salesforce API budget, how each job last ended.
 */
@Injectable()
export class SyncStatusService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: JobRunner,
    private readonly activity: ActivityStatusService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async status(): Promise<SyncStatus> {
    const outbox = this.dataSource.getRepository(OutboxEntry);
    const [watermarks, outboxDepth, outboxParked, lastRuns, { apiBudget, outbox: byKind }] = await Promise.all([
      this.dataSource.getRepository(SyncWatermark).find({ order: { objectName: 'ASC' } }),
      outbox.countBy({ status: 'pending' }),
      outbox.countBy({ status: 'parked' }),
      this.runner.lastRuns(),
      this.activity.status(),
    ]);
    const registered = new Set(this.runner.registered());
    const jobs = Object.fromEntries(
      SYNC_JOBS.map((job) => [
        job,
        {
          registered: registered.has(job),
          running: this.runner.isRunning(job) || lastRuns[job]?.status === 'running',
          schedule: registered.has(job) ? scheduleOf(this.config, job) : null,
          lastRun: lastRuns[job],
        },
      ]),
    ) as SyncStatus['jobs'];
    return {
      watermarks: watermarks.map((w) => ({ object: w.objectName, lastModstamp: w.lastModstamp, lastId: w.lastId, updatedAt: w.updatedAt })),
      outboxDepth,
      outboxParked,
      outbox: byKind,
      apiBudget,
      jobs,
    };
  }
}
