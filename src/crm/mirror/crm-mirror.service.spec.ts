import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { aField, FakeCrmGateway, type FakeRecord } from '../../../test/support/fake-crm.gateway';
import { loadConfig } from '../../config/app-config';
import { openDatabase } from '../../database/data-source';
import { UnitOfWork } from '../../database/unit-of-work';
import { JobFailedError, type JobProgress } from '../../jobs/job-handler';
import { SyncWatermark } from './sync-watermark.entity';
import { CrmError } from '../crm-gateway.port';
import { CrmMappingService } from '../crm-mapping.service';
import { Prospect } from '../prospect.entity';
import { ProspectPhone } from '../prospect-phone.entity';
import { ProspectDirectory } from '../prospect-directory.service';
import { CrmMirrorService } from './crm-mirror.service';
import { MirrorRetryPolicy } from './retry';

const T0 = Date.parse('2026-11-29T10:00:00.000Z');
const stamp = (seconds: number) => new Date(T0 + seconds * 1000).toISOString().replace('Z', '+0000');
/** the org's clock half-way through a second (so the fake's round trip of a few ms keeps it in that second) */
const serverAt = (seconds: number) => new Date(T0 + seconds * 1000 + 500).toISOString();
const iso = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const contactId = (n: number) => `003${String(n).padStart(12, '0')}AAA`;
const leadId = (n: number) => `00Q${String(n).padStart(12, '0')}EAA`;
const phone = (n: number) => `(415) 555-${String(n % 10000).padStart(4, '0')}`;

const aContact = (n: number, overrides: Partial<FakeRecord> = {}): FakeRecord => ({
  Id: contactId(n),
  SystemModstamp: stamp(0),
  Name: `Contact ${n}`,
  MobilePhone: phone(n),
  Phone: null,
  DoNotCall: false,
  Do_Not_SMS__c: false,
  SMS_Enrolled__c: true,
  OwnerId: '005000000000001AAA',
  AccountId: '001000000000001AAA',
  ...overrides,
});
const aLead = (n: number, overrides: Partial<FakeRecord> = {}): FakeRecord => {
  const { AccountId: _ignored, ...lead } = aContact(n, { Id: leadId(n), Name: `Lead ${n}`, IsConverted: false, ...overrides });
  return lead as FakeRecord;
};

const silent: JobProgress = { update: () => undefined };

describe('CRM mirror (service over a real SQLite database and a fake org)', () => {
  let dataSource: DataSource;
  let crm: FakeCrmGateway;
  let mirror: CrmMirrorService;
  let directory: ProspectDirectory;
  const settings = { mirrorSafetyLagSeconds: 5 };

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(async () => {
    const config = loadConfig({ DATABASE_URL: 'sqlite::memory:' }, 'sandbox');
    dataSource = await openDatabase(config.database);
    const uow = new UnitOfWork(dataSource);
    crm = new FakeCrmGateway();
    crm.serverTime = serverAt(60); // cutoff: 10:00:55 (60 s, less the 5 s lag)
    settings.mirrorSafetyLagSeconds = 5;
    const retry = new MirrorRetryPolicy();
    retry.delaysMs = [1, 1, 1];
    mirror = new CrmMirrorService(crm, new CrmMappingService(config, dataSource, uow, crm), uow, retry, dataSource, settings);
    directory = new ProspectDirectory(dataSource, uow);
  });
  afterEach(() => dataSource.destroy());

  const count = (entity: typeof Prospect | typeof ProspectPhone) => dataSource.getRepository(entity).count();
  const watermark = (objectName: string) => dataSource.getRepository(SyncWatermark).findOneBy({ objectName });

  it('loads several pages at ⌈N/2000⌉ + 2 calls, then an idle poll costs one call per object', async () => {
    crm.put('Contact', ...Array.from({ length: 4500 }, (_, i) => aContact(i + 1, { SystemModstamp: stamp(i % 7) })));
    const first = await mirror.run('incremental', silent);
    expect(first).toMatchObject({ recordsRead: 4500, recordsUpserted: 4500, recordsRemoved: 0, pages: 5, salesforceApiCalls: 3 + 2 });
    expect(await count(Prospect)).toBe(4500);
    expect(await count(ProspectPhone)).toBe(4500);
    // everything before the cutoff is read: the next poll starts there
    expect(await watermark('Contact')).toMatchObject({ lastModstamp: iso(55), lastId: '' });

    crm.serverTime = serverAt(120);
    const idle = await mirror.run('incremental', silent);
    expect(idle).toMatchObject({ recordsRead: 0, salesforceApiCalls: 3 });
  });

  it('never skips nor re-reads records that share one SystemModstamp, late commits into the trailing second included', async () => {
    crm.serverTime = serverAt(5); // 10:00:05.5 less the 5 s lag: second 10:00:00 is still open
    crm.put('Contact', ...Array.from({ length: 2500 }, (_, i) => aContact(i * 2 + 2)));
    const early = await mirror.run('incremental', silent);
    expect(early).toMatchObject({ recordsRead: 0, recordsDeferred: 2500, salesforceApiCalls: 3 }); // no queryMore past the cutoff
    expect(await watermark('Contact')).toMatchObject({ lastModstamp: iso(0), lastId: '' });

    // saves that commit late into that second, with ids before and after the ones read, plus one edit
    crm.put('Contact', aContact(1), aContact(9001), aContact(2, { SystemModstamp: stamp(1), DoNotCall: true }));
    crm.serverTime = serverAt(6);
    const next = await mirror.run('incremental', silent);
    expect(crm.soql.at(-2)).toContain('WHERE SystemModstamp >= 2026-11-29T10:00:00Z ORDER BY');
    expect(next).toMatchObject({ recordsRead: 2501, recordsDeferred: 1 }); // 2 moved to 10:00:01: the next poll's
    expect(await directory.findById(contactId(1))).not.toBeNull();
    expect(await directory.findById(contactId(9001))).not.toBeNull();
    expect(await directory.findById(contactId(2))).toBeNull(); // saved again at 10:00:01 before it was ever read

    crm.serverTime = serverAt(7);
    expect(await mirror.run('incremental', silent)).toMatchObject({ recordsRead: 1, recordsDeferred: 0 });
    expect((await directory.findById(contactId(2)))?.doNotCall).toBe(true);
    crm.serverTime = serverAt(70);
    expect(await mirror.run('incremental', silent)).toMatchObject({ recordsRead: 0, salesforceApiCalls: 3 });
  });

  it('reads up to the cutoff, fetches no page past it, and takes the rest on the next poll', async () => {
    crm.put('Contact', ...Array.from({ length: 1500 }, (_, i) => aContact(i + 1)));
    crm.put('Contact', ...Array.from({ length: 3000 }, (_, i) => aContact(i + 5001, { SystemModstamp: stamp(58) })));
    const run = await mirror.run('incremental', silent);
    expect(run).toMatchObject({ recordsRead: 1500, recordsDeferred: 3000, salesforceApiCalls: 3 });
    expect(crm.calls.filter((c) => c.method === 'queryMore')).toEqual([]);
    expect(await watermark('Contact')).toMatchObject({ lastModstamp: iso(55), lastId: '' });

    crm.serverTime = serverAt(120);
    expect(await mirror.run('incremental', silent)).toMatchObject({ recordsRead: 3000, recordsDeferred: 0, salesforceApiCalls: 4 });
    expect(await count(Prospect)).toBe(4500);
    expect(await mirror.run('incremental', silent)).toMatchObject({ recordsRead: 0, salesforceApiCalls: 3 });
  });

  it('falls back to the local clock when pages carry no server time', async () => {
    crm.serverTime = null;
    crm.put('Contact', aContact(1));
    const sent = Date.now();
    await mirror.run('incremental', silent);
    const mark = await watermark('Contact');
    expect(mark?.lastId).toBe('');
    expect(Date.parse(mark!.lastModstamp)).toBeLessThanOrEqual(sent - 5000);
    expect(Date.parse(mark!.lastModstamp)).toBeGreaterThan(sent - 7000);
  });

  it('sees a Do-Not-Call edit on the next run', async () => {
    crm.put('Contact', aContact(1), aContact(2));
    await mirror.run('incremental', silent);
    crm.put('Contact', aContact(1, { SystemModstamp: stamp(61), DoNotCall: true, Do_Not_SMS__c: true, SMS_Enrolled__c: false }));
    crm.serverTime = serverAt(120);
    const run = await mirror.run('incremental', silent);
    expect(run).toMatchObject({ recordsRead: 1, recordsUpserted: 1 });
    expect(await directory.findById(contactId(1))).toMatchObject({ doNotCall: true, doNotSms: true, enrolled: false });
  });

  it('removes deleted records and converted Leads with their phone index rows', async () => {
    crm.put('Contact', aContact(1), aContact(2));
    crm.put('Lead', aLead(3), aLead(4));
    await mirror.run('incremental', silent);
    expect(await directory.findByPhone('+14155550003')).toHaveLength(1);
    crm.put('Contact', aContact(1, { IsDeleted: true, SystemModstamp: stamp(63) }));
    crm.put('Lead', aLead(3, { IsConverted: true, SystemModstamp: stamp(63) }));
    crm.serverTime = serverAt(120);
    const run = await mirror.run('incremental', silent);
    expect(run).toMatchObject({ recordsRead: 2, recordsRemoved: 2, recordsUpserted: 0 });
    expect(await directory.findById(contactId(1))).toBeNull();
    expect(await directory.findById(leadId(3))).toBeNull();
    expect(await dataSource.getRepository(ProspectPhone).findBy({ prospectId: contactId(1) })).toEqual([]);
    expect(await count(Prospect)).toBe(2);
  });

  it('leaves the watermark at the last committed page when a page fails for good, and resumes there', async () => {
    crm.put('Contact', ...Array.from({ length: 5000 }, (_, i) => aContact(i + 1, { SystemModstamp: stamp(Math.floor(i / 1000)) })));
    // calls: Account query, Contact query, Contact page 2 (fails, not retryable), Lead query
    crm.failures = [null, null, new CrmError('INVALID_DATA', 'invalid query locator', 'INVALID_QUERY_LOCATOR')];
    const failed = mirror.run('incremental', silent);
    await expect(failed).rejects.toThrow(JobFailedError);
    await expect(failed).rejects.toThrow(/Contact: invalid query locator/);
    expect(await count(Prospect)).toBe(2000);
    expect(await watermark('Contact')).toMatchObject({ lastModstamp: '2026-11-29T10:00:01.000Z', lastId: contactId(2000) });

    const resumed = await mirror.run('incremental', silent);
    expect(resumed.recordsRead).toBe(3000);
    expect(await count(Prospect)).toBe(5000);
  });

  it('retries a page that fails with a transient error', async () => {
    crm.put('Contact', ...Array.from({ length: 2500 }, (_, i) => aContact(i + 1)));
    crm.failures = [null, null, new CrmError('TEMPORARY', 'Service Unavailable', '503'), new CrmError('RATE_LIMITED', 'limit', 'REQUEST_LIMIT_EXCEEDED')];
    const run = await mirror.run('incremental', silent);
    expect(run).toMatchObject({ recordsRead: 2500, retries: 2, salesforceApiCalls: 4 + 2 });
  });

  it('fails the run with the reason once the retries are spent', async () => {
    crm.put('Contact', aContact(1));
    crm.failures = [null, ...Array.from({ length: 4 }, () => new CrmError('TEMPORARY', 'Service Unavailable', '503'))];
    await expect(mirror.run('incremental', silent)).rejects.toThrow(/Contact: Service Unavailable/);
    expect(await watermark('Contact')).toBeNull();
    expect(crm.calls).toHaveLength(1 + 4 + 1); // Account, Contact tried 4 times, Lead still mirrored
  });

  it('full resync removes what Salesforce no longer has, even purged records, and moves the watermark to its cutoff', async () => {
    crm.put('Contact', aContact(1), aContact(2, { SystemModstamp: stamp(9) }), aContact(3));
    crm.put('Account', { Id: '001000000000001AAA', SystemModstamp: stamp(0), Name: 'Acme' }, { Id: '001000000000002AAA', SystemModstamp: stamp(0), Name: 'Gone' });
    await mirror.run('incremental', silent);
    crm.objects.set('Contact', crm.objects.get('Contact')!.filter((r) => r.Id !== contactId(3)));
    crm.objects.set('Account', crm.objects.get('Account')!.slice(0, 1));
    const idle = await mirror.run('incremental', silent);
    expect(idle.recordsRemoved).toBe(0); // purged: the incremental path cannot see it
    crm.serverTime = serverAt(120);
    const full = await mirror.run('full', silent);
    expect(full).toMatchObject({ recordsRead: 3, recordsUpserted: 3, recordsRemoved: 2 });
    expect((await dataSource.getRepository(Prospect).find()).map((p) => p.id).sort()).toEqual([contactId(1), contactId(2)]);
    expect(await watermark('Contact')).toMatchObject({ lastModstamp: iso(115), lastId: '' });
    expect(crm.soql.at(-2)).not.toContain('WHERE');
  });

  it('indexes phones: several prospects may share a number; Accounts list their enrolled Contacts', async () => {
    crm.put('Contact', aContact(1, { Phone: '415-555-9999' }), aContact(2, { MobilePhone: '+1 415 555 9999' }), aContact(3, { SMS_Enrolled__c: false }));
    crm.put('Lead', aLead(4, { MobilePhone: 'not a number' }));
    const run = await mirror.run('incremental', silent);
    expect(run.phoneWarnings).toBe(1);
    expect((await directory.findByPhone('+14155559999')).map((p) => p.id)).toEqual([contactId(1), contactId(2)]);
    expect((await directory.findById(contactId(1)))?.phones).toEqual([
      { field: 'MobilePhone', e164: '+14155550001' },
      { field: 'Phone', e164: '+14155559999' },
    ]);
    expect((await directory.contactsOfAccount('001000000000001')).map((p) => [p.id, p.enrolled])).toEqual([
      [contactId(1), true],
      [contactId(2), true],
      [contactId(3), false],
    ]);
    expect(await directory.findById(leadId(4))).toMatchObject({ objectType: 'Lead', phones: [] });
  });

  it('reads mapped fields named in another case than the org spells them', async () => {
    const contact = crm.descriptions.get('Contact')!;
    contact.fields.push(aField('Text_Opt_In__c', 'boolean'));
    crm.put('Contact', aContact(1, { Text_Opt_In__c: true, SMS_Enrolled__c: false }));
    const mappings = (mirror as unknown as { mappings: CrmMappingService }).mappings;
    const file = mappings.fileMapping();
    await mappings.save({ ...file, people: [{ ...file.people[0], enrolledField: 'text_opt_in__c' }, file.people[1]] }, null);
    await mirror.run('incremental', silent);
    expect(crm.soql.find((q) => q.includes('FROM Contact'))).toContain('text_opt_in__c');
  });
});
