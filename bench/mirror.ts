/**
 * `npm run bench:mirror [-- --n 1000000]`: the CRM mirror's initial load, measured.
 *
 * The Salesforce stand-in runs in its own child process (so its memory and CPU are not the
 * service's), seeded with N Contacts (default 100,000). This process is the service: the real
 * modules (createAppContext), the real jsforce adapter over HTTP, the real mirror job through the
 * job runner, into a fresh SQLite file. Prints the Salesforce API calls (the stand-in's own
 * counters and the run's stats), rows/s, and this process's peak RSS. The org's records were saved
 * over the past days (BENCH_ORG_DAYS, default 3), as in a live org, not all "now". Then the steady
 * state with the default MIRROR_OVERLAP_SECONDS: idle polls a minute apart, and a Do-Not-Call
 * saved in the org read by the next poll.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { createAppContext } from '../src/create-app';
import { ProspectDirectory } from '../src/crm/prospect-directory.service';
import { JobRunner, type SyncRunView } from '../src/jobs/job-runner.service';

process.env.LOG_LEVEL ??= 'silent';

type ToChild = { type: 'calls' } | { type: 'reset' } | { type: 'stop' } | { type: 'advance'; ms: number } | { type: 'doNotCall' };
type FromChild =
  | { type: 'ready'; url: string; accessToken: string; seeded: number; seedMs: number; contactIds: string[] }
  | { type: 'calls'; total: number; byEndpoint: Record<string, number> }
  | { type: 'saved'; id: string };

// ---- the stand-in's process ----

async function standInProcess(n: number): Promise<void> {
  const { SalesforceStandIn } = await import('../src/sandbox/salesforce');
  const sf = new SalesforceStandIn({ dailyApiMax: 10_000_000 });
  await sf.start();
  const started = Date.now();
  // saves spread evenly over the past days, as a live org's records are, the last an hour ago
  const days = Number(process.env.BENCH_ORG_DAYS ?? 3);
  const span = days * 86_400_000;
  sf.clock.freeze(new Date(Date.now() - span - 3_600_000));
  const accountId = sf.insert('Account', { Name: 'Bench Account' });
  const step = span / Math.max(1, n);
  const sample: string[] = [];
  for (let i = 0; i < n; i++) {
    sf.clock.advance(step);
    const id = sf.insert('Contact', {
      LastName: `Contact ${i}`,
      AccountId: accountId,
      MobilePhone: `+1415${String(2_000_000 + (i % 7_000_000)).padStart(7, '0')}`,
      ...(i % 3 === 0 ? { Phone: `(212) 555-${String(i % 10_000).padStart(4, '0')}` } : {}),
      SMS_Enrolled__c: i % 2 === 0,
      DoNotCall: i % 50 === 0,
    });
    if (i % 50 === 1 && sample.length < 100) sample.push(id);
  }
  sf.clock.unfreeze(); // the org's clock is real time again: the last save was a moment ago
  sf.clock.advance(60_000);
  sf.resetCalls();
  const send = (message: FromChild) => process.send!(message);
  send({ type: 'ready', url: sf.url, accessToken: sf.accessToken, seeded: n, seedMs: Date.now() - started, contactIds: sample });
  let next = 0;
  process.on('message', (message: ToChild) => {
    if (message.type === 'calls') send({ type: 'calls', ...sf.calls() });
    else if (message.type === 'reset') sf.resetCalls();
    else if (message.type === 'advance') sf.clock.advance(message.ms);
    else if (message.type === 'doNotCall') {
      const id = sample[next++ % sample.length];
      sf.update('Contact', id, { DoNotCall: true });
      send({ type: 'saved', id });
    } else void sf.stop().then(() => process.exit(0));
  });
}

// ---- the service's process ----

class QuietLogger implements LoggerService {
  log(): void {}
  warn(message: unknown): void {
    process.stderr.write(`warn: ${JSON.stringify(message)}\n`);
  }
  error(message: unknown): void {
    process.stderr.write(`error: ${JSON.stringify(message)}\n`);
  }
}

function ask(child: ChildProcess, message: ToChild, expect?: FromChild['type']): Promise<FromChild | void> {
  return new Promise((resolve) => {
    if (!expect) {
      child.send(message);
      resolve();
      return;
    }
    const onMessage = (answer: FromChild) => {
      if (answer.type !== expect) return;
      child.off('message', onMessage);
      resolve(answer);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

async function service(n: number): Promise<void> {
  // execArgv: [] — flags given to the service's node (a heap cap, a profiler) are not the stand-in's
  const child = fork(__filename, ['--stand-in', String(n)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  const ready = await new Promise<Extract<FromChild, { type: 'ready' }>>((resolve, reject) => {
    child.once('message', (m: FromChild) => (m.type === 'ready' ? resolve(m) : reject(new Error('unexpected message'))));
    child.once('exit', (code) => reject(new Error(`stand-in exited (${code})`)));
  });
  console.log(`stand-in (pid ${child.pid}) seeded ${ready.seeded.toLocaleString('en-US')} Contacts + 1 Account in ${(ready.seedMs / 1000).toFixed(1)} s`);

  const dir = mkdtempSync(join(tmpdir(), 'bench-mirror-'));
  const dbFile = join(dir, 'mirror.db');
  const config = loadConfig(
    {
      DATABASE_URL: `sqlite:${dbFile}`,
      ADMIN_API_KEY: 'bench-admin-key-0123456789',
      SALESFORCE_INSTANCE_URL: ready.url,
      SALESFORCE_ACCESS_TOKEN: ready.accessToken,
      TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'bench-twilio-auth-token',
      MIRROR_CRON: 'off',
      FULL_RESYNC_CRON: 'off',
      ACTIVITY_FLUSH_CRON: 'off',
      RECONCILE_CRON: 'off',
    },
    'live',
  );
  const context = await createAppContext(config, new QuietLogger());
  const runner = context.get(JobRunner);
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);

  const started = process.hrtime.bigint();
  const run = await runner.runToCompletion('mirror');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const calls = (await ask(child, { type: 'calls' }, 'calls')) as Extract<FromChild, { type: 'calls' }>;
  report(run, seconds, calls, n, baseline, peak);

  // steady state, polls a minute apart as MIRROR_CRON does by default
  const poll = async (label: string) => {
    await ask(child, { type: 'advance', ms: 60_000 });
    await ask(child, { type: 'reset' });
    const t0 = process.hrtime.bigint();
    const result = await runner.runToCompletion('mirror');
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const made = (await ask(child, { type: 'calls' }, 'calls')) as Extract<FromChild, { type: 'calls' }>;
    console.log(`${label}: ${result.status}, read ${result.stats.recordsRead}, Salesforce API calls ${made.total} (stand-in) / ${result.stats.salesforceApiCalls} (run), ${ms.toFixed(0)} ms`);
    return { result, ms };
  };
  for (let i = 1; i <= 3; i++) await poll(`idle poll ${i} (last edit over an hour ago)`);

  const saved = (await ask(child, { type: 'doNotCall' }, 'saved')) as Extract<FromChild, { type: 'saved' }>;
  const { ms } = await poll('poll after a Do-Not-Call saved in the org');
  const directory = context.get(ProspectDirectory);
  const applied = (await directory.findById(saved.id))?.doNotCall === true;
  console.log(`  Do-Not-Call applied by that poll: ${applied ? 'yes' : 'NO'}; save → refused send ≤ one poll interval (60 s with MIRROR_CRON's default) + ${(ms / 1000).toFixed(2)} s`);
  for (let i = 1; i <= 6; i++) await poll(`poll ${i} min after it (re-reads the overlap: ${i <= 5 ? 'still within' : 'past'} 300 s)`);
  if (!applied) process.exitCode = 1;

  const dataSource = context.get(DataSource);
  const [{ prospects }] = await dataSource.query('SELECT COUNT(*) AS prospects FROM prospects');
  const [{ phones }] = await dataSource.query('SELECT COUNT(*) AS phones FROM prospect_phones');
  console.log(`database: ${Number(prospects).toLocaleString('en-US')} prospects, ${Number(phones).toLocaleString('en-US')} phone index rows, ${(statSync(dbFile).size / 2 ** 20).toFixed(0)} MB file`);

  await context.close();
  await dataSource.destroy();
  await ask(child, { type: 'stop' });
  rmSync(dir, { recursive: true, force: true });
  if (run.status !== 'succeeded') process.exitCode = 1;
}

function report(run: SyncRunView, seconds: number, calls: { total: number; byEndpoint: Record<string, number> }, n: number, baseline: number, peak: number): void {
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const budget = Math.ceil(n / 2000) + 2;
  const stats = run.stats;
  console.log(`initial load: ${run.status}${run.error ? ` (${run.error})` : ''} in ${seconds.toFixed(2)} s`);
  console.log(`  records read ${stats.recordsRead?.toLocaleString('en-US')}, upserted ${stats.recordsUpserted?.toLocaleString('en-US')}, phone warnings ${stats.phoneWarnings}`);
  console.log(`  rows/s ${Math.round((stats.recordsRead ?? 0) / seconds).toLocaleString('en-US')}`);
  console.log(`  Salesforce API calls ${calls.total} (stand-in: ${JSON.stringify(calls.byEndpoint)}; run stats: ${stats.salesforceApiCalls}; budget ⌈N/2000⌉+2 = ${budget})`);
  console.log(`  service RSS: ${mb(baseline)} before, peak ${mb(peak)} sampled, maxRSS ${mb(maxRss)}`);
}

function argN(argv: string[]): number {
  const at = argv.findIndex((a) => a === '--n' || a.startsWith('--n='));
  if (at < 0) return Number(process.env.BENCH_N ?? 100_000);
  const raw = argv[at].includes('=') ? argv[at].split('=')[1] : argv[at + 1];
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--n must be a positive whole number, got ${raw}`);
  return n;
}

const argv = process.argv.slice(2);
if (argv[0] === '--stand-in') {
  standInProcess(Number(argv[1])).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  service(argN(argv)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
