import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../src/config/app-config';
import { ConsentBlocksStore } from '../src/consent/consent-blocks.store';
import { ConsentBlock } from '../src/consent/consent-block.entity';
import { toId18 } from '../src/common/salesforce-id';
import { Prospect } from '../src/crm/prospect.entity';
import { ProspectDirectory } from '../src/crm/prospect-directory.service';
import { RecordContextService } from '../src/crm/record-context.service';
import { ProspectPhone } from '../src/crm/prospect-phone.entity';
import { ProspectsStore } from '../src/crm/mirror/prospects.store';
import { AccountsStore } from '../src/crm/mirror/accounts.store';
import { openDatabase } from '../src/database/data-source';
import { isUniqueViolation } from '../src/database/unique-violation';
import { UnitOfWork } from '../src/database/unit-of-work';
import { SendFactsReader } from '../src/messaging/gate/send-facts.reader';
import { Message, MessageStatus } from '../src/messaging/message.entity';
import { MessagesStore } from '../src/messaging/messages.store';
import { RecordRecipientsService } from '../src/messaging/records/record-recipients.service';
import { DeliveryStatusService } from '../src/messaging/status/delivery-status.service';
import { SenderNumber } from '../src/numbers/sender-number.entity';
import { SenderNumbersStore } from '../src/numbers/sender-numbers.store';
import { OutboxStore } from '../src/outbox/outbox.store';
import { OutboxEntry } from '../src/outbox/outbox-entry.entity';
import { aMessage } from './factories/activity.factory';
import { aProspect, seedProspect, seedRep } from './factories/crm';
import { createScratchDatabase, onPostgres } from './support/postgres';
import { FakeCrmGateway } from './support/fake-crm.gateway';

type Backend = { config: DatabaseConfig; cleanup: () => Promise<void> };
const backends: [string, () => Promise<Backend>][] = [
  ['SQLite', async () => ({ config: { type: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'scs-')), 'send.db') }, cleanup: async () => undefined })],
  ...onPostgres('PostgreSQL', async () => {
    const db = await createScratchDatabase();
    return { config: { type: 'postgres' as const, url: db.url }, cleanup: db.drop };
  }),
];

/**
 * The send path's stores on both engines, one SQL text each: the queued message and its outbox
 * entry (as SendMessageService writes them), the provider's answer, delivery statuses, and the
 * gate's reads.
 */
describe.each(backends)('the send path on %s: MessagesStore, OutboxStore, DeliveryStatusService and SendFactsReader', (_name, makeBackend) => {
  let dataSource: DataSource;
  let cleanup: () => Promise<void>;
  let uow: UnitOfWork;
  let messages: MessagesStore;
  let outbox: OutboxStore;
  let reader: SendFactsReader;
  let statuses: DeliveryStatusService;

  beforeAll(async () => {
    const backend = await makeBackend();
    cleanup = backend.cleanup;
    dataSource = await openDatabase(backend.config);
    uow = new UnitOfWork(dataSource);
    messages = new MessagesStore(uow.sql);
    outbox = new OutboxStore(uow);
    statuses = new DeliveryStatusService(uow, messages, outbox);
    const records = new RecordRecipientsService(new RecordContextService(new FakeCrmGateway(), new ProspectDirectory(uow, new ProspectsStore(uow.sql), new AccountsStore())));
    reader = new SendFactsReader(new SenderNumbersStore(uow.sql), new ProspectsStore(uow.sql), new ConsentBlocksStore(uow.sql), records);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await cleanup();
  });

  /** SendMessageService's first write: the queued message and its task_upsert entry, both or neither. */
  const store = {
    insertQueued: (message: Message) =>
      uow.unit(async (tx) => {
        await messages.insert(tx, [message]);
        await outbox.enqueue(tx, [{ kind: 'task_upsert', aggregateId: message.id }], message.createdAt);
      }),
    recordAccepted: (id: string, providerSid: string, status: MessageStatus, updatedAt: string) =>
      uow.unit((tx) => messages.recordAccepted(tx, [{ id, providerSid, status, updatedAt, deliveryCheckAt: null }])),
  };
  const outboxOf = (messageId: string) => dataSource.getRepository(OutboxEntry).findBy({ aggregateId: messageId });
  const queued = (o: Partial<Message> = {}) => aMessage({ status: 'queued', prospectId: '003000000000001AAA', recordId: '003000000000001AAA', ...o });

  describe('MessagesStore and OutboxStore', () => {
    it('stores the queued message exactly as given, with one pending task_upsert outbox entry', async () => {
      const message = queued({ idempotencyKey: 'k-1', userId: randomUUID(), senderNumberId: randomUUID(), body: 'Héllo 👋', encoding: 'UCS-2' });
      await store.insertQueued(message);
      expect(await dataSource.getRepository(Message).findOneByOrFail({ id: message.id })).toEqual({ ...message });
      const [entry, ...more] = await outboxOf(message.id);
      expect(more).toEqual([]);
      expect(entry).toMatchObject({ kind: 'task_upsert', payload: null, priority: 10, status: 'pending', attempts: 0, lastError: null });
      expect(entry.nextAttemptAt <= new Date().toISOString()).toBe(true);
    });

    it('refuses a second message with the same rep and idempotency key as a unique violation, and queues no outbox entry for it', async () => {
      const userId = randomUUID();
      await store.insertQueued(queued({ userId, idempotencyKey: 'same' }));
      const retry = queued({ userId, idempotencyKey: 'same' });
      const error = await store.insertQueued(retry).catch((e: unknown) => e);
      expect(isUniqueViolation(error)).toBe(true);
      expect(await dataSource.getRepository(Message).existsBy({ id: retry.id })).toBe(false);
      expect(await outboxOf(retry.id)).toEqual([]);
    });

    it('records the provider answer on a queued message only (a callback that moved it on wins)', async () => {
      const fresh = queued();
      const movedOn = queued();
      await store.insertQueued(fresh);
      await store.insertQueued(movedOn);
      await dataSource.getRepository(Message).update({ id: movedOn.id }, { status: 'delivered' });
      await store.recordAccepted(fresh.id, 'SM-fresh', 'sent', '2026-01-01T00:00:00.000Z');
      await store.recordAccepted(movedOn.id, 'SM-moved', 'queued', '2026-01-01T00:00:00.000Z');
      expect(await dataSource.getRepository(Message).findOneByOrFail({ id: fresh.id })).toMatchObject({ providerSid: 'SM-fresh', status: 'sent', updatedAt: '2026-01-01T00:00:00.000Z' });
      expect(await dataSource.getRepository(Message).findOneByOrFail({ id: movedOn.id })).toMatchObject({ providerSid: null, status: 'delivered' });
    });

    it('keeps every message with its outbox entry while other units of work commit and roll back around it', async () => {
      const sent = Array.from({ length: 60 }, () => queued());
      const doomed: string[] = [];
      const work = sent.flatMap((m, i) => {
        const others = [store.insertQueued(m)];
        if (i % 3 === 0) {
          const id = randomUUID();
          doomed.push(id);
          others.push(
            uow
              .unit(async (tx) => {
                await messages.insert(tx, [queued({ id })]);
                await new Promise((r) => setTimeout(r, 1));
                throw new Error('rolled back on purpose');
              })
              .catch(() => undefined),
          );
        }
        return others;
      });
      await Promise.all(work);
      for (const m of sent) expect(await outboxOf(m.id)).toHaveLength(1);
      for (const id of doomed) expect(await dataSource.getRepository(Message).existsBy({ id })).toBe(false);
    });
  });

  describe('DeliveryStatusService', () => {
    it('moves a status forward only, keeps the error code, and queues task_status once the message was logged', async () => {
      const unlogged = queued({ providerSid: `SM${randomUUID()}` });
      const logged = queued({ providerSid: `SM${randomUUID()}`, crmActivityId: '00T000000000001AAA' });
      await store.insertQueued(unlogged);
      await store.insertQueued(logged);

      expect(await statuses.apply(unlogged.providerSid!, 'sent', null)).toBe('applied');
      expect(await statuses.apply(unlogged.providerSid!, 'queued', null)).toBe('ignored');
      expect(await statuses.apply(unlogged.providerSid!, 'undelivered', '30003')).toBe('applied');
      expect(await statuses.apply(unlogged.providerSid!, 'delivered', null)).toBe('ignored');
      expect(await dataSource.getRepository(Message).findOneByOrFail({ id: unlogged.id })).toMatchObject({ status: 'undelivered', errorCode: '30003' });
      expect((await outboxOf(unlogged.id)).map((e) => e.kind)).toEqual(['task_upsert']);

      expect(await statuses.apply(logged.providerSid!, 'failed', null)).toBe('applied');
      const entries = await dataSource.getRepository(OutboxEntry).find({ where: { aggregateId: logged.id }, order: { id: 'ASC' } });
      expect(entries.map((e) => e.kind)).toEqual(['task_upsert', 'task_status']);
      expect(entries[1]).toMatchObject({ priority: 20, status: 'pending', attempts: 0 });
      expect(JSON.parse(entries[1].payload!)).toEqual({ status: 'failed', errorCode: null });
    });

    it('answers unknown for a sid it has not stored, and applies it once the send records the sid', async () => {
      const message = queued();
      await store.insertQueued(message);
      const sid = `SM${randomUUID()}`;
      expect(await statuses.apply(sid, 'delivered', null)).toBe('unknown');
      await store.recordAccepted(message.id, sid, 'queued', new Date().toISOString());
      await statuses.sidRecorded(sid);
      expect(await dataSource.getRepository(Message).findOneByOrFail({ id: message.id })).toMatchObject({ providerSid: sid, status: 'delivered' });
    });
  });

  describe('SendFactsReader', () => {
    it("lists the rep's numbers oldest first, with their kind and SMS flag", async () => {
      const { user, number } = await seedRep(dataSource, '+14155550701');
      const later = { id: randomUUID(), phoneNumber: '+14155550702', userId: user.id, kind: 'local_presence' as const, smsEnabled: false, createdAt: '2999-01-01T00:00:00.000Z' };
      await dataSource.getRepository(SenderNumber).insert(later);
      expect(await reader.senderNumbers(user.id)).toEqual([
        { id: number.id, phoneNumber: number.phoneNumber, userId: user.id, kind: 'direct', smsEnabled: true },
        { id: later.id, phoneNumber: later.phoneNumber, userId: user.id, kind: 'local_presence', smsEnabled: false },
      ]);
      expect(await reader.senderNumbers(randomUUID())).toEqual([]);
    });

    it('reads a Contact with its phones in field order (15- or 18-character id), a Lead, and nothing for unknown or malformed ids', async () => {
      const contact = await seedProspect(dataSource, '+12125550711', { enrolled: false, doNotCall: true, name: 'Casey Contact' });
      await dataSource.getRepository(ProspectPhone).insert({ prospectId: contact.id, field: 'HomePhone', position: 2, e164: '+12125550713' });
      await dataSource.getRepository(ProspectPhone).insert({ prospectId: contact.id, field: 'Phone', position: 1, e164: '+12125550712' });
      const facts = { prospectId: contact.id, name: 'Casey Contact', objectType: 'Contact', enrolled: false, doNotCall: true, doNotSms: false };
      const expected = {
        id: contact.id,
        type: 'Contact',
        name: 'Casey Contact',
        candidates: [
          { ...facts, phoneNumber: '+12125550711', field: 'MobilePhone' },
          { ...facts, phoneNumber: '+12125550712', field: 'Phone' },
          { ...facts, phoneNumber: '+12125550713', field: 'HomePhone' },
        ],
        // read with the record: who holds each phone (here the Contact alone)
        holders: new Map(['+12125550711', '+12125550712', '+12125550713'].map((phone) => [phone, [{ prospectId: contact.id, doNotCall: true, doNotSms: false }]])),
      };
      expect(await reader.record(contact.id)).toEqual(expected);
      expect(await reader.record(` ${contact.id.slice(0, 15)} `)).toEqual(expected);

      const lead = aProspect({ id: toId18('00Q000000000777')!, objectType: 'Lead', name: 'Lee Lead', doNotSms: true });
      await dataSource.getRepository(Prospect).insert(lead);
      expect(await reader.record(lead.id)).toEqual({ id: lead.id, type: 'Lead', name: 'Lee Lead', candidates: [], holders: new Map() });

      expect(await reader.record(toId18('003000000000999')!)).toBeNull();
      expect(await reader.record('not-an-id')).toBeNull();
      expect(await reader.record(toId18('006000000000001')!)).toBeNull();
    });

    it("answers a number's consent state and every holder's CRM flags", async () => {
      const shared = '+16175550720';
      const a = await seedProspect(dataSource, shared, { doNotCall: true });
      const b = await seedProspect(dataSource, shared, { doNotSms: true }, 'Phone');
      await dataSource.getRepository(ProspectPhone).insert({ prospectId: b.id, field: 'MobilePhone', position: 0, e164: shared });
      const line = await reader.line(shared);
      expect(line.optedOut).toBe(false);
      // the record's read brings the same holders, so the gate need not read them again
      const byId = (list: { prospectId: string }[]) => [...list].sort((x, y) => x.prospectId.localeCompare(y.prospectId));
      expect(byId((await reader.record(a.id))!.holders!.get(shared)!)).toEqual(byId(line.holders));
      expect(byId((await reader.record(b.id))!.holders!.get(shared)!)).toEqual(byId(line.holders));
      expect(line.holders.sort((x, y) => x.prospectId.localeCompare(y.prospectId))).toEqual(
        [
          { prospectId: a.id, doNotCall: true, doNotSms: false },
          { prospectId: b.id, doNotCall: false, doNotSms: true },
        ].sort((x, y) => x.prospectId.localeCompare(y.prospectId)),
      );

      await dataSource.getRepository(ConsentBlock).insert({ phoneNumber: shared, blocked: true, source: 'keyword', updatedAt: new Date().toISOString() });
      expect((await reader.line(shared)).optedOut).toBe(true);
      await dataSource.getRepository(ConsentBlock).insert({ phoneNumber: '+16175550721', blocked: false, source: 'keyword', updatedAt: new Date().toISOString() });
      expect(await reader.line('+16175550721')).toEqual({ optedOut: false, holders: [] });
      expect(await reader.line('+16175550729')).toEqual({ optedOut: false, holders: [] });
    });
  });
});
