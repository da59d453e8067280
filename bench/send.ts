/**
 * `npm run bench:send`: accepted sends per second and the send gate's p50/p99, through HTTP, the
 * real twilio SDK and the Twilio stand-in, on SQLite (a file database in WAL mode, as in production
 * on one box).
 *
 * Layout on a 2-core machine: the service runs alone in a child process (one core); this process
 * runs the Twilio stand-in and the load generator (the other). Every request is a full
 * POST /api/messages: auth, validation, the gate (all 15 rules, quiet hours included with a pinned
 * clock), the message + outbox unit of work, Twilio's create, the status write.
 *
 * Options (environment): BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONCURRENCY (32),
 * BENCH_PROSPECTS (5000), BENCH_REPS (20), BENCH_CALLBACKS (off|on: the stand-in also posts the
 * sent/delivered callbacks, which the service handles on the same core).
 */
import 'reflect-metadata';
import { fork, ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SECONDS = env('BENCH_SECONDS', 10);
const WARMUP = env('BENCH_WARMUP_SECONDS', 2);
const CONCURRENCY = env('BENCH_CONCURRENCY', 32);
const PROSPECTS = env('BENCH_PROSPECTS', 5000);
const REPS = env('BENCH_REPS', 20);
const CALLBACKS = (process.env.BENCH_CALLBACKS ?? 'off') === 'on';
const ADMIN_KEY = 'bench-admin-key-0123456789';

interface Ready {
  type: 'ready';
  url: string;
  reps: { apiKey: string; from: string }[];
  records: string[];
}
interface GateStats {
  type: 'gate';
  samples: number;
  p50: number;
  p99: number;
  /** CPU time the service process spent during the measured window (user + system), ms */
  cpuMs: number;
  /** statements the service sent to PostgreSQL during the measured window (null on SQLite) */
  statements: number | null;
}

if (process.argv.includes('--service')) {
  void runService();
} else {
  void main().catch((error: unknown) => {
    console.error(`bench:send failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  });
}

async function main(): Promise<void> {
  const { TwilioStandIn } = await import('../src/sandbox/twilio');
  const twilio = await new TwilioStandIn({ callbackMode: CALLBACKS ? 'auto' : 'manual' }).start();
  const child = fork(__filename, ['--service'], {
    env: { ...process.env, LOG_LEVEL: 'silent', BENCH_TWILIO_URL: twilio.url, BENCH_TWILIO_SID: twilio.accountSid, BENCH_TWILIO_TOKEN: twilio.authToken },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [],
  });
  const ready = await nextMessage<Ready>(child, 'ready');
  console.log(
    `bench:send — ${PROSPECTS} prospects, ${REPS} reps, concurrency ${CONCURRENCY}, ${WARMUP}s warm-up + ${SECONDS}s, ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'SQLite (WAL)'}, status callbacks ${CALLBACKS ? 'on' : 'off'}`,
  );

  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let accepted = 0;
  let refused = 0;
  let failed = 0;
  let counting = false;
  let stop = false;
  const latencies: number[] = [];
  let n = 0;
  const worker = async () => {
    while (!stop) {
      const i = n++;
      const rep = ready.reps[i % ready.reps.length];
      const body = JSON.stringify({ recordId: ready.records[i % ready.records.length], from: rep.from, body: `Hi, following up on our call (#${i}).` });
      const t0 = performance.now();
      const status = await post(agent, `${ready.url}/api/messages`, rep.apiKey, body);
      if (!counting) continue;
      latencies.push(performance.now() - t0);
      if (status === 201) accepted++;
      else if (status === 422 || status === 404) refused++;
      else failed++;
    }
  };
  const workers = Array.from({ length: CONCURRENCY }, worker);
  await sleep(WARMUP * 1000);
  child.send({ type: 'reset-gate' });
  counting = true;
  const started = performance.now();
  const createsBefore = twilio.calls.create;
  await sleep(SECONDS * 1000);
  counting = false;
  const elapsed = (performance.now() - started) / 1000;
  const creates = twilio.calls.create - createsBefore;
  child.send({ type: 'gate-stats' });
  const gate = await nextMessage<GateStats>(child, 'gate');
  stop = true;
  await Promise.all(workers);
  agent.destroy();
  child.send({ type: 'exit' });
  await new Promise((resolve) => child.once('exit', resolve));
  await twilio.stop();

  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  console.log(`accepted sends/s: ${(accepted / elapsed).toFixed(0)}  (${accepted} in ${elapsed.toFixed(1)} s; Twilio creates ${creates}; refused ${refused}; errors ${failed})`);
  console.log(`gate latency:     p50 ${gate.p50.toFixed(2)} ms, p99 ${gate.p99.toFixed(2)} ms  (${gate.samples} sends, inside the service)`);
  const cpuPerSend = gate.cpuMs / Math.max(accepted, 1);
  console.log(`service CPU:      ${cpuPerSend.toFixed(2)} ms per accepted send → ${(1000 / cpuPerSend).toFixed(0)} sends/s per fully available core`);
  if (gate.statements !== null) console.log(`statements:       ${(gate.statements / Math.max(accepted, 1)).toFixed(1)} per accepted send (PostgreSQL round trips, transaction control included)`);
  console.log(`machine load:     ${loadavg().map((l) => l.toFixed(1)).join(' ')} (1/5/15 min) on ${cpus().length} cores — other work on the box lowers the first figure, not the CPU cost`);
  console.log(`request latency:  p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms  (client side, concurrency ${CONCURRENCY})`);
  const ok = accepted / elapsed >= 1000 && gate.p99 < 5;
  console.log(`targets (≥ 1,000 sends/s, gate p99 < 5 ms): ${ok ? 'met' : 'NOT met'}`);
}

/** The service, alone in this process: a fresh SQLite file, seeded reps, numbers and mirror. */
async function runService(): Promise<void> {
  const { loadConfig } = await import('../src/config/app-config');
  const { createApp } = await import('../src/create-app');
  const { openDatabase } = await import('../src/database/data-source');
  const { Clock } = await import('../src/common/clock');
  const { SendGateService } = await import('../src/messaging/gate/send-gate.service');
  const { Prospect } = await import('../src/crm/prospect.entity');
  const { ProspectPhone } = await import('../src/crm/prospect-phone.entity');
  const { toId18 } = await import('../src/common/salesforce-id');

  // every statement the pg driver sends (a bench-only probe; the service never counts them)
  let statements = 0;
  if (process.env.BENCH_DATABASE_URL) {
    const pg = await import('pg');
    const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
    pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
      statements++;
      return query.apply(this, args);
    } as typeof pg.Client.prototype.query;
  }
  const dir = mkdtempSync(join(tmpdir(), 'sms-bench-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const config = loadConfig(
    {
      DATABASE_URL: process.env.BENCH_DATABASE_URL ?? `sqlite:${join(dir, 'bench.db')}`,
      ADMIN_API_KEY: ADMIN_KEY,
      LOG_LEVEL: process.env.LOG_LEVEL,
      SALESFORCE_INSTANCE_URL: 'http://127.0.0.1:9',
      SALESFORCE_ACCESS_TOKEN: 'unused-by-the-send-path',
      TWILIO_ACCOUNT_SID: process.env.BENCH_TWILIO_SID,
      TWILIO_AUTH_TOKEN: process.env.BENCH_TWILIO_TOKEN,
      TWILIO_API_BASE_URL: process.env.BENCH_TWILIO_URL,
      MIRROR_CRON: 'off',
      ACTIVITY_FLUSH_CRON: 'off',
      RECONCILE_CRON: 'off',
      QUIET_HOURS: '08:00-21:00',
    },
    'live',
  );
  const dataSource = await openDatabase(config.database);
  const app = await createApp(config, dataSource);
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  config.publicBaseUrl = url;
  // noon in New York, 09:00 in California: inside the window everywhere the seed's numbers are
  app.get(Clock).now = () => new Date('2026-07-15T16:00:00Z');

  const admin = async (path: string, body: object) => {
    const res = await fetch(url + path, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string; apiKey: string };
  };
  const reps: Ready['reps'] = [];
  for (let i = 0; i < REPS; i++) {
    const user = await admin('/api/admin/users', { salesforceUserId: `005${String(i + 1).padStart(12, '0')}`, name: `Rep ${i}`, email: `rep${i}@example.com`, role: 'rep' });
    const from = `+1415555${String(1000 + i).padStart(4, '0')}`;
    await admin('/api/admin/numbers', { phoneNumber: from, userId: user.id, kind: 'direct', smsEnabled: true });
    reps.push({ apiKey: user.apiKey, from });
  }
  const now = new Date().toISOString();
  const records: string[] = [];
  const areaCodes = ['212', '646', '718', '917', '305', '404', '617', '416', '514', '312'];
  for (let start = 0; start < PROSPECTS; start += 500) {
    const prospects = [];
    const phones = [];
    for (let i = start; i < Math.min(PROSPECTS, start + 500); i++) {
      const id = toId18(`003${String(i + 1).padStart(12, '0')}`)!;
      records.push(id);
      prospects.push({ id, objectType: 'Contact' as const, name: `Prospect ${i}`, accountId: null, ownerId: null, doNotCall: false, doNotSms: false, enrolled: true, systemModstamp: now, syncedAt: now });
      phones.push({ prospectId: id, field: 'MobilePhone', position: 0, e164: `+1${areaCodes[i % areaCodes.length]}${String(2000000 + i).slice(-7).replace(/^[01]/, '2')}` });
    }
    await dataSource.getRepository(Prospect).insert(prospects);
    await dataSource.getRepository(ProspectPhone).insert(phones);
  }

  const gate = app.get(SendGateService);
  const clear = gate.clear.bind(gate);
  let samples: number[] = [];
  let cpuAtReset = process.cpuUsage();
  let statementsAtReset = statements;
  gate.clear = async (...args: Parameters<typeof clear>) => {
    const t0 = performance.now();
    try {
      return await clear(...args);
    } finally {
      samples.push(performance.now() - t0);
    }
  };
  process.on('message', (message: { type: string }) => {
    if (message.type === 'exit') process.exit(0);
    if (message.type === 'reset-gate') {
      samples = [];
      cpuAtReset = process.cpuUsage();
      statementsAtReset = statements;
    }
    if (message.type === 'gate-stats') {
      const sorted = [...samples].sort((a, b) => a - b);
      const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
      const cpu = process.cpuUsage(cpuAtReset);
      process.send?.({ type: 'gate', samples: sorted.length, p50: pct(50), p99: pct(99), cpuMs: (cpu.user + cpu.system) / 1000, statements: process.env.BENCH_DATABASE_URL ? statements - statementsAtReset : null } satisfies GateStats);
    }
  });
  process.send?.({ type: 'ready', url, reps, records } satisfies Ready);
}

function post(agent: Agent, url: string, apiKey: string, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

function nextMessage<T extends { type: string }>(child: ChildProcess, type: T['type']): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: T) => {
      if (message?.type !== type) return;
      child.off('message', onMessage);
      resolve(message);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`the service process exited (${code})`)));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
