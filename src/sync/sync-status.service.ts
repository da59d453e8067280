import { Injectable, OnModuleInit } from '@nestjs/common';
import { registerLiveGauge } from '../health/metrics';
import { ActivityStatusService, type ActivitySyncStatus } from './activity-status.service';
import { OutboxStore } from '../outbox/outbox.store';
import { JobRunner, type SyncRunView } from '../jobs/job-runner.service';
import { WatermarksStore } from '../crm/mirror/watermarks.store';

export interface SyncStatus extends ActivitySyncStatus {
  watermarks: { object: string; lastModstamp: string; lastId: string; updatedAt: string }[];
  /** CRM writes waiting in the outbox (status pending) */
  outboxDepth: number;
  /** CRM writes given up on, waiting for an operator */
  outboxParked: number;
  /** every job of this service, by name */
  jobs: Record<string, { registered: boolean; running: boolean; schedule: string | null; lastRun: SyncRunView | null }>;
}

/** Jobs whose lag /metrics shows: `sms_sync_<job>_last_success_age_seconds`. */
export const LAG_GAUGE_JOBS = ['mirror', 'activity-flush', 'reconcile'] as const;

/**
 * GET /api/admin/sync/status: where the mirror stands, what waits in the outbox (in total, by kind,
 * and the latest parked entries with their reason), the Salesforce API budget, how each job last ended.
 * On /metrics: the job lag, seconds since each of LAG_GAUGE_JOBS last succeeded on any instance.
 */
@Injectable()
export class SyncStatusService implements OnModuleInit {
  constructor(
    private readonly runner: JobRunner,
    private readonly activity: ActivityStatusService,
    private readonly watermarks: WatermarksStore,
    private readonly outbox: OutboxStore,
  ) {}

  onModuleInit(): void {
    for (const job of LAG_GAUGE_JOBS) {
      registerLiveGauge(`sms_sync_${job.replace(/-/g, '_')}_last_success_age_seconds`, `Seconds since the ${job} job last succeeded on any instance (-1: no success recorded in the last 7 days)`, () =>
        this.runner.lastSuccessAgeSeconds(job),
      );
    }
  }

  async status(): Promise<SyncStatus> {
    const [watermarks, outboxDepth, outboxParked, lastRuns, { apiBudget, outbox: byKind }] = await Promise.all([
      this.watermarks.all(),
      this.outbox.countByStatus('pending'),
      this.outbox.countByStatus('parked'),
      this.runner.lastRuns(),
      this.activity.status(),
    ]);
    const jobs: SyncStatus['jobs'] = Object.fromEntries(
      this.runner.registered().map((job) => [
        job,
        {
          registered: true,
          running: this.runner.isRunning(job) || lastRuns[job]?.status === 'running',
          schedule: this.runner.handler(job)?.schedule ?? null,
          lastRun: lastRuns[job] ?? null,
        },
      ]),
    );
    return {
      watermarks: watermarks.map((w) => ({ object: w.objectName, lastModstamp: w.modstamp, lastId: w.id, updatedAt: w.updatedAt })),
      outboxDepth,
      outboxParked,
      outbox: byKind,
      apiBudget,
      jobs,
    };
  }
}
