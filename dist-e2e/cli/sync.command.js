"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SANDBOX_HINT = void 0;
exports.syncCommand = syncCommand;
exports.describeStats = describeStats;
const typeorm_1 = require("typeorm");
const create_app_1 = require("../create-app");
const job_runner_service_1 = require("../jobs/job-runner.service");
const cli_error_1 = require("./cli-error");
const progress_bar_1 = require("./progress-bar");
/**
 * `sync <job>` (mirror, full-resync, activity-flush, reconcile, …: the jobs the service's handlers
 * declare): runs the job in this process, through the same runner as the service (recorded in
 * sync_runs; refused while the service runs it). A progress bar on a terminal, then one summary
 * line. Exit 0 when the run succeeded, 1 otherwise.
 */
async function syncCommand(args, io, loadConfig) {
    const job = args[0];
    const config = withoutSchedules(await loadConfig());
    if (config.mode === 'sandbox')
        throw new cli_error_1.CliError(exports.SANDBOX_HINT);
    const context = await (0, create_app_1.createAppContext)(config);
    try {
        const jobs = context.get(job_runner_service_1.JobRunner).registered();
        if (!job || !jobs.includes(job) || args.length > 1)
            throw new cli_error_1.CliError(`usage: sync ${jobs.join('|')}`);
        const bar = io.isTty ? (0, progress_bar_1.progressBar)(io.write ?? ((text) => process.stdout.write(text))) : null;
        let run;
        try {
            run = await context.get(job_runner_service_1.JobRunner).runToCompletion(job, bar ?? undefined);
        }
        finally {
            bar?.end();
        }
        if (run.status === 'succeeded') {
            io.out(`sync ${job} succeeded in ${seconds(run.stats)}: ${describeStats(run.stats)} (run ${run.runId})`);
            return 0;
        }
        io.err(`sms-crm-sync: sync ${job} failed after ${seconds(run.stats)}: ${(run.error ?? 'unknown reason').replace(/\s+/g, ' ')} (${describeStats(run.stats)}; run ${run.runId})`);
        return 1;
    }
    finally {
        await context.close();
        const dataSource = context.get(typeorm_1.DataSource);
        if (dataSource.isInitialized)
            await dataSource.destroy();
    }
}
exports.SANDBOX_HINT = 'no Salesforce settings: in sandbox mode the stand-ins live inside the running service; start a job there with POST /api/admin/sync/{job}, or set SALESFORCE_* and TWILIO_* (see README)';
/** The CLI runs one job and leaves; schedules belong to the service. */
function withoutSchedules(config) {
    return { ...config, schedules: { mirror: null, fullResync: null, activityFlush: null, reconcile: null, replySweep: null } };
}
const LABELS = {
    recordsRead: 'read',
    recordsUpserted: 'upserted',
    recordsRemoved: 'removed',
    phoneWarnings: 'phone warnings',
};
const HIDDEN = new Set(['durationMs', 'salesforceApiCalls', 'recordsWritten']);
/** `read 100,000, upserted 99,990, removed 10, …, Salesforce API calls 52`: the API calls always last. */
function describeStats(stats) {
    const known = Object.keys(LABELS).filter((key) => key in stats);
    const others = Object.keys(stats).filter((key) => !(key in LABELS) && !HIDDEN.has(key));
    const parts = [...known, ...others].map((key) => `${LABELS[key] ?? words(key)} ${fmt(stats[key])}`);
    parts.push(`Salesforce API calls ${fmt(stats.salesforceApiCalls ?? 0)}`);
    return parts.join(', ');
}
function words(key) {
    return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
function fmt(value) {
    return (value ?? 0).toLocaleString('en-US');
}
function seconds(stats) {
    return `${((stats.durationMs ?? 0) / 1000).toFixed(1)} s`;
}
//# sourceMappingURL=sync.command.js.map