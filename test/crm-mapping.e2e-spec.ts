import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli/cli';
import { RecordContextService } from '../src/crm/record-context.service';
import { SalesforceStandIn } from '../src/sandbox/salesforce';
import type { SyncRunView } from '../src/jobs/job-runner.service';
import { SyncWatermark } from '../src/crm/mirror/sync-watermark.entity';
import { defaultTestDatabase } from './support/engine';
import { startTestApp, type TestApp } from './support/test-app';

type Mapping = { people: Record<string, unknown>[]; account: Record<string, unknown>; activity: Record<string, unknown>; meta?: Record<string, unknown> };
type ErrorBody = { error: { code: string; message: string; details: { fields: { object: string | null; field: string | null; problem: string; message: string }[] } } };

/** The RevOps mapping API, the record context, and the command line, against the Salesforce stand-in. */
describe('CRM mapping, record context and the sync command line (e2e)', () => {
  let sf: SalesforceStandIn;
  let t: TestApp;

  beforeAll(async () => {
    sf = new SalesforceStandIn();
    await sf.start();
    t = await startTestApp({ SALESFORCE_INSTANCE_URL: sf.url, SALESFORCE_ACCESS_TOKEN: sf.accessToken });
  });
  afterAll(async () => {
    await t.close();
    await sf.stop();
  });

  describe('GET/PUT /api/admin/crm-mapping', () => {
    it('answers the file mapping in force, and refuses reps', async () => {
      const res = await t.admin<Mapping>('get', '/api/admin/crm-mapping');
      expect(res.status).toBe(200);
      expect(res.body.people.map((p) => p.object)).toEqual(['Contact', 'Lead']);
      expect(res.body.meta).toMatchObject({ source: 'file', file: 'config/crm-mapping.yaml' });
      expect((await t.http().get('/api/admin/crm-mapping')).status).toBe(401);
    });

    it('lists every missing or mistyped field in one 422 INVALID_MAPPING and saves nothing', async () => {
      const current = (await t.admin<Mapping>('get', '/api/admin/crm-mapping')).body;
      const bad = {
        ...current,
        people: [
          { ...current.people[0], doNotCallField: 'Email', enrolledField: 'Text_Opt_In__c' },
          { ...current.people[1], phoneFields: ['MobilePhone', 'Pager__c'] },
        ],
        activity: { ...current.activity, externalIdField: 'Description' },
      };
      const res = await t.admin<ErrorBody>('put', '/api/admin/crm-mapping', bad);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('INVALID_MAPPING');
      expect(res.body.error.details.fields.map(({ object, field, problem }) => ({ object, field, problem }))).toEqual([
        { object: 'Contact', field: 'Email', problem: 'wrong_type' },
        { object: 'Contact', field: 'Text_Opt_In__c', problem: 'missing_field' },
        { object: 'Lead', field: 'Pager__c', problem: 'missing_field' },
        { object: 'Task', field: 'Description', problem: 'wrong_type' },
      ]);
      expect((await t.admin<Mapping>('get', '/api/admin/crm-mapping')).body.meta).toMatchObject({ source: 'file' });
    });

    it('refuses a phone field mapped as Do-Not-Call (a field in two roles is checked for each), naming the role; nothing saved', async () => {
      const current = (await t.admin<Mapping>('get', '/api/admin/crm-mapping')).body;
      const bad = { ...current, people: [{ ...current.people[0], doNotCallField: 'MobilePhone' }, current.people[1]] };
      const res = await t.admin<ErrorBody>('put', '/api/admin/crm-mapping', bad);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('INVALID_MAPPING');
      expect(res.body.error.details.fields).toEqual([
        expect.objectContaining({ object: 'Contact', field: 'MobilePhone', role: 'doNotCallField', problem: 'wrong_type' }),
        expect.objectContaining({ object: 'Contact', field: 'MobilePhone', role: 'doNotCallField', problem: 'conflicting_roles' }),
      ]);
      expect(res.body.error.message).toMatch(/doNotCallField/);
      expect((await t.admin<Mapping>('get', '/api/admin/crm-mapping')).body).toMatchObject({ people: [{ doNotCallField: 'DoNotCall' }, {}], meta: { source: 'file' } });
    });

    it('refuses a malformed mapping the same way, listing each shape problem', async () => {
      const res = await t.admin<ErrorBody>('put', '/api/admin/crm-mapping', { people: [{ object: 'Contact', phoneFields: [] }] });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('INVALID_MAPPING');
      expect(res.body.error.details.fields.length).toBeGreaterThanOrEqual(3);
      expect(res.body.error.details.fields[0]).toMatchObject({ object: null, problem: 'invalid_shape' });
    });

    it('saves a valid mapping (what GET answered, edited), resets the watermarks, and reverts to the file', async () => {
      await t.dataSource.getRepository(SyncWatermark).save({ objectName: 'Contact', lastModstamp: '2026-01-01T00:00:00.000Z', lastId: '003000000000001AAA', updatedAt: '2026-01-01T00:00:00.000Z' });
      const current = (await t.admin<Mapping>('get', '/api/admin/crm-mapping')).body;
      const edited = { ...current, people: [{ ...current.people[0], phoneFields: ['MobilePhone'] }, current.people[1]], activity: { ...current.activity, linkOpenOpportunity: true } };
      const saved = await t.admin<Mapping>('put', '/api/admin/crm-mapping', edited);
      expect(saved.status).toBe(200);
      expect(saved.body.people[0].phoneFields).toEqual(['MobilePhone']);
      expect(saved.body.meta).toMatchObject({ source: 'saved', updatedAt: expect.any(String) });
      expect((await t.admin<Mapping>('get', '/api/admin/crm-mapping')).body.activity.linkOpenOpportunity).toBe(true);
      expect(await t.dataSource.getRepository(SyncWatermark).count()).toBe(0);

      const reverted = await t.http().delete('/api/admin/crm-mapping').set('Authorization', 'Bearer test-admin-key-0123456789');
      expect(reverted.status).toBe(200);
      expect(reverted.body.meta.source).toBe('file');
    });
  });

  describe('record context', () => {
    it('resolves a Task (15-character id) to its WhoId and WhatId, an Account to its Contacts, a Contact to itself and its Account', async () => {
      const accountId = sf.insert('Account', { Name: 'Context Co' });
      const [enrolled, other] = sf.insertMany('Contact', [
        { LastName: 'Enrolled', AccountId: accountId, MobilePhone: '+14155550140', SMS_Enrolled__c: true },
        { LastName: 'Not Enrolled', AccountId: accountId, MobilePhone: '+14155550141', SMS_Enrolled__c: false },
      ]);
      const taskId = sf.insert('Task', { Subject: 'Call back', WhoId: enrolled, WhatId: accountId, Status: 'Not Started' });
      sf.clock.advance(2000); // past the mirror's trailing second
      await runMirror();

      const context = t.app.get(RecordContextService);
      const task = await context.find(taskId.slice(0, 15));
      expect(task).toMatchObject({ record: { id: taskId, type: 'Task', name: 'Enrolled' }, prospects: [{ id: enrolled }], whatId: accountId });
      const account = await context.find(accountId);
      expect(account).toMatchObject({ record: { type: 'Account', name: 'Context Co' }, whatId: null });
      expect(account!.prospects.map((p) => [p.id, p.enrolled])).toEqual([
        [enrolled, true],
        [other, false],
      ]);
      expect(await context.find(other)).toMatchObject({
        record: { id: other, type: 'Contact', name: 'Not Enrolled' },
        prospects: [{ enrolled: false, phones: [{ field: 'MobilePhone', e164: '+14155550141' }] }],
        whatId: accountId,
      });
      expect(await context.find('003000000000404')).toBeNull();
      expect(await context.find('005000000000001')).toBeNull();
      expect(await context.find('not an id')).toBeNull();
    });
  });

  describe('command line', () => {
    let dir: string;
    let env: Record<string, string>;
    let drop: () => Promise<void>;
    const capture = () => {
      const out: string[] = [];
      const err: string[] = [];
      return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), isTty: false }, out, err };
    };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'scs-cli-'));
      // each command opens the database anew: a SQLite file, not memory
      const database = await defaultTestDatabase(join(dir, 'cli.db'));
      drop = database.drop;
      env = {
        DATABASE_URL: database.url,
        SALESFORCE_INSTANCE_URL: sf.url,
        SALESFORCE_ACCESS_TOKEN: sf.accessToken,
        TWILIO_ACCOUNT_SID: 'AC' + '0'.repeat(32),
        TWILIO_AUTH_TOKEN: 'twilio-test-token',
        LOG_LEVEL: 'silent',
      };
    });
    afterAll(async () => {
      await drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('sync mirror: runs in-process and prints one summary line with records and Salesforce API calls', async () => {
      sf.insertMany('Contact', [{ LastName: 'Cli', MobilePhone: '+14155550150', SMS_Enrolled__c: true }]);
      const { io, out, err } = capture();
      expect(await runCli(['sync', 'mirror'], io, env)).toBe(0);
      expect(err).toEqual([]);
      expect(out).toHaveLength(1);
      expect(out[0]).toMatch(/^sync mirror succeeded in \d+\.\d s: read \d+, upserted \d+, removed 0, phone warnings \d+, .*Salesforce API calls 3 \(run [0-9a-f-]{36}\)$/);

      // the next poll re-reads the overlap (that record again), at one call per object
      const again = capture();
      expect(await runCli(['sync', 'mirror'], again.io, env)).toBe(0);
      expect(again.out[0]).toMatch(/read \d+, upserted \d+, removed 0, .*Salesforce API calls 3/);
    });

    it('sync: a failed run exits 1 with one line giving the reason', async () => {
      // a mapping naming a field the org lacks: Salesforce refuses the Contact query (not retryable)
      const mappingFile = join(dir, 'missing-field.yaml');
      writeFileSync(mappingFile, readFileSync('config/crm-mapping.yaml', 'utf8').replace('enrolledField: SMS_Enrolled__c\n    ownerField: OwnerId\n    accountField', 'enrolledField: Nope__c\n    ownerField: OwnerId\n    accountField'));
      const { io, out, err } = capture();
      const status = await runCli(['sync', 'mirror'], io, { ...env, CRM_MAPPING_FILE: mappingFile });
      expect(status).toBe(1);
      expect(out).toEqual([]);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(/^sms-crm-sync: sync mirror failed after \d+\.\d s: mirror failed for Contact: .*Nope__c.*Salesforce API calls 3; run [0-9a-f-]{36}\)$/);
    });

    it('sync and mapping validate: one clear line without Salesforce settings (sandbox mode)', async () => {
      for (const argv of [['sync', 'mirror'], ['mapping', 'validate']]) {
        const { io, err } = capture();
        expect(await runCli(argv, io, { DATABASE_URL: env.DATABASE_URL })).toBe(1);
        expect(err).toEqual([expect.stringMatching(/^sms-crm-sync: no Salesforce settings: in sandbox mode .*POST \/api\/admin\/sync\/\{job\}/)]);
      }
    });

    it('sync: refuses an unknown job with a usage line', async () => {
      const { io, err } = capture();
      expect(await runCli(['sync', 'everything'], io, env)).toBe(1);
      // the jobs the handlers declare
      expect(err).toEqual(['sms-crm-sync: usage: sync activity-flush|delivery-reconcile|full-resync|keyword-replies|mirror|reconcile']);
    });

    it('mapping validate: 0 with one OK line; 1 with every problem on one line', async () => {
      const ok = capture();
      expect(await runCli(['mapping', 'validate'], ok.io, env)).toBe(0);
      expect(ok.out).toEqual([expect.stringMatching(/^mapping OK: config\/crm-mapping\.yaml matches the org \(Contact, Lead, Account, Task; \d+ fields checked\)$/)]);

      const badFile = join(dir, 'bad-mapping.yaml');
      writeFileSync(badFile, readFileSync('config/crm-mapping.yaml', 'utf8').replace('doNotCallField: DoNotCall', 'doNotCallField: Do_Not_Call__c'));
      const bad = capture();
      expect(await runCli(['mapping', 'validate', '--file', badFile], bad.io, env)).toBe(1);
      expect(bad.err).toHaveLength(1);
      expect(bad.err[0]).toMatch(/has 1 problem in the org: Contact\.Do_Not_Call__c \(doNotCallField\) does not exist in the org\./);
    });
  });

  async function runMirror(): Promise<SyncRunView> {
    const started = await t.admin<{ runId: string }>('post', '/api/admin/sync/mirror');
    for (;;) {
      const run = await t.admin<SyncRunView>('get', `/api/admin/sync/runs/${started.body.runId}`);
      if (run.body.status !== 'running') return run.body;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
});
