import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { JobHandler, JobProgress, JobStats } from '../jobs/job-handler';
import { ActivityFlushService } from './activity-flush.service';
import { ReconcileService } from './reconcile.service';

/**
 * The two activity jobs as the job runner sees them (ACTIVITY_FLUSH_CRON / RECONCILE_CRON,
 * POST /api/admin/sync/{job}, `sync <job>`): each only delegates to its service.
 */
@Injectable()
export class ActivityFlushJob implements JobHandler {
  readonly name = 'activity-flush';
  readonly lockKey = 'activity-flush';
  /** flushes on several instances share the outbox: each claims its own batches */
  readonly scope = 'instance';
  readonly schedule: string | null;

  constructor(
    private readonly flush: ActivityFlushService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.schedule = config.schedules.activityFlush;
  }

  run(progress: JobProgress): Promise<JobStats> {
    return this.flush.drain(progress);
  }
}

@Injectable()
export class ReconcileJob implements JobHandler {
  readonly name = 'reconcile';
  readonly lockKey = 'reconcile';
  readonly schedule: string | null;

  constructor(
    private readonly reconcile: ReconcileService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.schedule = config.schedules.reconcile;
  }

  run(progress: JobProgress): Promise<JobStats> {
    return this.reconcile.run(progress);
  }
}
