import { Injectable } from '@nestjs/common';
import type { JobProgress, SyncJobHandler } from '../../sync/sync-job';
import { CrmMirrorService, MirrorStats } from './crm-mirror.service';

/** `mirror`: the incremental run (MIRROR_CRON, POST /api/admin/sync/mirror, `sync mirror`). */
@Injectable()
export class MirrorJob implements SyncJobHandler {
  readonly job = 'mirror' as const;

  constructor(private readonly mirror: CrmMirrorService) {}

  run(progress: JobProgress): Promise<MirrorStats> {
    return this.mirror.run('incremental', progress);
  }
}

/** `full-resync`: re-reads everything and removes what Salesforce no longer has. */
@Injectable()
export class FullResyncJob implements SyncJobHandler {
  readonly job = 'full-resync' as const;

  constructor(private readonly mirror: CrmMirrorService) {}

  run(progress: JobProgress): Promise<MirrorStats> {
    return this.mirror.run('full', progress);
  }
}
