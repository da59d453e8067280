import { Module } from '@nestjs/common';
import { ActivityModule } from './activity.module';
import { SyncAdminController } from './sync-admin.controller';
import { SyncStatusService } from './sync-status.service';

/**
 * The sync admin API (`/api/admin/sync`): start a job and read its run (through the JobRunner of
 * the jobs context), requeue parked outbox entries, and the status of the mirror, the outbox, the
 * API budget and every job.
 */
@Module({
  imports: [ActivityModule],
  controllers: [SyncAdminController],
  providers: [SyncStatusService],
})
export class SyncModule {}
