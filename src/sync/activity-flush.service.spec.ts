import { ProspectsStore } from '../crm/mirror/prospects.store';
import { WatermarksStore } from '../crm/mirror/watermarks.store';
import { UsersStore } from '../auth/users.store';
import { MessagesStore } from '../messaging/messages.store';
import { SenderNumbersStore } from '../numbers/sender-numbers.store';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { aContact, aLead, aMessage, anOutboxEntry, aSenderNumber, aUser, insertLoggedMessages, insertRows, seedLoggedConversation } from '../../test/factories/activity.factory';
import { FakeCrmGateway } from '../../test/support/fake-crm.gateway';
import { User } from '../auth/user.entity';
import type { AppConfig } from '../config/app-config';
import { CrmError } from '../crm/crm-gateway.port';
import { CrmMappingService } from '../crm/crm-mapping.service';
import { CrmMappingStore } from '../crm/crm-mapping.store';
import { Prospect } from '../crm/prospect.entity';
import { openDatabase } from '../database/data-source';
import { UnitOfWork } from '../database/unit-of-work';
import { Message } from '../messaging/message.entity';
import { SenderNumber } from '../numbers/sender-number.entity';
import { ActivityFlushService } from './activity-flush.service';
import { ApiBudget } from './api-budget';
import { OutboxEntry } from '../outbox/outbox-entry.entity';
import { OutboxStore } from '../outbox/outbox.store';
import { TaskSourceLoader } from './task-source.loader';

describe('ActivityFlushService', () => {
  beforeAll(() => Logger.overrideLogger(false));
  let dataSource: DataSource;
  let crm: FakeCrmGateway;
  let budget: ApiBudget;
  let service: ActivityFlushService;
  let mapping: CrmMappingService;

  beforeEach(async () => {
    dataSource = await openDatabase({ type: 'sqlite', path: ':memory:' });
    crm = new FakeCrmGateway();
    budget = new ApiBudget(crm, { apiBudgetShare: 0.9 } as AppConfig);
    mapping = new CrmMappingService({ crmMappingFile: 'config/crm-mapping.yaml' } as AppConfig, new CrmMappingStore(new UnitOfWork(dataSource).sql), new UnitOfWork(dataSource), crm, new WatermarksStore(new UnitOfWork(dataSource).sql));
    service = flushOf(new UnitOfWork(dataSource));
    service.random = () => 0.5;
  });

  afterEach(() => dataSource.destroy());

  const flushOf = (uow: UnitOfWork, instanceName = 'web-1') =>
    new ActivityFlushService(new MessagesStore(uow.sql), uow, crm, budget, mapping, new TaskSourceLoader(new MessagesStore(uow.sql), new ProspectsStore(uow.sql), new UsersStore(uow.sql), new SenderNumbersStore(uow.sql), crm), new OutboxStore(uow), new ProspectsStore(uow.sql), { instanceName, outboxClaimSeconds: 60 });

  const outbox = () => dataSource.getRepository(OutboxEntry).find({ order: { id: 'ASC' } });
  const messages = () => dataSource.getRepository(Message).find();
  const seed = (count: number, overrides: Partial<Message> = {}) => seedLoggedConversation(dataSource, count, overrides);

  it('logs 450 messages in 3 upsert calls and records each Task id', async () => {
    const { rep, contact } = await seed(450);
    const stats = await service.drain();
    expect(crm.calls.filter((c) => c.method === 'upsert').map((c) => c.records)).toEqual([200, 200, 50]);
    expect(stats).toMatchObject({ tasksLogged: 450, tasksCreated: 450, recordsWritten: 450, parked: 0, deferred: 0, salesforceApiCalls: 3 });
    const rows = await messages();
    expect(rows.every((m) => m.crmActivityId === crm.tasks.get(m.id)?.Id)).toBe(true);
    expect((await outbox()).every((e) => e.status === 'done' && e.attempts === 1)).toBe(true);
    expect(crm.tasks.get(rows[0].id)).toMatchObject({ WhoId: contact.id, WhatId: contact.accountId, OwnerId: rep.salesforceUserId, Status: 'Completed' });
  });

  it('owns a reply by the owner of the number texted, and gives a Lead no WhatId', async () => {
    const owner = aUser();
    const other = aUser();
    const lead = aLead();
    const number = aSenderNumber({ userId: owner.id, phoneNumber: '+14155550100' });
    await insertRows(dataSource, User, [owner, other]);
    await dataSource.getRepository(Prospect).insert(lead);
    await dataSource.getRepository(SenderNumber).insert(number);
    const reply = aMessage({ direction: 'inbound', status: 'received', fromNumber: '+14155550199', toNumber: number.phoneNumber, prospectId: lead.id, userId: other.id });
    await insertLoggedMessages(dataSource, [reply]);
    await service.drain();
    const task = crm.tasks.get(reply.id)!;
    expect(task).toMatchObject({ OwnerId: owner.salesforceUserId, WhoId: lead.id, Subject: 'SMS received from Grace Hopper' });
    expect(task).not.toHaveProperty('WhatId');
  });

  it('parks only the record Salesforce refused, with its reason', async () => {
    const { list } = await seed(5);
    crm.failRecord(list[2].id, { statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'Type: bad value for restricted picklist field: SMS', fields: ['Type'] });
    const stats = await service.drain();
    expect(stats).toMatchObject({ tasksLogged: 4, parked: 1 });
    const entries = await outbox();
    expect(entries.map((e) => e.status)).toEqual(['done', 'done', 'parked', 'done', 'done']);
    expect(entries[2].lastError).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: Type: bad value for restricted picklist field: SMS (Type)');
    expect((await dataSource.getRepository(Message).findOneByOrFail({ id: list[2].id })).crmActivityId).toBeNull();
  });

  it('retries a locked row with back-off while the others go through', async () => {
    const { list } = await seed(3);
    crm.failRecord(list[1].id, { statusCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record', fields: [] });
    const before = Date.now();
    await service.drain();
    const locked = (await outbox())[1];
    expect(locked).toMatchObject({ status: 'pending', attempts: 1 });
    expect(Date.parse(locked.nextAttemptAt) - before).toBeGreaterThanOrEqual(3000);
    expect(locked.lastError).toContain('UNABLE_TO_LOCK_ROW');
    crm.clearRecordFailures();
    await dataSource.getRepository(OutboxEntry).update({ id: locked.id }, { nextAttemptAt: new Date().toISOString() });
    await service.drain();
    expect((await outbox()).every((e) => e.status === 'done')).toBe(true);
    expect(crm.tasks.size).toBe(3);
  });

  it.each([
    ['503', new CrmError('TEMPORARY', 'Service Unavailable', '503')],
    ['REQUEST_LIMIT_EXCEEDED', new CrmError('RATE_LIMITED', 'TotalRequests Limit exceeded.', 'REQUEST_LIMIT_EXCEEDED')],
    ['a dropped connection', new Error('socket hang up')],
  ])('defers the whole batch after %s and stops the run', async (_name, error) => {
    await seed(250);
    crm.failNextCall(error as CrmError);
    const stats = await service.drain();
    expect(stats).toMatchObject({ batches: 1, deferred: 200, tasksLogged: 0, stoppedByTransientError: 1, salesforceApiCalls: 1 });
    const entries = await outbox();
    expect(entries.filter((e) => e.attempts === 1 && e.status === 'pending')).toHaveLength(200);
    expect(entries.filter((e) => e.attempts === 0)).toHaveLength(50);
  });

  it('pushes a later delivery status to the logged Task by Id', async () => {
    const { list } = await seed(1);
    await service.drain();
    await dataSource.getRepository(Message).update({ id: list[0].id }, { status: 'delivered' });
    await dataSource.getRepository(OutboxEntry).insert(anOutboxEntry('task_status', list[0].id));
    const stats = await service.drain();
    expect(stats).toMatchObject({ statusUpdates: 1 });
    expect(crm.calls.at(-1)).toEqual({ method: 'update', object: 'Task', records: 1 });
    expect(crm.tasks.get(list[0].id)!.Description).toContain('Status: delivered');
  });

  it('follows a delivery status that arrived while the Task was being written with a status update', async () => {
    const { list } = await seed(1);
    crm.afterUpsert = async () => {
      await dataSource.getRepository(Message).update({ id: list[0].id }, { status: 'delivered' });
      crm.afterUpsert = async () => undefined;
    };
    await service.drain();
    expect(crm.tasks.get(list[0].id)!.Description).toContain('Status: sent');
    expect((await outbox()).map((e) => [e.kind, e.status])).toEqual([['task_upsert', 'done'], ['task_status', 'pending']]);
    await service.drain(); // the next pass
    expect(crm.tasks.get(list[0].id)!.Description).toContain('Status: delivered');
    expect(crm.calls.map((c) => c.method)).toEqual(['upsert', 'update']);
  });

  it('writes a status change whose Task was deleted behind our back as a whole new Task', async () => {
    const { list } = await seed(1);
    await service.drain();
    crm.deleteTask(list[0].id);
    await dataSource.getRepository(OutboxEntry).insert(anOutboxEntry('task_status', list[0].id));
    await service.drain();
    expect((await dataSource.getRepository(Message).findOneByOrFail({ id: list[0].id })).crmActivityId).toBeNull();
    await service.drain();
    expect(crm.tasks.get(list[0].id)).toMatchObject({ WhoId: expect.any(String), Subject: expect.stringContaining('SMS sent to') });
    expect((await dataSource.getRepository(Message).findOneByOrFail({ id: list[0].id })).crmActivityId).toBe(crm.tasks.get(list[0].id)!.Id);
  });

  it('writes Do-Not-SMS first, latest value per prospect, on the mapped field of each object', async () => {
    const contact = aContact();
    const lead = aLead();
    await insertRows(dataSource, Prospect, [contact, lead]);
    await seed(2);
    await dataSource.getRepository(OutboxEntry).insert([
      anOutboxEntry('do_not_sms', contact.id, { payload: JSON.stringify({ value: true }) }),
      anOutboxEntry('do_not_sms', lead.id, { payload: JSON.stringify({ value: true }) }),
      anOutboxEntry('do_not_sms', contact.id, { payload: JSON.stringify({ value: false }) }),
    ]);
    await service.drain();
    expect(crm.calls.map((c) => `${c.method} ${c.object}`)).toEqual(['update Contact', 'update Lead', 'upsert Task']);
    expect(crm.updates).toEqual([
      { object: 'Contact', record: { Id: contact.id, Do_Not_SMS__c: false } },
      { object: 'Lead', record: { Id: lead.id, Do_Not_SMS__c: true } },
    ]);
  });

  it('above the API budget pauses activity logging but still writes opt-outs, and resumes below it', async () => {
    const contact = aContact();
    await dataSource.getRepository(Prospect).insert(contact);
    await seed(3);
    await dataSource.getRepository(OutboxEntry).insert(anOutboxEntry('do_not_sms', contact.id, { payload: JSON.stringify({ value: true }) }));
    crm.usageReading = { dailyUsed: 91_000, dailyMax: 100_000 };
    budget.recheckEveryMs = 0;
    const paused = await service.drain();
    expect(paused).toMatchObject({ pausedForBudget: 1, doNotSmsWritten: 1, tasksLogged: 0 });
    expect(budget.snapshot()).toMatchObject({ paused: true, usedShare: 0.91, pauseAtShare: 0.9 });
    crm.onPing = () => (crm.usageReading = { dailyUsed: 1_000, dailyMax: 100_000 });
    const resumed = await service.drain();
    expect(resumed).toMatchObject({ pausedForBudget: 0, tasksLogged: 3 });
  });

  it('a crash between the Salesforce call and the local commit leaves the work pending, and the retry makes no second Task', async () => {
    const { list } = await seed(10);
    const uow = new UnitOfWork(dataSource);
    const crashing = flushOf(uow);
    const unit = uow.unit.bind(uow);
    // the claims commit (none of do_not_sms, then the Tasks), the batch's outcome does not (the process dies in between)
    jest.spyOn(uow, 'unit').mockImplementationOnce(unit).mockImplementationOnce(unit).mockRejectedValueOnce(new Error('process killed'));
    await expect(crashing.drain()).rejects.toThrow('process killed');
    expect(crm.tasks.size).toBe(10);
    expect((await outbox()).every((e) => e.status === 'pending' && e.attempts === 0 && e.claimedBy === 'web-1')).toBe(true);
    // another instance leaves the claimed entries alone while the claim lasts
    expect(await flushOf(new UnitOfWork(dataSource), 'web-2').drain()).toMatchObject({ tasksLogged: 0, batches: 0 });
    // web-1 restarted: its dead claims are released at boot, and the retry upserts the same external ids
    await service.onApplicationBootstrap();
    const stats = await service.drain();
    expect(stats).toMatchObject({ tasksLogged: 10, tasksCreated: 0 });
    expect(crm.tasks.size).toBe(10);
    expect((await messages()).every((m) => m.crmActivityId === crm.tasks.get(m.id)!.Id)).toBe(true);
    expect(list).toHaveLength(10);
  });

  it('never runs two passes at once', async () => {
    await seed(5);
    const [a, b] = await Promise.all([service.drain(), service.drain()]);
    expect(a.tasksLogged + b.tasksLogged).toBe(5);
    expect(crm.calls.filter((c) => c.method === 'upsert')).toHaveLength(1);
  });
});
