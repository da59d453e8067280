import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ActivityModule } from './activity.module';
import { JobRunner } from './job-runner.service';
import { SyncAdminController } from './sync-admin.controller';
import { SyncScheduler } from './sync-scheduler.service';
import { SyncStatusService } from './sync-status.service';

/**
 * The job runner every sync job goes through (API, schedules, CLI). A module adds a job by
 * providing a SyncJobHandler; the runner finds it.
 */
@Module({
  imports: [DiscoveryModule, ActivityModule],
  controllers: [SyncAdminController],
  providers: [JobRunner, SyncStatusService, SyncScheduler],
  exports: [JobRunner],
})
export class SyncModule {}
