/**
 * `npm run bench`: what sends, inbound webhooks and thread pages cost as the stored history grows,
 * on SQLite or PostgreSQL. Writes BENCHMARKS.md and bench-results.json (bench/volume/report.ts).
 *
 * Each volume (an empty database; the history pre-filled by bulk SQL, bench/volume/fill.ts) gets a
 * database of its own and the built service booted on it in its own process, against the in-repo
 * stand-ins; they take real HTTP load from this process (bench/volume/load.ts) in turns, run by run.
 *
 * Settings (environment):
 *   BENCH_DATABASE_URL  postgres://… : a server on which a scratch database is created and dropped;
 *                       unset: a fresh SQLite file (WAL) in the temp directory
 *   BENCH_HISTORY       messages pre-filled (default 1,000,000); BENCH_VOLUMES a list instead
 *                       (default "0,<BENCH_HISTORY>")
 *   BENCH_PROSPECTS     (10,000)  BENCH_CONCURRENCY (32)  BENCH_SECONDS (10)  BENCH_RUNS (3)
 *   BENCH_QUICK=1       a small, short run (20,000 messages, 1,000 prospects, 1 × 3 s) to try it out
 *   BENCH_NODE_FLAGS    passed to the service's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`
 *   BENCH_ONLY          "sends", "inbound" or "thread" (a comma list): measure only these, to profile one
 *                       path; BENCHMARKS.md is not rewritten then
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../src/config/app-config';
import { dataSourceOptions, openDatabase } from '../src/database/data-source';
import { THREAD_PAGE_DEFAULT } from '../src/messaging/thread-page';
import { SalesforceStandIn } from '../src/sandbox/salesforce';
import { SCHEDULES_OFF, standInEnv } from '../src/sandbox/sandbox';
import { TwilioStandIn, twilioSignature } from '../src/sandbox/twilio';
import { fillHistory, prospectId, prospectPhone, repApiKey, repNumber, REPS, seedWorld } from './volume/fill';
import { closedLoop, LoadResult, median, sendEach, Shot, sleep } from './volume/load';
import { AllResults, EngineResults, LoadFigure, renderMarkdown, VolumeFigures } from './volume/report';
import { freePort, serviceCpuMs, stopService } from './support/service-process';

const QUICK = process.env.BENCH_QUICK === '1';
const num = (name: string, normal: number, quick: number) => Number(process.env[name] ?? (QUICK ? quick : normal));
const HISTORY = num('BENCH_HISTORY', 1_000_000, 20_000);
const VOLUMES = (process.env.BENCH_VOLUMES ?? `0,${HISTORY}`).split(',').map(Number);
const PROSPECTS = num('BENCH_PROSPECTS', 10_000, 1_000);
const CONCURRENCY = num('BENCH_CONCURRENCY', 32, 32);
const SECONDS = num('BENCH_SECONDS', 10, 3);
const RUNS = num('BENCH_RUNS', 3, 1);
const WARMUP = QUICK ? 1 : 3;
const THREAD_SECONDS = QUICK ? 2 : 10;
/** threads whose pages are measured (fillThreads), and what each holds at least: a page and the next page's first */
const THREADS = QUICK ? 100 : 1_000;
const FULL_THREAD = THREAD_PAGE_DEFAULT + 1;
const ROOT = join(__dirname, '..', '..');
const ONLY = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const measures = (what: 'sends' | 'inbound' | 'thread') => !ONLY || ONLY.includes(what);
const SKIPPED: LoadFigure = { perSecond: NaN, runs: [], p99Runs: [], p50: NaN, p99: NaN, cpuMs: NaN, answered: 0, errors: 0 };

/** A server under load: a service, or the machine's reference (bench/volume/reference-server.ts). */
interface LoadTarget {
  label: string;
  service: ChildProcess;
  baseUrl: string;
  webhookUrl: string;
}

/** One volume under measurement: its own database, filled once, and its own running service. */
interface Subject extends LoadTarget {
  volume: number;
  /** messages stored when its measurements started */
  messages: number;
  config: DatabaseConfig;
  /** (rep, prospect) of each text its sends phase asked for: the conversations its replies answer */
  texted: [number, number][];
}

async function main(): Promise<void> {
  const salesforce = new SalesforceStandIn();
  await salesforce.start();
  const twilio = await new TwilioStandIn({ callbackMode: 'manual' }).start();
  const targets: Target[] = [];
  const subjects: Subject[] = [];
  let reference: LoadTarget | undefined;
  let results: EngineResults | undefined;
  try {
    // each volume its own database, filled before any is measured: the services then take their
    // runs in turn, so the machine's drift over the bench (this VM's rates wander by 10% over
    // minutes) falls on every volume alike rather than on whichever was measured last
    let fillSeconds = 0;
    for (const volume of VOLUMES) {
      const target = await prepareDatabase();
      targets.push(target);
      fillSeconds += await fillDatabase(target, volume);
    }
    for (const [i, volume] of VOLUMES.entries()) subjects.push(await startSubject(volume, targets[i].config, salesforce, twilio));
    if (measures('inbound')) reference = await startReference(twilio);
    const measured = await measure(subjects, twilio, reference);
    results = {
      engine: targets[0].engine,
      database: targets[0].description,
      date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      machine: { cpus: cpus().length, model: cpus()[0]?.model.trim() ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      settings: { concurrency: CONCURRENCY, seconds: SECONDS, runs: RUNS, prospects: PROSPECTS, reps: REPS, quick: QUICK },
      fillSeconds,
      volumes: measured.volumes,
      reference: measured.reference,
    };
  } finally {
    for (const subject of subjects) await stopService(subject.service);
    if (reference) await stopService(reference.service);
    await twilio.stop();
    await salesforce.stop();
    for (const target of targets) await target.drop();
  }
  if (ONLY) {
    log(`BENCH_ONLY=${ONLY.join(',')}: BENCHMARKS.md and bench-results.json left as they were`);
    return;
  }
  const file = join(ROOT, 'bench-results.json');
  const all: AllResults = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as AllResults) : {};
  all[results.engine] = results;
  writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
  writeFileSync(join(ROOT, 'BENCHMARKS.md'), renderMarkdown(all));
  log('wrote BENCHMARKS.md and bench-results.json');
}

/**
 * The world (reps, numbers, prospects) and `volume` messages of history, checkpointed; the fill's
 * connection closed after. Returns the seconds the history took.
 */
async function fillDatabase(target: Target, volume: number): Promise<number> {
  // closed before the services start: its background checkpointer would otherwise copy the
  // service's WAL too, on the cores the load needs
  const ds = await openDatabase(target.config);
  try {
    await seedWorld(ds, PROSPECTS);
    const t0 = performance.now();
    let shown = 0;
    if (volume > 0) {
      await fillHistory(ds, PROSPECTS, volume, (done) => {
        if (done - shown >= 100_000 || done === volume) {
          shown = done;
          log(`history: ${done.toLocaleString('en-US')} messages (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
        }
      });
    }
    // statistics on every volume alike, the empty one included (what autovacuum gives a live
    // database): never analyzed, an empty PostgreSQL database measured ~40% slower
    if (target.engine === 'postgres') await ds.query('VACUUM ANALYZE');
    if (volume === 0) return 0;
    const seconds = (performance.now() - t0) / 1000;
    await settleOnDisk(ds, target.config);
    return seconds;
  } finally {
    await ds.destroy();
  }
}

/** The built service booted on one volume's database, against the stand-ins. */
async function startSubject(volume: number, config: DatabaseConfig, salesforce: SalesforceStandIn, twilio: TwilioStandIn): Promise<Subject> {
  const messages = await withReader(config, async (ds) => {
    const [{ count }] = (await ds.query('SELECT COUNT(*) AS count FROM messages')) as { count: string | number }[];
    return Number(count);
  });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const service = await startService({
    ...standInEnv(salesforce, twilio),
    PORT: String(port),
    PUBLIC_BASE_URL: baseUrl,
    DATABASE_URL: config.type === 'sqlite' ? `sqlite:${config.path}` : config.url,
    ADMIN_API_KEY: randomBytes(24).toString('hex'),
    ...SCHEDULES_OFF,
    QUIET_HOURS: 'off',
    LOG_LEVEL: 'silent',
  });
  log(`${label(volume)}: service started on ${messages.toLocaleString('en-US')} stored messages`);
  return { label: label(volume), volume, messages, config, service, baseUrl, webhookUrl: `${baseUrl}/webhooks/twilio/sms`, texted: [] };
}

const label = (volume: number) => `${volume.toLocaleString('en-US')} history`;

/** The bare node:http server that takes the inbound load in the same rotation (bench/volume/reference-server.ts). */
async function startReference(twilio: TwilioStandIn): Promise<LoadTarget> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const service = await startProcess([join(__dirname, 'volume', 'reference-server.js')], { PORT: String(port), PUBLIC_BASE_URL: baseUrl, TWILIO_AUTH_TOKEN: twilio.authToken });
  return { label: 'bare node:http reference', service, baseUrl, webhookUrl: `${baseUrl}/webhooks/twilio/sms` };
}

/**
 * Sends, inbound and thread pages on every volume, each phase's runs taken by the volumes in turn;
 * the reference takes its inbound runs in the same turns.
 */
async function measure(subjects: Subject[], twilio: TwilioStandIn, reference: LoadTarget | undefined): Promise<{ volumes: VolumeFigures[]; reference: LoadFigure | null }> {
  const pick = (n: number) => Math.floor(Math.random() * n);
  const auth = (r: number) => ({ authorization: `Bearer ${repApiKey(r)}` });
  const send = (subject: Subject): Shot => {
    const r = pick(REPS);
    const p = pick(PROSPECTS);
    subject.texted.push([r, p]);
    const body = JSON.stringify({ recordId: prospectId(p), from: repNumber(r), body: `Hi, following up on our call (${randomUUID().slice(0, 8)}).` });
    return { method: 'POST', path: '/api/messages', headers: { ...auth(r), 'content-type': 'application/json' }, body };
  };
  // signed for the URL of the server it goes to
  const reply = (target: LoadTarget) => (prospect: number, rep = pick(REPS)): Shot => {
    const sid = `SM${randomUUID().replace(/-/g, '')}`;
    const params: Record<string, string> = {
      MessageSid: sid, SmsSid: sid, SmsMessageSid: sid, AccountSid: twilio.accountSid, From: prospectPhone(prospect), To: repNumber(rep),
      Body: 'Sounds good, talk Tuesday', NumSegments: '1', NumMedia: '0', SmsStatus: 'received', ApiVersion: '2010-04-01',
    };
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(twilio.authToken, target.webhookUrl, params) };
    return { method: 'POST', path: '/webhooks/twilio/sms', headers, body: new URLSearchParams(params).toString() };
  };
  // as real replies do, each answers a text its service sent (that rep's number, that prospect):
  // one of the sends phase's, so every volume's replies take the same path; a random pair without one
  const answer = (subject: Subject) => (): Shot => {
    const [rep, prospect] = subject.texted.length > 0 ? subject.texted[pick(subject.texted.length)] : [pick(REPS), pick(PROSPECTS)];
    return reply(subject)(prospect, rep);
  };
  const sends = measures('sends') ? await figures('sends', subjects, (s) => () => send(s), 201) : subjects.map(() => SKIPPED);
  const inboundTargets: LoadTarget[] = reference ? [...subjects, reference] : subjects;
  const isSubject = (target: LoadTarget): target is Subject => target !== reference;
  const inbound = measures('inbound') ? await figures('inbound', inboundTargets, (t) => (isSubject(t) ? answer(t) : () => reply(t)(pick(PROSPECTS))), 200) : inboundTargets.map(() => SKIPPED);
  const referenceFigure = reference ? inbound[subjects.length] : null;
  const base = (i: number) => ({ messages: subjects[i].messages, sends: sends[i], inbound: inbound[i] });
  if (!measures('thread')) return { volumes: subjects.map((_, i) => ({ ...base(i), thread: { p50: NaN, p99: NaN, p99Runs: [], samples: 0 }, threadUnderLoad: SKIPPED, loadAverage: loadavg() })), reference: referenceFigure };
  const threads = new Map<Subject, number[]>();
  for (const subject of subjects) threads.set(subject, await fillThreads(subject.config, subject.baseUrl, reply(subject)));
  const page = (subject: Subject) => {
    const held = threads.get(subject)!;
    return (): Shot => ({ method: 'GET', path: `/api/prospects/${prospectId(held[pick(held.length)])}/messages`, headers: auth(pick(REPS)) });
  };
  // what a rep opening a thread waits (one request at a time), then pages under the load above;
  // in runs taken by the volumes in turn, as sends and inbound are
  const one = await figures('thread page one at a time', subjects, page, 200, 1, THREAD_SECONDS);
  const loaded = await figures('thread pages', subjects, page, 200);
  return { volumes: subjects.map((_, i) => ({ ...base(i), thread: { p50: one[i].p50, p99: one[i].p99, p99Runs: one[i].p99Runs, samples: one[i].answered }, threadUnderLoad: loaded[i], loadAverage: loadavg() })), reference: referenceFigure };
}

/**
 * The threads whose pages are measured, the same prospects at every volume, each holding more than
 * a page: a page of 50 costs more than the dozen messages an empty database's threads hold after the
 * load above, whatever the history, so the volumes are compared on full pages. Short threads are
 * topped up with replies through the webhook (real requests, as the inbound load sends them).
 */
async function fillThreads(config: DatabaseConfig, baseUrl: string, reply: (prospect: number) => Shot): Promise<number[]> {
  const step = Math.max(1, Math.floor(PROSPECTS / THREADS));
  const threads = Array.from({ length: Math.min(THREADS, PROSPECTS) }, (_, i) => i * step);
  const held = () => withReader(config, async (ds) => {
    const ids = threads.map((p) => `'${prospectId(p)}'`).join(', ');
    const rows = (await ds.query(`SELECT prospect_id, COUNT(*) AS n FROM messages WHERE prospect_id IN (${ids}) GROUP BY prospect_id`)) as { prospect_id: string; n: string | number }[];
    const count = new Map(rows.map((r) => [r.prospect_id, Number(r.n)]));
    return threads.map((p) => count.get(prospectId(p)) ?? 0);
  });
  const shots = (await held()).flatMap((n, i) => Array.from({ length: Math.max(0, FULL_THREAD - n) }, () => reply(threads[i])));
  const failed = await sendEach(baseUrl, CONCURRENCY, shots, 200);
  const shortest = Math.min(...(await held()));
  if (failed > 0 || shortest < FULL_THREAD) throw new Error(`thread pages: ${failed} of ${shots.length} top-up replies failed; the shortest thread holds ${shortest} messages`);
  log(`thread pages: ${threads.length} threads, each holding ${shortest}+ messages (${shots.length.toLocaleString('en-US')} replies added through the webhook)`);
  return threads;
}

/** A short-lived plain connection for the bench's own reads while the service runs (no migrations, no checkpointer). */
async function withReader<T>(config: DatabaseConfig, read: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = await new DataSource(dataSourceOptions(config)).initialize();
  try {
    return await read(ds);
  } finally {
    await ds.destroy();
  }
}

/** The machine's dirty page cache (written, not yet on disk), in kB, from /proc/meminfo (Linux); 0 elsewhere. */
function dirtyKb(): number {
  try {
    const meminfo = readFileSync('/proc/meminfo', 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(meminfo)?.[1] ?? 0);
    return kb('Dirty') + kb('Writeback');
  } catch {
    return 0;
  }
}

/**
 * Bytes of files the service has dirtied so far (every thread: its checkpointer too), from /proc;
 * NaN elsewhere. Not `wchar`: that counts every write call, the worker's wake-ups and sockets too.
 */
function serviceWrites(child: ChildProcess): number {
  try {
    return Number(/^write_bytes:\s+(\d+)/m.exec(readFileSync(`/proc/${child.pid}/io`, 'utf8'))?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

/**
 * Before each run: the aftermath of the one before drained, the same way at every volume (every
 * service idle until its own checkpoints have copied the WAL back and dirtied no file for a second,
 * the machine's dirty pages written back). Otherwise a run pays for the disk backlog of the one
 * before it (another volume's, as runs alternate), larger the larger the file the WAL is copied
 * into, rather than for its own requests. Gives up after 60 s and measures anyway (logged).
 */
async function quiesce(subjects: readonly LoadTarget[]): Promise<void> {
  const t0 = performance.now();
  const QUIET_CHECKS = 4;
  const DIRTY_LIMIT_KB = 4096;
  const written = () => subjects.map((s) => serviceWrites(s.service)).join();
  let last = written();
  let quiet = 0;
  while (quiet < QUIET_CHECKS && performance.now() - t0 < 60_000) {
    await sleep(250);
    const now = written();
    quiet = now === last && dirtyKb() < DIRTY_LIMIT_KB ? quiet + 1 : 0;
    last = now;
  }
  if (quiet < QUIET_CHECKS) log(`writes still going after ${((performance.now() - t0) / 1000).toFixed(1)} s (${dirtyKb()} kB dirty): measuring anyway`);
}

/**
 * RUNS closed-loop runs of one request kind on every volume, the volumes taking turns (in reverse
 * order every other round, so none always follows the same one); per volume the median run's rate and
 * the medians of the runs' p50 and p99, with
 * its service's CPU per answer.
 */
async function figures<T extends LoadTarget>(name: string, subjects: readonly T[], shots: (subject: T) => () => Shot, expect: number, concurrency = CONCURRENCY, seconds = SECONDS): Promise<LoadFigure[]> {
  const runs = subjects.map((): LoadResult[] => []);
  const cpu = subjects.map(() => ({ ms: 0, answered: 0 }));
  for (let run = 0; run < RUNS; run++) {
    const order = run % 2 === 0 ? [...subjects.keys()] : [...subjects.keys()].reverse();
    for (const i of order) {
      const { service, baseUrl, label: named } = subjects[i];
      await quiesce(subjects);
      let cpuBefore = NaN;
      let runCpuMs = NaN;
      let driverBefore = process.cpuUsage();
      let driverMs = NaN;
      const result = await closedLoop(baseUrl, concurrency, run === 0 ? WARMUP : 1, seconds, expect, shots(subjects[i]), {
        start: () => {
          cpuBefore = serviceCpuMs(service);
          driverBefore = process.cpuUsage();
        },
        end: () => {
          runCpuMs = serviceCpuMs(service) - cpuBefore;
          const driver = process.cpuUsage(driverBefore);
          driverMs = (driver.user + driver.system) / 1000;
        },
      });
      cpu[i].ms += runCpuMs;
      cpu[i].answered += result.ok;
      runs[i].push(result);
      const errors = Object.entries(result.other).map(([status, n]) => `${status}×${n}`).join(' ');
      log(`${named}: ${name} run ${run + 1}: ${Math.round(result.perSecond)}/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms${errors ? `, other answers ${errors}` : ''}; CPU per answer: service ${(runCpuMs / result.ok).toFixed(3)} ms, this driver and the stand-ins ${(driverMs / result.ok).toFixed(3)} ms (load ${loadavg()[0].toFixed(1)})`);
    }
  }
  return subjects.map((_, i) => toFigure(runs[i], cpu[i].ms / Math.max(cpu[i].answered, 1)));
}

function toFigure(runs: LoadResult[], cpuMs: number): LoadFigure {
  const mid = runs.find((r) => r.perSecond === median(runs.map((x) => x.perSecond)))!;
  return {
    perSecond: mid.perSecond,
    runs: runs.map((r) => r.perSecond),
    p99Runs: runs.map((r) => r.p99),
    // each latency is the median of the runs' own, not the one run with the median rate: a single
    // run's tail moves by tens of percent with the machine's moment
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    cpuMs,
    answered: runs.reduce((sum, r) => sum + r.ok, 0),
    errors: runs.reduce((sum, r) => sum + Object.values(r.other).reduce((a, b) => a + b, 0), 0),
  };
}

/** A fresh database: a scratch one on the PostgreSQL server of BENCH_DATABASE_URL, or a SQLite file. */
interface Target {
  engine: 'sqlite' | 'postgres';
  config: DatabaseConfig;
  description: string;
  drop: () => Promise<void>;
}

async function prepareDatabase(): Promise<Target> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-volume-'));
    return {
      engine: 'sqlite',
      config: { type: 'sqlite', path: join(dir, 'bench.db') },
      description: 'SQLite file database (better-sqlite3, WAL, synchronous=NORMAL)',
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `scs_bench_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    engine: 'postgres',
    config: { type: 'postgres', url: scratch.toString() },
    description: `PostgreSQL ${version} on this machine (a scratch database, default server settings, pool of 10)`,
    drop: async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * The filled history checkpointed before the service is measured: SQLite's WAL copied back into
 * the database file (which syncs it) and emptied, PostgreSQL's dirty buffers written out. Otherwise
 * the service starts with the fill's backlog and its first runs pay for it.
 */
async function settleOnDisk(ds: DataSource, config: DatabaseConfig): Promise<void> {
  const t0 = performance.now();
  if (config.type === 'sqlite') {
    await ds.query('PRAGMA wal_checkpoint(TRUNCATE)');
  } else {
    // a superuser's (or pg_checkpoint's) right; without it the server's own checkpoints do it later
    await ds.query('CHECKPOINT').catch((error: Error) => log(`CHECKPOINT refused (${error.message}): measuring anyway`));
  }
  log(`history checkpointed (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

async function startService(env: Record<string, string>): Promise<ChildProcess> {
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  return startProcess(['--max-old-space-size=512', ...flags, join(__dirname, '..', 'src', 'main.js'), 'serve'], env);
}

/** `node <args>` with `env` added, once it answers GET /health at its PUBLIC_BASE_URL. */
async function startProcess(args: string[], env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${env.PUBLIC_BASE_URL}/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${args.join(' ')} did not start within 60 s`);
    await sleep(100);
  }
}

function log(line: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
