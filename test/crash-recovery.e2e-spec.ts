import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SalesforceStandIn, seedDemoOrg } from '../src/sandbox/salesforce';
import { standInEnv } from '../src/sandbox/sandbox';
import { TwilioStandIn } from '../src/sandbox/twilio';
import { buildService, QUIET_SETTINGS, ServiceProcess, sleep, startService as startBuiltService, until } from './support/built-service';
import { freePort } from './support/free-port';
import { createScratchDatabase, onPostgres } from './support/postgres';

/**
 * The crash test: the built service (tsc output, `node main.js serve`) as a child process against
 * the Salesforce and Twilio stand-ins, killed with SIGKILL while a rep's send waits for a Twilio
 * answer that never comes (Twilio took and delivered the text) and while two STOP confirmations are
 * in flight (Twilio took one; the other never reached it). Restarted on the same database, one
 * `delivery-reconcile` run (POST /api/admin/sync/delivery-reconcile) must leave the send with
 * Twilio's sid and final status, its Task agreeing, and each prospect with exactly one confirmation.
 */
const ADMIN_KEY = 'crash-test-admin-key-0123456789';
const ALICE_NUMBER = '+12125550190';
const SECOND = 1000;

type Backend = { url: string; cleanup: () => Promise<void> };
const backends: [string, () => Promise<Backend>][] = [
  [
    'SQLite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'scs-crash-'));
      return { url: `sqlite:${join(dir, 'service.db')}`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  ],
  ...onPostgres('PostgreSQL', async () => {
    const db = await createScratchDatabase();
    return { url: db.url, cleanup: db.drop };
  }),
];

let build: ReturnType<typeof buildService>;
beforeAll(() => {
  build = buildService('crash-service');
}, 300 * SECOND);
afterAll(() => build?.remove());

describe.each(backends)('kill -9 with sends in flight, restart, one delivery-reconcile (%s)', (_name, makeBackend) => {
  let backend: Backend;
  let salesforce: SalesforceStandIn;
  let twilio: TwilioStandIn;
  let env: Record<string, string>;
  let base: string;
  let service: ServiceProcess | null = null;

  async function startService(): Promise<void> {
    service = await startBuiltService(build.dir, env, 60 * SECOND);
  }

  function killHard(): Promise<void> {
    const victim = service!;
    service = null;
    return victim.stop('SIGKILL');
  }

  const api = async (method: 'GET' | 'POST', path: string, body?: unknown, key = ADMIN_KEY) => service!.api(method, path, key, body);

  async function runJob(job: string): Promise<Record<string, number>> {
    const started = await api('POST', `/api/admin/sync/${job}`);
    expect(started.status).toBe(202);
    const run = await until(`${job} to finish`, async () => {
      const res = await api('GET', `/api/admin/sync/runs/${started.body.runId}`);
      return res.body.status !== 'running' && res.body;
    });
    expect(run).toMatchObject({ job, status: 'succeeded' });
    return run.stats;
  }

  beforeAll(async () => {
    backend = await makeBackend();
    salesforce = new SalesforceStandIn();
    await salesforce.start();
    twilio = await new TwilioStandIn({ callbackDelayMs: 20 }).start();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      ...standInEnv(salesforce, twilio),
      PORT: String(port),
      PUBLIC_BASE_URL: base,
      DATABASE_URL: backend.url,
      ADMIN_API_KEY: ADMIN_KEY,
      ...QUIET_SETTINGS,
      // seconds rather than minutes, so the test need not wait them out
      DELIVERY_UNKNOWN_AFTER_SECONDS: '1',
      DELIVERY_NOT_SENT_AFTER_SECONDS: '2',
    };
    twilio.inboundWebhookUrl = `${base}/webhooks/twilio/sms`;
  }, 60 * SECOND);

  afterAll(async () => {
    if (service) await killHard();
    await twilio?.stop();
    await salesforce?.stop();
    await backend?.cleanup();
  });

  it(
    'leaves the send with Twilio’s sid and final status, its Task agreeing, and each prospect exactly one confirmation',
    async () => {
      const demo = seedDemoOrg(salesforce);
      const [dana, eli, fay] = ['+12125552201', '+12125552202', '+12125552203'].map((phone, i) => ({
        phone,
        id: salesforce.insert('Contact', { FirstName: ['Dana', 'Eli', 'Fay'][i], LastName: 'Crash', AccountId: demo.accounts.acme, OwnerId: demo.users.alice, MobilePhone: phone, SMS_Enrolled__c: true }),
      }));
      await startService();
      const rep = await api('POST', '/api/admin/users', { salesforceUserId: demo.users.alice, name: 'Alice Rep', email: 'alice@demo.example', role: 'rep' });
      expect(rep.status).toBe(201);
      expect((await api('POST', '/api/admin/numbers', { phoneNumber: ALICE_NUMBER, userId: rep.body.id, kind: 'direct', smsEnabled: true })).status).toBe(201);
      await runJob('mirror');

      // 1. Alice texts Dana: Twilio takes the text and delivers it, but its answer never comes back
      twilio.failNext(1, 'answer-lost-hang');
      const inFlight: Promise<unknown>[] = [];
      inFlight.push(api('POST', '/api/messages', { recordId: dana.id, from: ALICE_NUMBER, to: dana.phone, body: 'Dana, can we talk at 3?' }, rep.body.apiKey).catch(() => null));
      const sent = await until('Twilio to take the send', () => twilio.created.find((m) => m.to === dana.phone));
      await twilio.waitForCallback(sent.sid, 'delivered');

      // 2. Eli texts STOP: Twilio takes the confirmation, its answer never comes back
      twilio.failNext(1, 'answer-lost-hang');
      inFlight.push(twilio.sendInbound({ from: eli.phone, to: ALICE_NUMBER, body: 'STOP' }).catch(() => null));
      const eliConfirmation = await until('Twilio to take Eli’s confirmation', () => twilio.created.find((m) => m.to === eli.phone));

      // 3. Fay texts STOP: the confirmation's call never reaches Twilio (it hangs before anything is created)
      twilio.failNext(1, 'hang');
      inFlight.push(twilio.sendInbound({ from: fay.phone, to: ALICE_NUMBER, body: 'STOP' }).catch(() => null));
      await until('the service to call Twilio for Fay’s confirmation', () => twilio.calls.create >= 3);
      expect(twilio.created.map((m) => m.to)).toEqual([dana.phone, eli.phone]);

      // 4. kill -9 with all three calls unanswered
      await killHard();
      await Promise.all(inFlight);
      await twilio.settled();
      // what Twilio says while the service is down is lost
      const callsBeforeRestart = twilio.calls.create;

      // 5. restart on the same database; the attempts are older than DELIVERY_NOT_SENT_AFTER_SECONDS by now
      await sleep(2.5 * SECOND);
      await startService();
      const stats = await runJob('delivery-reconcile');
      expect(stats).toMatchObject({ checked: 3, sidsLearned: 2, repliesResent: 1, markedNotSent: 0, providerErrors: 0 });

      // the send: Twilio's sid and final status
      const thread = await api('GET', `/api/prospects/${dana.id}/messages`, undefined, rep.body.apiKey);
      expect(thread.status).toBe(200);
      const danaMessages = thread.body.filter((m: { direction: string }) => m.direction === 'outbound');
      expect(danaMessages).toHaveLength(1);
      expect(danaMessages[0]).toMatchObject({ providerSid: sent.sid, status: 'delivered', errorCode: null });

      // its Task agrees (Salesforce stand-in)
      await runJob('activity-flush');
      const tasks = salesforce.table('Task').filter((task) => task.SMS_Message_Id__c === danaMessages[0].id);
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({ WhoId: dana.id, OwnerId: demo.users.alice });
      expect(String(tasks[0].Description)).toContain('Status: delivered');

      // each prospect got exactly one confirmation: Eli the one Twilio took, Fay one sent now
      const confirmations = (phone: string) => twilio.created.filter((m) => m.to === phone && /unsubscribed/.test(m.body));
      expect(confirmations(eli.phone).map((m) => m.sid)).toEqual([eliConfirmation.sid]);
      expect(confirmations(fay.phone)).toHaveLength(1);
      expect(twilio.calls.create).toBe(callsBeforeRestart + 1);
      await twilio.waitForCallback(confirmations(fay.phone)[0].sid, 'delivered');
      for (const prospect of [eli, fay]) {
        const replies = (await api('GET', `/api/prospects/${prospect.id}/messages`, undefined, rep.body.apiKey)).body.filter((m: { direction: string }) => m.direction === 'outbound');
        expect(replies).toHaveLength(1);
        expect(replies[0]).toMatchObject({ providerSid: confirmations(prospect.phone)[0].sid });
      }
      // nothing more happens on a second run, nor on the keyword-replies sweep
      await runJob('keyword-replies');
      await sleep(1.5 * SECOND);
      expect(await runJob('delivery-reconcile')).toMatchObject({ sidsLearned: 0, repliesResent: 0, markedNotSent: 0 });
      expect(confirmations(eli.phone)).toHaveLength(1);
      expect(confirmations(fay.phone)).toHaveLength(1);
    },
    180 * SECOND,
  );
});
