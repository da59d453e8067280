import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { createAppContext } from '../create-app';
import { JobRunner, type SyncRunView } from '../jobs/job-runner.service';
import type { JobStats } from '../jobs/job-handler';
import type { CliIo } from './cli';
import { asCommandLine } from './cli-config';
import { CliError } from './cli-error';
import { progressBar } from './progress-bar';

/**
 * `sync <job>` (mirror, full-resync, activity-flush, reconcile, …: the jobs the service's handlers
 * declare): runs the job in this process, through the same runner as the service (recorded in
 * sync_runs; refused while the service runs it). A progress bar on a terminal, then one summary
 * line. Exit 0 when the run succeeded, 1 otherwise.
 */
export async function syncCommand(args: string[], io: CliIo, loadConfig: () => Promise<AppConfig>): Promise<number> {
  const job = args[0];
  const config = asCommandLine(await loadConfig());
  if (config.mode === 'sandbox') throw new CliError(SANDBOX_HINT);
  const context = await createAppContext(config);
  try {
    const jobs = context.get(JobRunner).registered();
    if (!job || !jobs.includes(job) || args.length > 1) throw new CliError(`usage: sync ${jobs.join('|')}`);
    const bar = io.isTty ? progressBar(io.write ?? ((text) => process.stdout.write(text))) : null;
    let run: SyncRunView;
    try {
      run = await context.get(JobRunner).runToCompletion(job, bar ?? undefined);
    } finally {
      bar?.end();
    }
    if (run.status === 'succeeded') {
      io.out(`sync ${job} succeeded in ${seconds(run.stats)}: ${describeStats(run.stats)} (run ${run.runId})`);
      return 0;
    }
    io.err(`sms-crm-sync: sync ${job} failed after ${seconds(run.stats)}: ${(run.error ?? 'unknown reason').replace(/\s+/g, ' ')} (${describeStats(run.stats)}; run ${run.runId})`);
    return 1;
  } finally {
    await context.close();
    const dataSource = context.get(DataSource);
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

export const SANDBOX_HINT =
  'no Salesforce settings: in sandbox mode the stand-ins live inside the running service; start a job there with POST /api/admin/sync/{job}, or set SALESFORCE_* and TWILIO_* (see README)';

const LABELS: Record<string, string> = {
  recordsRead: 'read',
  recordsUpserted: 'upserted',
  recordsRemoved: 'removed',
  phoneWarnings: 'phone warnings',
};
const HIDDEN = new Set(['durationMs', 'salesforceApiCalls', 'recordsWritten']);

/** `read 100,000, upserted 99,990, removed 10, …, Salesforce API calls 52`: the API calls always last. */
export function describeStats(stats: JobStats): string {
  const known = Object.keys(LABELS).filter((key) => key in stats);
  const others = Object.keys(stats).filter((key) => !(key in LABELS) && !HIDDEN.has(key));
  const parts = [...known, ...others].map((key) => `${LABELS[key] ?? words(key)} ${fmt(stats[key])}`);
  parts.push(`Salesforce API calls ${fmt(stats.salesforceApiCalls ?? 0)}`);
  return parts.join(', ');
}

function words(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function fmt(value: number | undefined): string {
  return (value ?? 0).toLocaleString('en-US');
}

function seconds(stats: JobStats): string {
  return `${((stats.durationMs ?? 0) / 1000).toFixed(1)} s`;
}
