import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { User } from '../../src/auth/user.entity';
import { Prospect } from '../../src/crm/prospect.entity';
import { Message } from '../../src/messaging/message.entity';
import { SenderNumber } from '../../src/numbers/sender-number.entity';
import { OutboxEntry, OutboxKind } from '../../src/outbox/outbox-entry.entity';
import { OUTBOX_PRIORITY } from '../../src/outbox/outbox.store';

/** Test-data factories with defaults and overrides for the activity-logging tests. */
let seq = 0;
const next = () => ++seq;
const sfId = (prefix: string, n: number) => `${prefix}${String(n).padStart(12, '0')}AAA`;
const at = (iso?: string) => iso ?? new Date().toISOString();

export const aUser = (o: Partial<User> = {}): User =>
  Object.assign(new User(), {
    id: randomUUID(),
    salesforceUserId: sfId('005', next()),
    name: 'Rep',
    email: 'rep@example.com',
    role: 'rep',
    apiKeyHash: randomUUID().replace(/-/g, '').padEnd(64, '0'),
    createdAt: at(),
    ...o,
  });

export const aContact = (o: Partial<Prospect> = {}): Prospect =>
  Object.assign(new Prospect(), {
    id: sfId('003', next()),
    objectType: 'Contact',
    name: 'Ada Lovelace',
    accountId: sfId('001', next()),
    ownerId: null,
    doNotCall: false,
    doNotSms: false,
    enrolled: true,
    systemModstamp: at(),
    syncedAt: at(),
    ...o,
  });

export const aLead = (o: Partial<Prospect> = {}): Prospect => aContact({ id: sfId('00Q', next()), objectType: 'Lead', name: 'Grace Hopper', accountId: null, ...o });

export const aSenderNumber = (o: Partial<SenderNumber> & { userId: string }): SenderNumber =>
  Object.assign(new SenderNumber(), { id: randomUUID(), phoneNumber: `+1415555${String(next() % 10000).padStart(4, '0')}`, kind: 'direct', smsEnabled: true, createdAt: at(), ...o });

export const aMessage = (o: Partial<Message> = {}): Message =>
  Object.assign(new Message(), {
    id: randomUUID(),
    direction: 'outbound',
    fromNumber: '+14155550100',
    toNumber: '+14155550199',
    body: 'Hello from the test',
    encoding: 'GSM-7',
    segments: 1,
    status: 'sent',
    errorCode: null,
    providerSid: null,
    prospectId: null,
    recordId: null,
    userId: null,
    senderNumberId: null,
    idempotencyKey: null,
    needsReview: false,
    createdAt: at(),
    updatedAt: at(),
    crmActivityId: null,
    replyToId: null,
    sendAttempts: 0,
    sendClaimedAt: null,
    deliveryCheckAt: null,
    ...o,
  });

export const anOutboxEntry = (kind: OutboxKind, aggregateId: string, o: Partial<OutboxEntry> = {}): Partial<OutboxEntry> => ({
  kind,
  aggregateId,
  payload: null,
  priority: OUTBOX_PRIORITY[kind],
  status: 'pending',
  attempts: 0,
  nextAttemptAt: at(),
  lastError: null,
  createdAt: at(),
  updatedAt: at(),
  ...o,
});

/** Inserts messages with their task_upsert outbox entries, as the sending/inbound modules do. */
export async function insertLoggedMessages(dataSource: DataSource, messages: Message[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 200) {
    const chunk = messages.slice(i, i + 200);
    await insertRows(dataSource, Message, chunk);
    await dataSource.getRepository(OutboxEntry).insert(chunk.map((m) => anOutboxEntry('task_upsert', m.id)));
  }
}

/**
 * Inserts copies: TypeORM 1.1 on better-sqlite3 merges what it reads back after a multi-row insert
 * into the given objects and can swap their ids, so the caller's objects must not be handed over.
 */
export async function insertRows<T extends object>(dataSource: DataSource, entity: new () => T, rows: T[]): Promise<void> {
  await dataSource.getRepository(entity).insert(rows.map((row) => ({ ...row })) as never);
}

/** A rep, a Contact and `count` messages between them, each queued for the activity flush. */
export async function seedLoggedConversation(dataSource: DataSource, count: number, overrides: Partial<Message> = {}) {
  const rep = aUser();
  const contact = aContact();
  await dataSource.getRepository(User).insert(rep);
  await dataSource.getRepository(Prospect).insert(contact);
  const list = Array.from({ length: count }, () => aMessage({ userId: rep.id, prospectId: contact.id, ...overrides }));
  await insertLoggedMessages(dataSource, list);
  return { rep, contact, list };
}
