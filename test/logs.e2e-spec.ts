import { ChildProcessWithoutNullStreams, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_ACCESS_TOKEN, SalesforceStandIn, seedDemoOrg, type DemoOrgIds } from '../src/sandbox/salesforce';
import { TwilioStandIn } from '../src/sandbox/twilio';
import { defaultTestDatabase } from './support/engine';
import { freePort } from './support/free-port';

/**
 * The first minute, as a user meets it: the built service started as a child process, its output
 * read as a terminal shows it (under `script`, a pseudo-terminal: the real TTY branch) and as a
 * pipe carries it. In sandbox mode the banner comes first; then readable lines on the terminal,
 * JSON lines through the pipe; one access line per request; and after a message is sent and an
 * inbound webhook received, no secret and no full phone number in either output.
 */
const ROOT = join(__dirname, '..');
const BUILT = join(ROOT, 'dist-e2e');
const MAIN = join(BUILT, 'main.js');
const ALICE_NUMBER = '+12125550190';
const JANE_MOBILE = '+12125550101';
/** the digits that would give a full number away (a masked number keeps its last four only) */
const FULL_NUMBERS = /5550190|5550101|555-0190|555-0101/;
const PRETTY_LINE = /^\[\d\d:\d\d:\d\d\.\d{3}\] (TRACE|DEBUG|INFO|WARN|ERROR|FATAL): /;
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
const RULE = /^={40,}$/;
const MIRRORED = /sync job succeeded.*"?job"?[=:]"?mirror/;

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const hasScript = (() => {
  try {
    return execFileSync('script', ['--version'], { encoding: 'utf8' }).includes('util-linux');
  } catch {
    return false;
  }
})();
if (!hasScript) console.warn('logs.e2e-spec: no util-linux `script` here: the terminal half is skipped');
const onTerminal = hasScript ? it : it.skip;

interface Service {
  url: string;
  /** stdout (on a terminal: stdout and stderr as the terminal shows them), colours removed */
  out(): string[];
  err(): string[];
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** `node dist-e2e/main.js serve`, piped or under a pseudo-terminal, with exactly these settings. */
async function startService(settings: Record<string, string>, terminal: boolean): Promise<Service> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'UTC', TERM: 'xterm-256color', PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, QUIET_HOURS: 'off', ...settings };
  const child: ChildProcessWithoutNullStreams = terminal
    ? spawn('script', ['-qec', `exec '${process.execPath}' '${MAIN}' serve`, '/dev/null'], { cwd: ROOT, env })
    : spawn(process.execPath, [MAIN, 'serve'], { cwd: ROOT, env });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = (text: string) => text.replace(ANSI, '').replace(/\r/g, '').split('\n').filter((line) => line.trim() !== '');
  const service: Service = {
    url: `http://127.0.0.1:${port}`,
    out: () => lines(out),
    err: () => lines(err),
    async waitFor(pattern, timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      while (!pattern.test((out + err).replace(ANSI, ''))) {
        if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}):\n${out}\n${err}`);
        if (Date.now() > until) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${out}\n${err}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killed);
    },
  };
  await service.waitFor(/listening on port/);
  return service;
}

async function call(service: Service, method: string, path: string, requestId: string, key?: string, body?: object) {
  const res = await fetch(service.url + path, {
    method,
    headers: { 'X-Request-Id': requestId, ...(key ? { Authorization: `Bearer ${key}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

/** The banner printed in sandbox mode: its lines, where it starts, and the keys it shows. */
function bannerOf(lines: string[]) {
  const start = lines.findIndex((line) => RULE.test(line));
  const end = lines.findIndex((line, i) => i > start + 2 && RULE.test(line));
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  const banner = lines.slice(start, end + 1);
  const value = (label: string) => new RegExp(`^\\s+${label}:\\s+(\\S+)`).exec(banner.find((line) => line.includes(`${label}:`)) ?? '')?.[1] ?? '';
  return {
    start,
    end,
    banner,
    adminKey: value('admin key'),
    aliceKey: value('Alice Rep key'),
    bobKey: value('Bob Rep key'),
    console: value('console'),
    jane: /\/api\/records\/(\w+)\/sms/.exec(banner.join('\n'))?.[1] ?? '',
  };
}

/** Sends one message and reads Alice's profile in a sandbox service, with known request ids. */
async function useSandbox(service: Service, keys: ReturnType<typeof bannerOf>, tag: string) {
  await service.waitFor(MIRRORED); // Jane is known once the boot's mirror has run
  expect((await call(service, 'GET', '/api/me', `${tag}-me`, keys.aliceKey)).status).toBe(200);
  const sent = await call(service, 'POST', '/api/messages', `${tag}-send`, keys.aliceKey, { recordId: keys.jane, from: ALICE_NUMBER, to: JANE_MOBILE, body: 'Hi Jane, do you have 10 minutes tomorrow?' });
  expect(sent.status).toBe(201);
  expect((await call(service, 'GET', '/api/admin/sync/status', `${tag}-status`, keys.adminKey)).status).toBe(200);
  return [
    { requestId: `${tag}-me`, method: 'GET', path: '/api/me', status: 200 },
    { requestId: `${tag}-send`, method: 'POST', path: '/api/messages', status: 201 },
    { requestId: `${tag}-status`, method: 'GET', path: '/api/admin/sync/status', status: 200 },
  ];
}

/** A live service against stand-ins of this test: every secret is known here, and Twilio's inbound webhook can be signed. */
class LiveStack {
  readonly salesforce = new SalesforceStandIn();
  readonly twilio = new TwilioStandIn();
  readonly adminKey = 'logs-admin-key-0123456789abcdef';
  demo!: DemoOrgIds;

  async start() {
    await this.salesforce.start();
    this.demo = seedDemoOrg(this.salesforce);
    await this.twilio.start();
  }

  settings(): Record<string, string> {
    return {
      ADMIN_API_KEY: this.adminKey,
      SALESFORCE_INSTANCE_URL: this.salesforce.url,
      SALESFORCE_ACCESS_TOKEN: DEFAULT_ACCESS_TOKEN,
      TWILIO_ACCOUNT_SID: this.twilio.accountSid,
      TWILIO_AUTH_TOKEN: this.twilio.authToken,
      TWILIO_API_BASE_URL: this.twilio.url,
      MIRROR_CRON: 'off',
      FULL_RESYNC_CRON: 'off',
      ACTIVITY_FLUSH_CRON: 'off',
      RECONCILE_CRON: 'off',
      REPLY_SWEEP_CRON: 'off',
    };
  }

  /** Like an admin and a rep would: a rep with a number, the mirror run, a message sent, Jane's answer received. */
  async use(service: Service, tag: string) {
    this.twilio.inboundWebhookUrl = `${service.url}/webhooks/twilio/sms`;
    const rep = await call(service, 'POST', '/api/admin/users', `${tag}-user`, this.adminKey, { salesforceUserId: this.demo.users.alice, name: 'Alice Rep', email: 'alice@demo.example', role: 'rep' });
    expect(rep.status).toBe(201);
    const repKey = String(rep.body?.apiKey);
    const number = await call(service, 'POST', '/api/admin/numbers', `${tag}-number`, this.adminKey, { phoneNumber: ALICE_NUMBER, userId: rep.body?.id, kind: 'direct', smsEnabled: true });
    expect(number.status).toBe(201);
    const mirror = await call(service, 'POST', '/api/admin/sync/mirror', `${tag}-mirror`, this.adminKey);
    expect(mirror.status).toBe(202);
    await service.waitFor(MIRRORED);
    const sent = await call(service, 'POST', '/api/messages', `${tag}-send`, repKey, { recordId: this.demo.contacts.jane, from: ALICE_NUMBER, to: JANE_MOBILE, body: 'Hi Jane, do you have 10 minutes tomorrow?' });
    expect(sent.status).toBe(201);
    const inbound = await this.twilio.sendInbound({ from: JANE_MOBILE, to: ALICE_NUMBER, body: 'Yes, 10am works' });
    expect(inbound.status).toBe(200);
    // a phone number in a path (encoded, as a browser sends it) and a key in a query string
    const byNumber = await call(service, 'GET', `/api/records/${encodeURIComponent(JANE_MOBILE)}/sms`, `${tag}-by-number`, repKey);
    expect(byNumber.status).toBeGreaterThanOrEqual(400);
    const byQuery = await call(service, 'GET', `/api/me?access_token=${repKey}`, `${tag}-query-key`);
    await service.waitFor(new RegExp(`${tag}-query-key`)); // its access line, the last
    return {
      secrets: [this.adminKey, repKey, this.twilio.authToken, DEFAULT_ACCESS_TOKEN],
      requests: [
        { requestId: `${tag}-user`, method: 'POST', path: '/api/admin/users', status: 201 },
        { requestId: `${tag}-number`, method: 'POST', path: '/api/admin/numbers', status: 201 },
        { requestId: `${tag}-send`, method: 'POST', path: '/api/messages', status: 201 },
        { requestId: `${tag}-by-number`, method: 'GET', path: '/api/records/+***0101/sms', status: byNumber.status },
        { requestId: `${tag}-query-key`, method: 'GET', path: '/api/me', status: byQuery.status },
      ],
    };
  }

  async stop() {
    await this.twilio.stop();
    await this.salesforce.stop();
  }
}

/** sandbox mode: no Salesforce and no Twilio settings */
function sandboxSettings(): Record<string, string> {
  return {};
}

function expectNothingSecret(text: string, secrets: string[]) {
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(8);
    expect(text).not.toContain(secret);
  }
  expect(text).not.toMatch(FULL_NUMBERS);
  expect(text).not.toMatch(/Bearer (?!\[REDACTED\])/);
}

describe('logs: what `npm start` shows', () => {
  const dirs: string[] = [];
  const drops: (() => Promise<void>)[] = [];
  const live = new LiveStack();
  const running: Service[] = [];
  /** the service with a database of its own (a SQLite file, as it runs in a process of its own) */
  const started = async (settings: Record<string, string>, terminal: boolean) => {
    const dir = mkdtempSync(join(tmpdir(), 'scs-logs-'));
    dirs.push(dir);
    const database = await defaultTestDatabase(join(dir, 'service.db'));
    drops.push(database.drop);
    const service = await startService({ DATABASE_URL: database.url, ...settings }, terminal);
    running.push(service);
    return service;
  };

  beforeAll(async () => {
    // the build `npm start` runs, into a folder of this test's own
    await promisify(execFile)(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', BUILT], { cwd: ROOT });
    await live.start();
  }, 300_000);

  afterAll(async () => {
    await Promise.all(running.map((service) => service.stop()));
    for (const drop of drops) await drop();
    await live.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  onTerminal(
    'on a terminal: the sandbox banner first, then readable lines, one access line per request, no key and no full number after the banner',
    async () => {
      const service = await started(sandboxSettings(), true);
      const { start, end, banner, adminKey, aliceKey, bobKey, console: consoleUrl, jane } = bannerOf(service.out());
      expect(start).toBe(0);
      expect(banner.findIndex((line) => line.includes('admin key:'))).toBeLessThan(30);
      expect(banner[1]).toContain('SANDBOX');
      expect(consoleUrl).toBe(`${service.url}/`);
      expect(adminKey).toMatch(/^sandbox_/);
      expect(jane).not.toBe('');
      const requests = await useSandbox(service, { start, end, banner, adminKey, aliceKey, bobKey, console: consoleUrl, jane }, 'tty');
      await service.waitFor(/GET \/api\/admin\/sync\/status 200 [\d.]+ ms {2}tty-status/);

      const after = service.out().slice(end + 1);
      expect(after.length).toBeGreaterThan(3);
      for (const line of after) {
        expect(line).toMatch(PRETTY_LINE);
        expect(() => JSON.parse(line)).toThrow();
      }
      expect(after.some((line) => /INFO: \[Boot\] sms-crm-sync listening on port \d+ \(sandbox\)/.test(line))).toBe(true);
      // Nest's module and route mapping are debug lines
      expect(after.join('\n')).not.toMatch(/RoutesResolver|RouterExplorer|InstanceLoader|Mapped \{/);
      // a job run that found nothing to do is a debug line too; one that did something is not
      expect(after.join('\n')).not.toMatch(/sync job (started|succeeded) .*job=(activity-flush|keyword-replies)/);
      expect(after.join('\n')).toMatch(MIRRORED);
      for (const { requestId, method, path, status } of requests) {
        const access = after.filter((line) => line.endsWith(`  ${requestId}`));
        expect(access).toEqual([expect.stringMatching(new RegExp(`INFO: ${method} ${escaped(path)} ${status} [\\d.]+ ms  ${requestId}$`))]);
      }
      expectNothingSecret(after.join('\n'), [adminKey, aliceKey, bobKey]);
    },
    120_000,
  );

  it('piped: stdout carries JSON lines only, the banner goes to stderr first, one access line per request, no key and no full number in the lines', async () => {
    const service = await started(sandboxSettings(), false);
    const keys = bannerOf(service.err());
    expect(keys.start).toBe(0);
    expect(keys.banner.findIndex((line) => line.includes('admin key:'))).toBeLessThan(30);
    const requests = await useSandbox(service, keys, 'pipe');
    await service.waitFor(/"requestId":"pipe-status"/);

    const records = service.out().map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.length).toBeGreaterThan(3);
    for (const record of records) expect(record).toMatchObject({ level: expect.stringMatching(/^(info|warn|error)$/), time: expect.any(String), sandbox: true, msg: expect.any(String) });
    expect(records.some((r) => r.context === 'Boot' && String(r.msg).startsWith('sms-crm-sync listening on port'))).toBe(true);
    expect(records.some((r) => ['RoutesResolver', 'RouterExplorer', 'InstanceLoader'].includes(String(r.context)))).toBe(false);
    for (const { requestId, method, path, status } of requests) {
      expect(records.filter((r) => r.context === 'HTTP' && r.requestId === requestId)).toEqual([
        expect.objectContaining({ level: 'info', method, path, status, ms: expect.any(Number), requestId }),
      ]);
    }
    expectNothingSecret(service.out().join('\n'), [keys.adminKey, keys.aliceKey, keys.bobKey]);
    expectNothingSecret(service.err().slice(keys.end + 1).join('\n'), [keys.adminKey, keys.aliceKey, keys.bobKey]);
  }, 120_000);

  onTerminal('on a terminal, live: after a message sent and an inbound webhook received, no secret and no full phone number', async () => {
    const service = await started(live.settings(), true);
    const { secrets, requests } = await live.use(service, 'live-tty');
    await service.waitFor(/POST \/webhooks\/twilio\/sms 200/);
    const lines = service.out();
    for (const line of lines) expect(line).toMatch(PRETTY_LINE);
    for (const { requestId, method, path, status } of requests) {
      expect(lines.filter((line) => line.endsWith(`  ${requestId}`))).toEqual([expect.stringMatching(new RegExp(`INFO: ${method} ${escaped(path)} ${status} [\\d.]+ ms  ${requestId}$`))]);
    }
    expectNothingSecret(lines.join('\n'), secrets);
  }, 120_000);

  it('piped, live: after a message sent and an inbound webhook received, JSON lines with no secret and no full phone number', async () => {
    const service = await started(live.settings(), false);
    const { secrets, requests } = await live.use(service, 'live-pipe');
    await service.waitFor(/"path":"\/webhooks\/twilio\/sms","status":200/);
    const records = service.out().map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const { requestId, method, path, status } of requests) {
      expect(records.filter((r) => r.context === 'HTTP' && r.requestId === requestId)).toEqual([expect.objectContaining({ method, path, status, ms: expect.any(Number) })]);
    }
    expect(records.some((r) => r.sandbox !== undefined)).toBe(false);
    expect(service.err()).toEqual([]);
    expectNothingSecret(service.out().join('\n'), secrets);
  }, 120_000);
});
