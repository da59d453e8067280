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
import { CrmMappingStore } from '../crm-mapping.store';
import { Prospect } from '../prospect.entity';
import { ProspectPhone } from '../prospect-phone.entity';
import { ProspectDirectory } from '../prospect-directory.service';
import { CrmMirrorService } from './crm-mirror.service';
import { AccountsStore } from './accounts.store';
import { ProspectsStore } from './prospects.store';
import { MirrorRetryPolicy } from './retry';
import { WatermarksStore } from './watermarks.store';

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
  const settings = { mirrorOverlapSeconds: 300 };

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(async () => {
    const config = loadConfig({ DATABASE_URL: 'sqlite::memory:' }, 'sandbox');
    dataSource = await openDatabase(config.database);
    const uow = new UnitOfWork(dataSource);
    crm = new FakeCrmGateway();
    crm.serverTime = serverAt(60); // queries run at 10:01:00 on the org's clock
    settings.mirrorOverlapSeconds = 300;
    const retry = new MirrorRetryPolicy();
    retry.delaysMs = [1, 1, 1];
    const stores = [new ProspectsStore(uow.sql), new AccountsStore(), new WatermarksStore(uow.sql)] as const;
    mirror = new CrmMirrorService(crm, new CrmMappingService(config, new CrmMappingStore(uow.sql), uow, crm, new WatermarksStore(uow.sql)), uow, retry, ...stores, settings);
    directory = new ProspectDirectory(uow, new ProspectsStore(uow.sql), new AccountsStore());
  });
  afterEach(() => dataSource.destroy());

  const count = (entity: typeof Prospect | typeof ProspectPhone) => dataSource.getRepository(entity).count();
  const watermark = (objectName: string) => dataSource.getRepository(SyncWatermark).findOneBy({ objectName });

  it('loads several pages at ⌈N/2000⌉ + 2 calls, then an idle poll costs one call per object and reads nothing older than the overlap', async () => {
    settings.mirrorOverlapSeconds = 30;
    crm.put('Contact', ...Array.from({ length: 4500 }, (_, i) => aContact(i + 1, { SystemModstamp: stamp(i % 7) })));
    const first = await mirror.run('incremental', silent);
    expect(first).toMatchObject({ recordsRead: 4500, recordsUpserted: 4500, recordsRemoved: 0, pages: 5, salesforceApiCalls: 3 + 2 });
    expect(await count(Prospect)).toBe(4500);
    expect(await count(ProspectPhone)).toBe(4500);
    // a complete run: the watermark is the second its query ran (earlier by the round trip, which a loaded machine stretches)
    const mark = await watermark('Contact');
    expect(mark?.lastId).toBe('');
    expect(Date.parse(mark!.lastModstamp)).toBeLessThanOrEqual(Date.parse(iso(60)));
    expect(Date.parse(mark!.lastModstamp)).toBeGreaterThanOrEqual(Date.parse(iso(50)));

    crm.serverTime = serverAt(120);
    const idle = await mirror.run('incremental', silent);
    expect(idle).toMatchObject({ recordsRead: 0, recordsWritten: 0, salesforceApiCalls: 3 });
    // the overlap (30 s) before the watermark
    const from = new Date(Date.parse(mark!.lastModstamp) - 30_000).toISOString().slice(0, 19) + 'Z';
    expect(crm.soql.find((q) => q.includes('FROM Contact') && q.includes('>='))).toContain(`WHERE SystemModstamp >= ${from} ORDER BY`);
  });

  it('applies every record at once, those stamped in the second the query ran included', async () => {
    crm.serverTime = serverAt(0);
    crm.put('Contact', ...Array.from({ length: 2500 }, (_, i) => aContact(i + 1)));
    expect(await mirror.run('incremental', silent)).toMatchObject({ recordsRead: 2500, recordsUpserted: 2500 });
    expect(await count(Prospect)).toBe(2500);
  });

  // Salesforce stamps a save when its transaction begins, to the second: a Do-Not-Call can appear
  // behind a poll that already read past its stamp. Each case is missed without the overlap.
  const lateDoNotCall = (overlapSeconds: number, savedAt: number, pollAt: number) => async () => {
    settings.mirrorOverlapSeconds = overlapSeconds;
    crm.put('Contact', ...Array.from({ length: 10 }, (_, i) => aContact(i * 2 + 2, { SystemModstamp: stamp(savedAt) })));
    crm.put('Contact', aContact(1, { SystemModstamp: stamp(savedAt - 60) }));
    crm.serverTime = serverAt(pollAt);
    await mirror.run('incremental', silent);
    expect((await directory.findById(contactId(1)))?.doNotCall).toBe(false);
    // committed after that poll, stamped at `savedAt`, on an Id lower than every record read
    crm.put('Contact', aContact(1, { SystemModstamp: stamp(savedAt), DoNotCall: true }));
    crm.serverTime = serverAt(pollAt + 60);
    await mirror.run('incremental', silent);
    return (await directory.findById(contactId(1)))?.doNotCall;
  };

  it('reads a Do-Not-Call saved in the second of the last record read, on a lower Id', async () => {
    expect(await lateDoNotCall(300, 10, 10)()).toBe(true);
  });

  it('reads a Do-Not-Call committed 2 s late', async () => {
    expect(await lateDoNotCall(300, 10, 12)()).toBe(true);
  });

  it('reads a Do-Not-Call committed 4 minutes late', async () => {
    expect(await lateDoNotCall(300, 10, 250)()).toBe(true);
  });

  it('misses a commit later than the overlap (the nightly full resync catches it): the overlap is what closes the hole', async () => {
    expect(await lateDoNotCall(0, 10, 12)()).toBe(false);
    expect(await mirror.run('full', silent)).toMatchObject({ recordsRead: 11 });
    expect((await directory.findById(contactId(1)))?.doNotCall).toBe(true);
  });

  it('falls back to the local clock when pages carry no server time', async () => {
    crm.serverTime = null;
    crm.put('Contact', aContact(1));
    const sent = Date.now();
    await mirror.run('incremental', silent);
    const mark = await watermark('Contact');
    expect(mark?.lastId).toBe('');
    expect(Date.parse(mark!.lastModstamp)).toBeGreaterThan(sent - 1000);
    expect(Date.parse(mark!.lastModstamp)).toBeLessThanOrEqual(Date.now());
  });

  it('sees a Do-Not-Call edit on the next run', async () => {
    crm.put('Contact', aContact(1), aContact(2));
    await mirror.run('incremental', silent);
    crm.put('Contact', aContact(1, { SystemModstamp: stamp(61), DoNotCall: true, Do_Not_SMS__c: true, SMS_Enrolled__c: false }));
    crm.serverTime = serverAt(120);
    const run = await mirror.run('incremental', silent);
    expect(run).toMatchObject({ recordsRead: 2, recordsUpserted: 2 }); // the other one re-read in the overlap
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
    expect(run).toMatchObject({ recordsRead: 4, recordsRemoved: 2, recordsUpserted: 2 }); // the others re-read in the overlap
    expect(await directory.findById(contactId(1))).toBeNull();
    expect(await directory.findById(leadId(3))).toBeNull();
    expect(await dataSource.getRepository(ProspectPhone).findBy({ prospectId: contactId(1) })).toEqual([]);
    expect(await count(Prospect)).toBe(2);
  });

  it('leaves the watermark at the last committed page when a page fails for good, and resumes there', async () => {
    settings.mirrorOverlapSeconds = 0;
    crm.put('Contact', ...Array.from({ length: 5000 }, (_, i) => aContact(i + 1, { SystemModstamp: stamp(Math.floor(i / 1000)) })));
    // calls: Account query, Contact query, Contact page 2 (fails, not retryable), Lead query
    crm.failures = [null, null, new CrmError('INVALID_DATA', 'invalid query locator', 'INVALID_QUERY_LOCATOR')];
    const failed = mirror.run('incremental', silent);
    await expect(failed).rejects.toThrow(JobFailedError);
    await expect(failed).rejects.toThrow(/Contact: invalid query locator/);
    expect(await count(Prospect)).toBe(2000);
    expect(await watermark('Contact')).toMatchObject({ lastModstamp: '2026-11-29T10:00:01.000Z', lastId: contactId(2000) });

    const resumed = await mirror.run('incremental', silent);
    expect(resumed.recordsRead).toBe(4000); // from 10:00:01 on: the second of the last committed record
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

  it('full resync removes what Salesforce no longer has, even purged records, and moves the watermark to the second it ran', async () => {
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
    expect(await watermark('Contact')).toMatchObject({ lastModstamp: iso(120), lastId: '' });
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
