import { Client } from 'pg';
import { seedDemoOrg } from '../src/sandbox/salesforce';
import { EventStream, openEventStream } from './support/event-stream';
import { ServiceProcess, sleep, until } from './support/built-service';
import { ADMIN_KEY, builtInstances, BuiltInstances } from './support/built-instances';
import { describeOnPostgres } from './support/postgres';

/**
 * SIGTERM to one of two instances of the built service on one PostgreSQL database while a load
 * generator sends and reads through both. The test plays the load balancer: it polls each
 * instance's /health/ready and stops routing to one as soon as it answers 503 "draining". The
 * stopped instance answers no request 5xx (nor drops one) before it closes, ends its notification
 * stream with a retry hint, leaves nothing claimed in the outbox and no job run open, and exits 0;
 * the other takes the rest of the outbox.
 */
const SECOND = 1000;
const ALICE_NUMBER = '+12125550190';

describeOnPostgres('SIGTERM to one of two instances under load (PostgreSQL)', () => {
  let world: BuiltInstances;
  let stream: EventStream | undefined;
  let db: Client;

  beforeAll(async () => {
    world = await builtInstances('drain');
  }, 300 * SECOND);

  afterAll(async () => {
    stream?.close();
    await db?.end();
    await world?.close();
  }, 60 * SECOND);

  it(
    'drains: readiness says so at once, no 5xx and no dropped request before it closes, nothing left claimed or running, exit 0',
    async () => {
      const { salesforce } = world;
      const demo = seedDemoOrg(salesforce);
      const contacts = ['+12125552401', '+12125552402', '+12125552403', '+12125552404'].map((phone, i) => ({
        phone,
        id: salesforce.insert('Contact', { FirstName: `Load${i}`, LastName: 'Drain', AccountId: demo.accounts.acme, OwnerId: demo.users.alice, MobilePhone: phone, SMS_Enrolled__c: true }),
      }));
      const instances = await world.start(2, {
        // both flush every second: the draining one is likely mid-flush when SIGTERM comes
        ACTIVITY_FLUSH_CRON: '* * * * * *',
        OUTBOX_CLAIM_SECONDS: '5',
        SHUTDOWN_DELAY_SECONDS: '2',
      });
      const [leaving, staying] = instances;
      db = new Client({ connectionString: world.databaseUrl });
      await db.connect();

      const rep = await staying.api('POST', '/api/admin/users', ADMIN_KEY, { salesforceUserId: demo.users.alice, name: 'Alice Rep', email: 'alice@demo.example', role: 'rep' });
      expect(rep.status).toBe(201);
      const key: string = rep.body.apiKey;
      expect((await staying.api('POST', '/api/admin/numbers', ADMIN_KEY, { phoneNumber: ALICE_NUMBER, userId: rep.body.id, kind: 'direct', smsEnabled: true })).status).toBe(201);
      const mirror = await staying.api('POST', '/api/admin/sync/mirror', ADMIN_KEY);
      expect(mirror.status).toBe(202);
      await until('the mirror to succeed', async () => (await staying.api('GET', `/api/admin/sync/runs/${mirror.body.runId}`, ADMIN_KEY)).body.status === 'succeeded', 30 * SECOND);

      // job lag on /metrics: the mirror just succeeded, the flush succeeds every second
      const lag = async (job: string) => {
        const metrics = await (await fetch(`${leaving.url}/metrics`)).text();
        return Number(new RegExp(`^sms_sync_${job}_last_success_age_seconds (-?\\d+)$`, 'm').exec(metrics)?.[1]);
      };
      expect(await lag('mirror')).toBeGreaterThanOrEqual(0);
      expect(await lag('mirror')).toBeLessThan(30);
      expect(await lag('reconcile')).toBe(-1);
      await until('a flush to succeed', async () => (await lag('activity_flush')) >= 0, 10 * SECOND);
      expect(await lag('activity_flush')).toBeLessThan(5);

      stream = await openEventStream(`${leaving.url}/api/notifications/stream`, { Authorization: `Bearer ${key}` });
      expect(stream.status).toBe(200);

      // the load balancer: routes to an instance while its readiness is not "draining"
      const routable = new Map(instances.map((instance) => [instance, true]));
      let drainingSeenAt = 0;
      let balancing = true;
      const balancer = (async () => {
        while (balancing) {
          const ready = await fetch(`${leaving.url}/health/ready`).then(
            async (res) => ({ status: res.status, body: (await res.json()) as { status: string } }),
            () => null,
          );
          if (ready === null || (ready.status === 503 && ready.body.status === 'draining')) {
            if (routable.get(leaving)) drainingSeenAt = Date.now();
            routable.set(leaving, false);
          }
          await sleep(100);
        }
      })();

      // the load: four clients, each sending and reading through the instances in turn
      const answers: { instance: ServiceProcess; what: string; status: number; at: number }[] = [];
      let loading = true;
      let turn = 0;
      const pick = () => {
        const candidates = instances.filter((instance) => routable.get(instance));
        return candidates[turn++ % candidates.length];
      };
      const call = async (instance: ServiceProcess, what: string, request: () => Promise<{ status: number }>) => {
        const status = await request().then(
          (res) => res.status,
          () => -1, // connection refused or reset
        );
        answers.push({ instance, what, status, at: Date.now() });
      };
      const clients = contacts.map(async (contact, c) => {
        for (let i = 0; loading; i++) {
          const a = pick();
          await call(a, 'send', () => a.api('POST', '/api/messages', key, { recordId: contact.id, from: ALICE_NUMBER, to: contact.phone, body: `Load ${c}.${i}` }));
          const b = pick();
          await call(b, 'read', () => b.api('GET', `/api/prospects/${contact.id}/messages`, key));
        }
      });

      await until('the leaving instance to take sends and flush some', async () => answers.filter((a) => a.instance === leaving && a.what === 'send').length >= 20, 20 * SECOND);
      await until('a flush run held by the leaving instance', async () => (await db.query(`SELECT 1 FROM sync_runs WHERE holder = $1 AND job = 'activity-flush'`, [leaving.name])).rowCount! > 0, 10 * SECOND);
      const termAt = Date.now();
      const stopped = leaving.stop('SIGTERM');
      await stopped;
      const exitedAt = Date.now();
      await sleep(1 * SECOND);
      loading = false;
      await Promise.all(clients);
      balancing = false;
      await balancer;

      expect(leaving.child.exitCode).toBe(0);
      // the balancer saw "draining" within its polling interval, well before the instance closed
      expect(drainingSeenAt).toBeGreaterThanOrEqual(termAt);
      expect(drainingSeenAt - termAt).toBeLessThan(1 * SECOND);
      expect(exitedAt - termAt).toBeGreaterThanOrEqual(2 * SECOND);
      const fromLeaving = answers.filter((a) => a.instance === leaving);
      expect(fromLeaving.length).toBeGreaterThan(20);
      expect(fromLeaving.filter((a) => a.status >= 500 || a.status < 0)).toEqual([]);
      expect(answers.filter((a) => a.instance === staying && (a.status >= 500 || a.status < 0))).toEqual([]);
      expect(answers.filter((a) => a.what === 'send').every((a) => a.status === 201)).toBe(true);

      // its notification stream ended with a retry hint (browsers reconnect through the balancer)
      await until('the stream to end', () => stream!.raw().includes(': shutting down'), 5 * SECOND);
      expect(stream.raw()).toMatch(/retry: \d+\n: shutting down\n\n$/);

      // nothing left claimed by it, no run of it left open
      expect((await db.query(`SELECT count(*)::int AS n FROM outbox WHERE claimed_by = $1`, [leaving.name])).rows[0].n).toBe(0);
      expect((await db.query(`SELECT count(*)::int AS n FROM sync_runs WHERE holder = $1 AND status = 'running'`, [leaving.name])).rows[0].n).toBe(0);
      // the other instance flushes the rest: every send's Task in Salesforce
      const sent = answers.filter((a) => a.what === 'send').length;
      await until(
        'the staying instance to drain the outbox',
        async () => (await db.query(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`)).rows[0].n === 0,
        30 * SECOND,
      );
      expect((await db.query(`SELECT count(*)::int AS n FROM messages WHERE direction = 'outbound'`)).rows[0].n).toBe(sent);
    },
    180 * SECOND,
  );
});
