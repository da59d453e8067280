import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import type { JobHandler, JobProgress } from '../../jobs/job-handler';
import { CrmMirrorService, MirrorStats } from './crm-mirror.service';

/** Both mirror jobs write the mirror, so they hold the same lock and exclude each other. */
const MIRROR_LOCK = 'crm-mirror';

/** `mirror`: the incremental run (MIRROR_CRON, POST /api/admin/sync/mirror, `sync mirror`); also runs at start. */
@Injectable()
export class MirrorJob implements JobHandler {
  readonly name = 'mirror';
  readonly lockKey = MIRROR_LOCK;
  readonly schedule: string | null;
  readonly runsAtStart = true;

  constructor(
    private readonly mirror: CrmMirrorService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.schedule = config.schedules.mirror;
  }

  run(progress: JobProgress): Promise<MirrorStats> {
    return this.mirror.run('incremental', progress);
  }
}

/** `full-resync` (FULL_RESYNC_CRON): re-reads everything and removes what Salesforce no longer has. */
@Injectable()
export class FullResyncJob implements JobHandler {
  readonly name = 'full-resync';
  readonly lockKey = MIRROR_LOCK;
  readonly schedule: string | null;

  constructor(
    private readonly mirror: CrmMirrorService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.schedule = config.schedules.fullResync;
  }

  run(progress: JobProgress): Promise<MirrorStats> {
    return this.mirror.run('full', progress);
  }
}
