import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobRunner } from './job-runner.service';
import { JobScheduler } from './job-scheduler.service';
import { SyncRunsStore } from './sync-runs.store';

/**
 * The jobs context: the runner every job goes through (API, schedules, CLI), its lease in
 * sync_runs, and the scheduler. A context adds a job by providing a JobHandler (job-handler.ts);
 * the runner discovers it. The CRM's API calls are counted through ApiCallMeter (provided by CrmModule).
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [JobRunner, JobScheduler, SyncRunsStore],
  exports: [JobRunner],
})
export class JobsModule {}
