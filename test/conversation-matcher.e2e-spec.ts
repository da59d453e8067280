import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../src/config/app-config';
import { openDatabase } from '../src/database/data-source';
import { UsersStore } from '../src/auth/users.store';
import { ProspectsStore } from '../src/crm/mirror/prospects.store';
import { UnitOfWork } from '../src/database/unit-of-work';
import { ConversationMatcher } from '../src/messaging/conversation-matcher';
import { MessagesStore } from '../src/messaging/messages.store';
import { SenderNumbersStore } from '../src/numbers/sender-numbers.store';
import { Message } from '../src/messaging/message.entity';
import { aMessage } from './factories/activity.factory';
import { seedProspect, seedRep } from './factories/crm';
import { createScratchDatabase, onPostgres } from './support/postgres';

const LINE_A = '+14155550100';
const LINE_B = '+12125550100';
const SHARED = '+14155550123';
const SOLO = '+16175550142';

const engines: [string, () => Promise<{ config: DatabaseConfig; drop: () => Promise<void> }>][] = [
  ['SQLite', async () => ({ config: { type: 'sqlite', path: join(mkdtempSync(join(tmpdir(), 'scs-')), 'match.db') }, drop: async () => undefined })],
  ...onPostgres('PostgreSQL', async () => {
    const db = await createScratchDatabase();
    return { config: { type: 'postgres' as const, url: db.url }, drop: db.drop };
  }),
];

describe.each(engines)('conversation matcher on %s', (_name, engine) => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await engine();
    drop = db.drop;
    dataSource = await openDatabase(db.config);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await drop();
  });

  it("files each reply under the prospect its line last texted at that number, one pair's history not another's", async () => {
    await seedRep(dataSource, LINE_A);
    await seedRep(dataSource, LINE_B);
    const dana = await seedProspect(dataSource, SHARED, { name: 'Dana' });
    const sam = await seedProspect(dataSource, SHARED, { name: 'Sam' });
    const solo = await seedProspect(dataSource, SOLO, { name: 'Solo' });
    const at = (minute: number) => new Date(Date.parse('2026-01-01T00:00:00.000Z') + minute * 60_000).toISOString();
    const sent = (from: string, to: string, prospectId: string, minute: number, recordId: string | null = null) =>
      aMessage({ direction: 'outbound', fromNumber: from, toNumber: to, prospectId, recordId, createdAt: at(minute), updatedAt: at(minute) });
    const history = [
      sent(LINE_A, SHARED, sam.id, 1),
      sent(LINE_A, SHARED, dana.id, 5, '001000000000042AAA'), // line A's last word to the household: Dana
      sent(LINE_B, SHARED, dana.id, 2),
      sent(LINE_B, SHARED, sam.id, 3), // line B's last word: Sam
      // newer, but not what a reply answers: an inbound message, and another line's send to Solo
      aMessage({ direction: 'inbound', fromNumber: SHARED, toNumber: LINE_A, prospectId: sam.id, createdAt: at(9), updatedAt: at(9) }),
      sent(LINE_A, SOLO, solo.id, 8),
    ];
    await dataSource.getRepository(Message).insert(history.map((m) => ({ ...m })));

    const sql = new UnitOfWork(dataSource).sql;
    const matcher = new ConversationMatcher(new SenderNumbersStore(sql), new UsersStore(sql), new ProspectsStore(sql), new MessagesStore(sql));
    const pairs = [
      { from: SHARED, to: LINE_A },
      { from: SHARED, to: LINE_B },
      { from: SOLO, to: LINE_B }, // line B never texted Solo: the only holder
      { from: SHARED, to: LINE_A }, // a repeat in the same batch
      { from: '+13125550199', to: LINE_A }, // nobody's number
    ];
    const matched = await matcher.matchMany(sql, pairs);
    expect(matched.get(`${SHARED}|${LINE_A}`)).toMatchObject({ prospect: { id: dana.id }, recordId: '001000000000042AAA' });
    expect(matched.get(`${SHARED}|${LINE_B}`)).toMatchObject({ prospect: { id: sam.id }, recordId: sam.id });
    expect(matched.get(`${SOLO}|${LINE_B}`)).toMatchObject({ prospect: { id: solo.id }, recordId: solo.id });
    expect(matched.get(`+13125550199|${LINE_A}`)).toMatchObject({ prospect: null, recordId: null });
    expect(matched.size).toBe(4);
  });
});
