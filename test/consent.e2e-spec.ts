import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../src/config/app-config';
import { ConsentService } from '../src/consent/consent.service';
import { ConsentBlocksStore } from '../src/consent/consent-blocks.store';
import { ConsentCrmFlagsStore } from '../src/consent/consent-crm-flags.store';
import { ConsentEventsStore } from '../src/consent/consent-events.store';
import { ProspectsStore } from '../src/crm/mirror/prospects.store';
import { ConsentCrmFlag } from '../src/consent/consent-crm-flag.entity';
import { Prospect } from '../src/crm/prospect.entity';
import { openDatabase } from '../src/database/data-source';
import { UnitOfWork } from '../src/database/unit-of-work';
import { OutboxStore } from '../src/outbox/outbox.store';
import { OutboxEntry } from '../src/outbox/outbox-entry.entity';
import { seedProspect } from './factories/crm';
import { createScratchDatabase, onPostgres } from './support/postgres';

const backends: [string, () => Promise<{ config: DatabaseConfig; cleanup: () => Promise<void> }>][] = [
  ['SQLite', async () => ({ config: { type: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'scs-')), 'consent.db') }, cleanup: async () => undefined })],
  ...onPostgres('PostgreSQL', async () => {
    const db = await createScratchDatabase();
    return { config: { type: 'postgres' as const, url: db.url }, cleanup: db.drop };
  }),
];

describe.each(backends)('consent on %s: opt-out, opt-in, CRM write-back and the ledger', (_name, makeBackend) => {
  let dataSource: DataSource;
  let cleanup: () => Promise<void>;
  let consent: ConsentService;
  let uow: UnitOfWork;

  beforeAll(async () => {
    const backend = await makeBackend();
    cleanup = backend.cleanup;
    dataSource = await openDatabase(backend.config);
    uow = new UnitOfWork(dataSource);
    consent = new ConsentService(
      new ConsentBlocksStore(uow.sql),
      new ConsentEventsStore(uow.sql),
      new ConsentCrmFlagsStore(),
      new ProspectsStore(uow.sql),
      new OutboxStore(uow),
    );
  });
  afterAll(async () => {
    await dataSource.destroy();
    await cleanup();
  });

  const doNotSmsWrites = async (prospectId: string) =>
    (await dataSource.getRepository(OutboxEntry).find({ where: { kind: 'do_not_sms', aggregateId: prospectId }, order: { id: 'ASC' } })).map(
      (e) => JSON.parse(e.payload!).value as boolean,
    );

  it('blocks the number org-wide and queues Do-Not-SMS for every prospect holding it', async () => {
    const phone = '+14155550001';
    const a = await seedProspect(dataSource, phone);
    const b = await seedProspect(dataSource, phone, { objectType: 'Lead' }, 'Phone');
    const result = await uow.unit((tx) => consent.optOut(tx, { phoneNumber: phone, source: 'keyword', messageId: 'msg-1' }));
    expect(result.effect).toBe('new');
    expect(result.flaggedProspectIds.sort()).toEqual([a.id, b.id].sort());
    expect(await consent.isOptedOut(phone)).toBe(true);
    expect(await doNotSmsWrites(a.id)).toEqual([true]);
    expect(await doNotSmsWrites(b.id)).toEqual([true]);
    expect((await dataSource.getRepository(OutboxEntry).findOneByOrFail({ aggregateId: a.id })).priority).toBe(0);

    const again = await uow.unit((tx) => consent.optOut(tx, { phoneNumber: phone, source: 'keyword', messageId: 'msg-2' }));
    expect(again).toEqual({ effect: 'repeat', flaggedProspectIds: [] });
    expect(await doNotSmsWrites(a.id)).toEqual([true]);

    const lifted = await uow.unit((tx) => consent.optIn(tx, { phoneNumber: phone, messageId: 'msg-3' }));
    expect(lifted.effect).toBe('lift');
    expect(await consent.isOptedOut(phone)).toBe(false);
    expect(await doNotSmsWrites(a.id)).toEqual([true, false]);
    expect(await doNotSmsWrites(b.id)).toEqual([true, false]);
    expect(await dataSource.getRepository(ConsentCrmFlag).countBy({ phoneNumber: phone })).toBe(0);

    const ledger = await consent.ledger(phone);
    expect(ledger.map((e) => [e.action, e.source, e.messageId, e.note])).toEqual([
      ['block', 'keyword', 'msg-1', null],
      ['block', 'keyword', 'msg-2', 'already opted out'],
      ['unblock', 'keyword', 'msg-3', null],
    ]);
  });

  it('leaves a Do-Not-SMS that people set in the CRM in force after START', async () => {
    const phone = '+14155550002';
    const byPeople = await seedProspect(dataSource, phone, { doNotSms: true });
    const clean = await seedProspect(dataSource, phone);
    await uow.unit((tx) => consent.optOut(tx, { phoneNumber: phone, source: 'reasonable_means', messageId: 'm1', needsReview: true }));
    expect((await dataSource.getRepository(Prospect).findOneByOrFail({ id: clean.id })).doNotSms).toBe(true);
    const result = await uow.unit((tx) => consent.optIn(tx, { phoneNumber: phone, messageId: 'm2' }));
    expect(result).toEqual({ effect: 'lift', clearedProspectIds: [clean.id] });
    expect((await dataSource.getRepository(Prospect).findOneByOrFail({ id: byPeople.id })).doNotSms).toBe(true);
    expect((await dataSource.getRepository(Prospect).findOneByOrFail({ id: clean.id })).doNotSms).toBe(false);
    expect(await doNotSmsWrites(byPeople.id)).toEqual([true]);
    expect(await doNotSmsWrites(clean.id)).toEqual([true, false]);
    const [block] = await consent.ledger(phone);
    expect(block).toMatchObject({ action: 'block', source: 'reasonable_means', needsReview: true });
  });

  it('keeps a block an admin made when the prospect texts STOP and then START', async () => {
    const phone = '+14155550003';
    await uow.unit((tx) => consent.block(tx, { phoneNumber: phone, source: 'admin', actorUserId: 'admin-1', note: 'legal hold' }));
    const optOut = await uow.unit((tx) => consent.optOut(tx, { phoneNumber: phone, source: 'keyword', messageId: 'm1' }));
    expect(optOut.effect).toBe('over_people_block');
    expect((await consent.currentBlock(phone))?.source).toBe('admin');
    const optIn = await uow.unit((tx) => consent.optIn(tx, { phoneNumber: phone, messageId: 'm2' }));
    expect(optIn.effect).toBe('kept');
    expect(await consent.isOptedOut(phone)).toBe(true);
    expect((await consent.ledger(phone)).map((e) => e.source)).toEqual(['admin', 'keyword']);
  });

  it('lifts a block Twilio reported (21610) on START', async () => {
    const phone = '+14155550004';
    await uow.unit((tx) => consent.block(tx, { phoneNumber: phone, source: 'provider_21610', messageId: 'out-1' }));
    const optIn = await uow.unit((tx) => consent.optIn(tx, { phoneNumber: phone, messageId: 'in-1' }));
    expect(optIn.effect).toBe('lift');
    expect(await consent.state(phone)).toMatchObject({ optedOut: false, source: 'keyword' });
  });

  it('does nothing on START from a number that is not blocked', async () => {
    const result = await uow.unit((tx) => consent.optIn(tx, { phoneNumber: '+14155550005', messageId: null }));
    expect(result).toEqual({ effect: 'not_blocked', clearedProspectIds: [] });
    expect(await consent.ledger('+14155550005')).toEqual([]);
  });
});
