import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { JobHandler, JobStats } from '../../jobs/job-handler';
import { KeywordReplySweep } from './keyword-reply-sweep.service';

/**
 * `keyword-replies`: the sweep that sends keyword replies left queued (REPLY_SWEEP_CRON, and once
 * at boot; POST /api/admin/sync/keyword-replies). It makes no Salesforce calls.
 */
@Injectable()
export class KeywordRepliesJob implements JobHandler {
  readonly name = 'keyword-replies';
  readonly lockKey = 'keyword-replies';
  readonly schedule: string | null;
  readonly runsAtStart = true;

  constructor(
    private readonly sweep: KeywordReplySweep,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.schedule = config.schedules.replySweep;
  }

  async run(): Promise<JobStats> {
    return { ...(await this.sweep.sweep()), salesforceApiCalls: 0 };
  }
}
