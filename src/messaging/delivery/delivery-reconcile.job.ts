import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { JobHandler, JobProgress, JobStats } from '../../jobs/job-handler';
import { DeliveryReconcileService } from './delivery-reconcile.service';

/**
 * `delivery-reconcile` (DELIVERY_RECONCILE_CRON, every 5 minutes by default;
 * POST /api/admin/sync/delivery-reconcile; `sync delivery-reconcile`): asks Twilio for the truth
 * about sends of unknown outcome or status. It makes no Salesforce calls (the Task updates it
 * queues go out with the next activity flush).
 */
@Injectable()
export class DeliveryReconcileJob implements JobHandler {
  readonly name = 'delivery-reconcile';
  readonly lockKey = 'delivery-reconcile';
  readonly schedule: string | null;

  constructor(
    private readonly reconcile: DeliveryReconcileService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.schedule = config.schedules.deliveryReconcile;
  }

  run(progress: JobProgress): Promise<JobStats> {
    return this.reconcile.run(progress);
  }
}
