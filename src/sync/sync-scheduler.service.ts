import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { JobRunner } from './job-runner.service';
import type { SyncJob } from './sync-run.entity';

/** The cron expression of a job from the settings (MIRROR_CRON, …); null: not scheduled. */
export function scheduleOf(config: AppConfig, job: SyncJob): string | null {
  switch (job) {
    case 'mirror':
      return config.schedules.mirror;
    case 'full-resync':
      return config.schedules.fullResync;
    case 'activity-flush':
      return config.schedules.activityFlush;
    case 'reconcile':
      return config.schedules.reconcile;
  }
}

/**
 * Starts each registered job on its schedule. A tick only asks the runner to start the job; a
 * tick that finds it still running (here or in another process) is skipped quietly. A scheduled
 * mirror also runs once right after start, so a fresh service does not wait for its first tick
 * to know the prospects.
 */
@Injectable()
export class SyncScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('SyncScheduler');

  constructor(
    private readonly runner: JobRunner,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    for (const job of this.runner.registered()) {
      const cronTime = scheduleOf(this.config, job);
      if (!cronTime) continue;
      const cron = CronJob.from({ cronTime, onTick: () => this.tick(job), start: false, timeZone: 'UTC' });
      this.registry.addCronJob(`sync:${job}`, cron);
      cron.start();
      this.logger.log({ msg: 'sync job scheduled', job, cron: cronTime });
      if (job === 'mirror') setImmediate(() => void this.tick(job));
    }
  }

  private async tick(job: SyncJob): Promise<void> {
    try {
      await this.runner.start(job);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'JOB_RUNNING') {
        this.logger.debug({ msg: 'scheduled run skipped: still running', job });
        return;
      }
      this.logger.warn({ msg: 'scheduled sync job could not start', job, reason: error instanceof Error ? error.message : String(error) });
    }
  }
}
