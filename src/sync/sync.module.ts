import { Module } from '@nestjs/common';
import { CrmMirrorModule } from '../crm/crm-mirror.module';
import { ActivityModule } from './activity.module';
import { SyncAdminController } from './sync-admin.controller';
import { SyncStatusService } from './sync-status.service';

/**
 * The sync admin API (`/api/admin/sync`): start a job and read its run (through the JobRunner of
 * the jobs context), requeue parked outbox entries, and the status of the mirror, the outbox, the
 * API budget and every job.
 */
@Module({
  imports: [ActivityModule, CrmMirrorModule],
  controllers: [SyncAdminController],
  providers: [SyncStatusService],
})
export class SyncModule {}
