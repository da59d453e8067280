import { Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { DomainError } from '../common/domain-error';
import { ShutdownSignal } from '../common/shutdown-signal';
import { JobRunner } from './job-runner.service';

/**
 * Starts each registered job on the schedule its handler declares (from its setting: MIRROR_CRON,
 * REPLY_SWEEP_CRON, …; null: not scheduled). A tick only asks the runner to start the job; a tick
 * that finds it still running (here or in another process) is skipped quietly. A job that
 * `runsAtStart` (the mirror, the keyword-reply sweep) also runs once right after start, so a
 * fresh service does not wait for its first tick. When the instance starts draining (SIGTERM) every
 * schedule stops: no run starts here any more.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('JobScheduler');

  constructor(
    private readonly runner: JobRunner,
    private readonly registry: SchedulerRegistry,
    @Optional() private readonly shutdown?: ShutdownSignal,
  ) {}

  onApplicationBootstrap(): void {
    this.shutdown?.onDrain(() => this.stopAll());
    for (const job of this.runner.registered()) {
      const handler = this.runner.handler(job);
      const cronTime = handler?.schedule;
      if (!handler || !cronTime) continue;
      const cron = CronJob.from({ cronTime, onTick: () => this.tick(job), start: false, timeZone: 'UTC' });
      this.registry.addCronJob(cronJobName(job), cron);
      cron.start();
      this.logger.log({ msg: 'job scheduled', job, cron: cronTime });
      if (handler.runsAtStart) setImmediate(() => void this.tick(job));
    }
  }

  private stopAll(): void {
    for (const job of this.runner.registered()) {
      if (this.registry.doesExist('cron', cronJobName(job))) void this.registry.getCronJob(cronJobName(job)).stop();
    }
  }

  private async tick(job: string): Promise<void> {
    if (this.shutdown?.draining) return;
    try {
      await this.runner.start(job);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'JOB_RUNNING') {
        this.logger.debug({ msg: 'scheduled run skipped: still running', job });
        return;
      }
      this.logger.warn({ msg: 'scheduled job could not start', job, reason: error instanceof Error ? error.message : String(error) });
    }
  }
}

/** The name of a job's cron in Nest's SchedulerRegistry. */
export function cronJobName(job: string): string {
  return `job:${job}`;
}
