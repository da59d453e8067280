import { ProspectsStore } from '../crm/mirror/prospects.store';
import { WatermarksStore } from '../crm/mirror/watermarks.store';
import { UsersStore } from '../auth/users.store';
import { MessagesStore } from '../messaging/messages.store';
import { SenderNumbersStore } from '../numbers/sender-numbers.store';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { aMessage, anOutboxEntry, aUser, insertRows, seedLoggedConversation } from '../../test/factories/activity.factory';
import { FakeCrmGateway } from '../../test/support/fake-crm.gateway';
import { User } from '../auth/user.entity';
import type { AppConfig } from '../config/app-config';
import { CrmMappingService } from '../crm/crm-mapping.service';
import { CrmMappingStore } from '../crm/crm-mapping.store';
import { openDatabase } from '../database/data-source';
import { UnitOfWork } from '../database/unit-of-work';
import { Message } from '../messaging/message.entity';
import { ActivityFlushService } from './activity-flush.service';
import { ApiBudget } from './api-budget';
import { OutboxEntry } from '../outbox/outbox-entry.entity';
import { OutboxStore } from '../outbox/outbox.store';
import { ReconcileService } from './reconcile.service';
import { TaskSourceLoader } from './task-source.loader';

describe('ReconcileService', () => {
  beforeAll(() => Logger.overrideLogger(false));
  let dataSource: DataSource;
  let crm: FakeCrmGateway;
  let flush: ActivityFlushService;
  let reconcile: ReconcileService;
  let budget: ApiBudget;

  beforeEach(async () => {
    dataSource = await openDatabase({ type: 'sqlite', path: ':memory:' });
    crm = new FakeCrmGateway();
    const config = { apiBudgetShare: 0.9, reconcileWindowDays: 7 } as AppConfig;
    budget = new ApiBudget(crm, config);
    const uow = new UnitOfWork(dataSource);
    const mappings = new CrmMappingService({ ...config, crmMappingFile: 'config/crm-mapping.yaml' } as AppConfig, new CrmMappingStore(uow.sql), uow, crm, new WatermarksStore(uow.sql));
    flush = new ActivityFlushService(new MessagesStore(uow.sql), uow, crm, budget, mappings, new TaskSourceLoader(new MessagesStore(uow.sql), new ProspectsStore(uow.sql), new UsersStore(uow.sql), new SenderNumbersStore(uow.sql), crm), new OutboxStore(uow), new ProspectsStore(uow.sql), { instanceName: 'web-1', outboxClaimSeconds: 60 });
    reconcile = new ReconcileService(new MessagesStore(uow.sql), uow, crm, budget, mappings, flush, new OutboxStore(uow), config);
  });

  afterEach(() => dataSource.destroy());

  async function logged(count: number, overrides: Partial<Message> = {}) {
    const { list } = await seedLoggedConversation(dataSource, count, overrides);
    await flush.drain();
    crm.calls.length = 0;
    return list;
  }

  it('reads the Tasks in pages of 2,000 and finds no drift when all is logged', async () => {
    await logged(4500);
    const stats = await reconcile.run();
    expect(stats).toMatchObject({ tasksRead: 4500, messagesCompared: 4500, missing: 0, stale: 0, queued: 0, readCalls: 3, salesforceApiCalls: 3 });
    expect(crm.calls.map((c) => c.method)).toEqual(['query', 'queryMore', 'queryMore']);
    expect(crm.soql[0]).toMatch(/^SELECT Id, SMS_Message_Id__c, Description FROM Task WHERE SMS_Message_Id__c != null AND CreatedDate >= \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('restores Tasks deleted behind our back exactly once, and a second run finds nothing', async () => {
    const list = await logged(300);
    for (const m of list.slice(0, 250)) crm.deleteTask(m.id);
    const stats = await reconcile.run();
    expect(stats).toMatchObject({ missing: 250, queued: 250, recordsWritten: 250, readCalls: 1, salesforceApiCalls: 3 });
    expect(crm.tasks.size).toBe(300);
    const again = await reconcile.run();
    expect(again).toMatchObject({ missing: 0, queued: 0, salesforceApiCalls: 1 });
    const rows = await dataSource.getRepository(Message).find();
    expect(rows.every((m) => m.crmActivityId === crm.tasks.get(m.id)!.Id)).toBe(true);
  });

  it('queues a status update for a stale Description and relinks a Task id lost in a crash, without writing it', async () => {
    const [stale, unlinked] = await logged(2);
    await dataSource.getRepository(Message).update({ id: stale.id }, { status: 'delivered' });
    await dataSource.getRepository(Message).update({ id: unlinked.id }, { crmActivityId: null });
    const stats = await reconcile.run();
    expect(stats).toMatchObject({ stale: 1, relinked: 1, missing: 0, queued: 1 });
    expect(crm.calls.map((c) => c.method)).toEqual(['query', 'update']);
    expect(crm.tasks.get(stale.id)!.Description).toContain('Status: delivered');
    expect((await dataSource.getRepository(Message).findOneByOrFail({ id: unlinked.id })).crmActivityId).toBe(crm.tasks.get(unlinked.id)!.Id);
  });

  it('leaves messages with a write in flight or parked alone, and ignores messages outside the window', async () => {
    const rep = aUser();
    await dataSource.getRepository(User).insert(rep);
    const old = aMessage({ createdAt: new Date(Date.now() - 8 * 86_400_000).toISOString() });
    const inFlight = aMessage();
    const parked = aMessage();
    await insertRows(dataSource, Message, [old, inFlight, parked]);
    await dataSource.getRepository(OutboxEntry).insert([
      anOutboxEntry('task_upsert', inFlight.id, { nextAttemptAt: new Date(Date.now() + 60_000).toISOString() }),
      anOutboxEntry('task_upsert', parked.id, { status: 'parked', lastError: 'INVALID_FIELD' }),
    ]);
    const stats = await reconcile.run();
    expect(stats).toMatchObject({ messagesCompared: 2, inFlight: 1, parked: 1, missing: 0, queued: 0 });
  });

  it('counts Tasks with our external id that match no message', async () => {
    crm.tasks.set('not-ours', { Id: '00T000000000999AAA', SMS_Message_Id__c: 'not-ours' });
    expect(await reconcile.run()).toMatchObject({ unknownInCrm: 1, missing: 0 });
  });

  it('does not run above the API budget', async () => {
    crm.usageReading = { dailyUsed: 95, dailyMax: 100 };
    budget.recheckEveryMs = 60_000;
    await budget.mayRunNonUrgent(); // the recheck of this minute
    crm.calls.length = 0;
    expect(await reconcile.run()).toMatchObject({ pausedForBudget: 1, salesforceApiCalls: 0 });
  });

  it('prunes delivered outbox entries older than the window and keeps pending, parked and recent ones', async () => {
    const old = new Date(Date.now() - 8 * 86_400_000).toISOString();
    const recent = new Date(Date.now() - 86_400_000).toISOString();
    await dataSource.getRepository(OutboxEntry).insert([
      anOutboxEntry('task_upsert', 'a', { status: 'done', updatedAt: old }),
      anOutboxEntry('task_upsert', 'b', { status: 'done', updatedAt: recent }),
      anOutboxEntry('task_upsert', 'c', { status: 'parked', updatedAt: old }),
      anOutboxEntry('do_not_sms', 'd', { status: 'pending', updatedAt: old, nextAttemptAt: new Date(Date.now() + 3_600_000).toISOString() }),
    ]);
    const stats = await reconcile.run();
    expect(stats.outboxPruned).toBe(1);
    const left = await dataSource.getRepository(OutboxEntry).find({ order: { aggregateId: 'ASC' } });
    expect(left.map((e) => `${e.aggregateId}:${e.status}`)).toEqual(['b:done', 'c:parked', 'd:pending']);
  });
});
