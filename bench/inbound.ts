/**
 * `npm run bench:inbound`: signed inbound webhooks per second, with none lost.
 *
 * The service runs as it does in production (`node main.js serve`, its own process, SQLite
 * file in WAL mode) against the Twilio stand-in's credentials; this process is the load generator
 * (the other core). It seeds reps, numbers and prospects, pre-signs every webhook exactly as Twilio
 * does, posts them over keep-alive connections (concurrency BENCH_CONCURRENCY, default 32) and then
 * checks the database: every webhook answered 200 and stored exactly once (message, CRM outbox
 * entry, notification), and a replay of some of them stored nothing more.
 *
 * Settings: BENCH_MESSAGES per run (default 20000), BENCH_RUNS (default 3), BENCH_CONCURRENCY,
 * BENCH_DATABASE_URL (default a fresh SQLite file; a postgres:// URL benchmarks PostgreSQL),
 * BENCH_NODE_FLAGS (passed to the service's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
 */
import { spawn, ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { hashApiKey, newApiKey } from '../src/auth/api-key';
import { User } from '../src/auth/user.entity';
import { toId18 } from '../src/common/salesforce-id';
import type { DatabaseConfig } from '../src/config/app-config';
import { Prospect } from '../src/crm/prospect.entity';
import { ProspectPhone } from '../src/crm/prospect-phone.entity';
import { openDatabase } from '../src/database/data-source';
import { Message } from '../src/messaging/message.entity';
import { Notification } from '../src/notifications/notification.entity';
import { SenderNumber } from '../src/numbers/sender-number.entity';
import { TwilioStandIn, twilioSignature } from '../src/sandbox/twilio';
import { OutboxEntry } from '../src/outbox/outbox-entry.entity';
import { freePort, serviceCpuMs, stopService } from './support/service-process';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const REPLAYS = Math.min(1_000, Math.floor(MESSAGES / 10));
const REPS = 20;
const PROSPECTS = 5_000;
const BODIES = ['Sounds good, talk Tuesday', 'Can you send the pricing sheet?', 'Who is this?', 'Thanks! 👍', 'Call me after 3pm'];

interface Signed {
  body: string;
  signature: string;
  messageSid: string;
}

async function main(): Promise<void> {
  const twilio = await new TwilioStandIn().start();
  const dir = mkdtempSync(join(tmpdir(), 'bench-inbound-'));
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? `sqlite:${join(dir, 'bench.db')}`;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const webhookUrl = `${baseUrl}/webhooks/twilio/sms`;

  const { repNumbers, prospectPhones } = await seed(databaseConfig(databaseUrl));
  const server = await startService({
    PORT: String(port),
    PUBLIC_BASE_URL: baseUrl,
    DATABASE_URL: databaseUrl,
    ADMIN_API_KEY: randomBytes(24).toString('hex'),
    SALESFORCE_INSTANCE_URL: 'http://127.0.0.1:9',
    SALESFORCE_ACCESS_TOKEN: 'bench-not-used',
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_API_BASE_URL: twilio.url,
    MIRROR_CRON: 'off',
    ACTIVITY_FLUSH_CRON: 'off',
    RECONCILE_CRON: 'off',
    LOG_LEVEL: 'silent',
  });
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const sign = (): Signed => {
    const messageSid = `SM${randomUUID().replace(/-/g, '')}`;
    const params: Record<string, string> = {
      ToCountry: 'US',
      SmsMessageSid: messageSid,
      NumMedia: '0',
      SmsSid: messageSid,
      SmsStatus: 'received',
      Body: BODIES[Math.floor(Math.random() * BODIES.length)],
      FromCountry: 'US',
      To: repNumbers[Math.floor(Math.random() * repNumbers.length)],
      NumSegments: '1',
      MessageSid: messageSid,
      AccountSid: twilio.accountSid,
      From: prospectPhones[Math.floor(Math.random() * prospectPhones.length)],
      ApiVersion: '2010-04-01',
    };
    return { body: new URLSearchParams(params).toString(), signature: twilioSignature(twilio.authToken, webhookUrl, params), messageSid };
  };

  try {
    await blast(agent, webhookUrl, Array.from({ length: 2_000 }, sign)); // warm-up (JIT, caches)
    const rates: number[] = [];
    let sent = 2_000;
    for (let run = 1; run <= RUNS; run++) {
      const batch = Array.from({ length: MESSAGES }, sign); // signed before the clock starts: Twilio signs, not us
      const started = process.hrtime.bigint();
      const cpuBefore = serviceCpuMs(server);
      const result = await blast(agent, webhookUrl, batch);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpuMs = serviceCpuMs(server) - cpuBefore;
      sent += MESSAGES;
      const rate = MESSAGES / seconds;
      rates.push(rate);
      const failed = MESSAGES - result.ok;
      console.log(
        `run ${run}: ${MESSAGES} signed webhooks in ${seconds.toFixed(2)} s = ${Math.round(rate)}/s ` +
          `(p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, non-200: ${failed}; ` +
          `service CPU ${Number.isNaN(cpuMs) ? 'n/a' : `${(cpuMs / MESSAGES).toFixed(3)} ms per webhook`}; load ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`,
      );
      if (failed > 0) throw new Error(`${failed} webhooks were not answered 200: ${JSON.stringify(result.statuses)}`);
    }
    // Replays: Twilio retrying some of them. They must be acknowledged and store nothing.
    const replays = lastSigned.slice(0, REPLAYS);
    const replayed = await blast(agent, webhookUrl, replays);
    if (replayed.ok !== replays.length) throw new Error(`replays not all acknowledged: ${JSON.stringify(replayed.statuses)}`);

    const counts = await countStored(databaseConfig(databaseUrl));
    const lost = sent - counts.messages;
    console.log(
      `stored: ${counts.messages} messages, ${counts.outbox} CRM outbox entries, ${counts.notifications} notifications ` +
        `for ${sent} webhooks + ${replays.length} replays → ${lost === 0 && counts.outbox === sent && counts.notifications === sent ? 'none lost, none doubled' : `MISMATCH (lost ${lost})`}`,
    );
    const sorted = [...rates].sort((a, b) => a - b);
    console.log(
      `bench:inbound median ${Math.round(sorted[Math.floor(sorted.length / 2)])} signed webhooks/s ` +
        `(runs: ${rates.map((r) => Math.round(r)).join(', ')}; concurrency ${CONCURRENCY}; ${databaseUrl.startsWith('postgres') ? 'PostgreSQL' : 'SQLite WAL'})`,
    );
    if (lost !== 0 || counts.outbox !== sent || counts.notifications !== sent) process.exitCode = 1;
  } finally {
    agent.destroy();
    await stopService(server, 5_000);
    await twilio.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The last batch signed, kept to replay some of it. */
let lastSigned: Signed[] = [];

async function blast(agent: Agent, url: string, batch: Signed[]): Promise<{ ok: number; statuses: Record<number, number>; p50: number; p99: number }> {
  if (batch.length > 0) lastSigned = batch;
  const target = new URL(url);
  const statuses: Record<number, number> = {};
  const latencies: number[] = [];
  let next = 0;
  let ok = 0;
  const worker = async () => {
    while (next < batch.length) {
      const item = batch[next++];
      const started = performance.now();
      const status = await post(agent, target, item);
      latencies.push(performance.now() - started);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 200) ok++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { ok, statuses, p50: at(0.5), p99: at(0.99) };
}

function post(agent: Agent, target: URL, item: Signed): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(item.body),
          'X-Twilio-Signature': item.signature,
          'User-Agent': 'TwilioProxy/1.1',
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(item.body);
  });
}

async function seed(config: DatabaseConfig): Promise<{ repNumbers: string[]; prospectPhones: string[] }> {
  const ds = await openDatabase(config);
  try {
    const now = new Date().toISOString();
    const repNumbers: string[] = [];
    for (let i = 0; i < REPS; i++) {
      const user: User = {
        id: randomUUID(),
        salesforceUserId: toId18(`005BENCH${String(i).padStart(7, '0')}`)!,
        name: `Bench Rep ${i}`,
        email: `rep${i}@bench.example`,
        role: 'rep',
        apiKeyHash: hashApiKey(newApiKey()),
        createdAt: now,
      };
      await ds.getRepository(User).insert(user);
      const phoneNumber = `+1415555${String(1000 + i).padStart(4, '0')}`;
      await ds.getRepository(SenderNumber).insert({ id: randomUUID(), phoneNumber, userId: user.id, kind: 'direct', smsEnabled: true, createdAt: now });
      repNumbers.push(phoneNumber);
    }
    const prospectPhones: string[] = [];
    const prospects: Prospect[] = [];
    const phones: ProspectPhone[] = [];
    for (let i = 0; i < PROSPECTS; i++) {
      const id = toId18(`003BENCH${String(i).padStart(7, '0')}`)!;
      prospects.push({ id, objectType: 'Contact', name: `Bench Prospect ${i}`, accountId: null, ownerId: null, doNotCall: false, doNotSms: false, enrolled: true, systemModstamp: now, syncedAt: now });
      const e164 = `+1617${String(2000000 + i).padStart(7, '0')}`;
      phones.push({ prospectId: id, field: 'MobilePhone', position: 0, e164 });
      prospectPhones.push(e164);
    }
    for (let i = 0; i < prospects.length; i += 500) {
      await ds.getRepository(Prospect).insert(prospects.slice(i, i + 500));
      await ds.getRepository(ProspectPhone).insert(phones.slice(i, i + 500));
    }
    return { repNumbers, prospectPhones };
  } finally {
    await ds.destroy();
  }
}

async function countStored(config: DatabaseConfig): Promise<{ messages: number; outbox: number; notifications: number }> {
  const ds: DataSource = await openDatabase(config);
  try {
    return {
      messages: await ds.getRepository(Message).countBy({ direction: 'inbound' }),
      outbox: await ds.getRepository(OutboxEntry).countBy({ kind: 'task_upsert' }),
      notifications: await ds.getRepository(Notification).count(),
    };
  } finally {
    await ds.destroy();
  }
}

function databaseConfig(url: string): DatabaseConfig {
  return url.startsWith('sqlite:') ? { type: 'sqlite', path: url.slice('sqlite:'.length) } : { type: 'postgres', url };
}

async function startService(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean), join(__dirname, '..', 'src', 'main.js'), 'serve'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${env.PUBLIC_BASE_URL}/health`);
      if (res.ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the service did not start within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

main().catch((error: unknown) => {
  console.error(`bench:inbound failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
