import { Injectable } from '@nestjs/common';
import { ActivityFlushService } from './activity-flush.service';
import { ReconcileService } from './reconcile.service';
import type { JobProgress, JobStats, SyncJobHandler } from './sync-job';

/**
 * The two activity jobs as the job runner sees them (ACTIVITY_FLUSH_CRON / RECONCILE_CRON,
 * POST /api/admin/sync/{job}, `sync <job>`): each only delegates to its service.
 */
@Injectable()
export class ActivityFlushJob implements SyncJobHandler {
  readonly job = 'activity-flush' as const;

  constructor(private readonly flush: ActivityFlushService) {}

  run(progress: JobProgress): Promise<JobStats> {
    return this.flush.drain(progress);
  }
}

@Injectable()
export class ReconcileJob implements SyncJobHandler {
  readonly job = 'reconcile' as const;

  constructor(private readonly reconcile: ReconcileService) {}

  run(progress: JobProgress): Promise<JobStats> {
    return this.reconcile.run(progress);
  }
}
