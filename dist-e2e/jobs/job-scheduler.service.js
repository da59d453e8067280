"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.JobScheduler = void 0;
exports.cronJobName = cronJobName;
const common_1 = require("@nestjs/common");
const schedule_1 = require("@nestjs/schedule");
const cron_1 = require("cron");
const domain_error_1 = require("../common/domain-error");
const job_runner_service_1 = require("./job-runner.service");
/**
 * Starts each registered job on the schedule its handler declares (from its setting: MIRROR_CRON,
 * REPLY_SWEEP_CRON, …; null: not scheduled). A tick only asks the runner to start the job; a tick
 * that finds it still running (here or in another process) is skipped quietly. A job that
 * `runsAtStart` (the mirror, the keyword-reply sweep) also runs once right after start, so a
 * fresh service does not wait for its first tick.
 */
let JobScheduler = class JobScheduler {
    runner;
    registry;
    logger = new common_1.Logger('JobScheduler');
    constructor(runner, registry) {
        this.runner = runner;
        this.registry = registry;
    }
    onApplicationBootstrap() {
        for (const job of this.runner.registered()) {
            const handler = this.runner.handler(job);
            const cronTime = handler?.schedule;
            if (!handler || !cronTime)
                continue;
            const cron = cron_1.CronJob.from({ cronTime, onTick: () => this.tick(job), start: false, timeZone: 'UTC' });
            this.registry.addCronJob(cronJobName(job), cron);
            cron.start();
            this.logger.log({ msg: 'job scheduled', job, cron: cronTime });
            if (handler.runsAtStart)
                setImmediate(() => void this.tick(job));
        }
    }
    async tick(job) {
        try {
            await this.runner.start(job);
        }
        catch (error) {
            if (error instanceof domain_error_1.DomainError && error.code === 'JOB_RUNNING') {
                this.logger.debug({ msg: 'scheduled run skipped: still running', job });
                return;
            }
            this.logger.warn({ msg: 'scheduled job could not start', job, reason: error instanceof Error ? error.message : String(error) });
        }
    }
};
exports.JobScheduler = JobScheduler;
exports.JobScheduler = JobScheduler = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [job_runner_service_1.JobRunner,
        schedule_1.SchedulerRegistry])
], JobScheduler);
/** The name of a job's cron in Nest's SchedulerRegistry. */
function cronJobName(job) {
    return `job:${job}`;
}
//# sourceMappingURL=job-scheduler.service.js.map