import { CrmError, type CrmRecord } from '../src/crm/crm-gateway.port';
import { JsforceCrmGateway } from '../src/crm/salesforce/jsforce-crm.gateway';
import { SalesforceStandIn, seedDemoOrg, standInSalesforceConfig } from '../src/sandbox/salesforce';

/**
 * The Salesforce stand-in driven over HTTP through the jsforce adapter (the real SDK), proving the
 * behaviours the mirror and activity logging rely on.
 */
describe('Salesforce stand-in through the jsforce gateway', () => {
  let sf: SalesforceStandIn;
  let gateway: JsforceCrmGateway;
  let oauthGateway: JsforceCrmGateway;

  const aContact = (overrides: CrmRecord = {}) => ({ LastName: 'Prospect', MobilePhone: '+12125550101', SMS_Enrolled__c: true, ...overrides });
  const aTask = (messageId: string, overrides: CrmRecord = {}) => ({ SMS_Message_Id__c: messageId, Subject: 'SMS sent to Jane Doe', Status: 'Completed', ...overrides });
  const caught = async (promise: Promise<unknown>): Promise<CrmError> => {
    try {
      await promise;
    } catch (err) {
      return err as CrmError;
    }
    throw new Error('expected a CrmError');
  };

  beforeAll(async () => {
    sf = new SalesforceStandIn();
    await sf.start();
  });

  afterAll(async () => {
    await sf.stop();
  });

  beforeEach(() => {
    sf.clearFaults();
    sf.restoreAccessToken();
    sf.resetCalls();
    gateway = new JsforceCrmGateway(standInSalesforceConfig(sf, { auth: 'token' }));
    oauthGateway = new JsforceCrmGateway(standInSalesforceConfig(sf, { auth: 'oauth' }));
  });

  it('pages a query over ≥ 3 pages honouring batchSize: 1 query + queryMores, every call counted', async () => {
    sf.clock.freeze('2024-05-01T09:00:00Z');
    const accountId = sf.insert('Account', { Name: 'Paging Inc' });
    sf.insertMany('Contact', Array.from({ length: 700 }, (_, i) => aContact({ LastName: `Page${i}`, AccountId: accountId })));
    sf.clock.unfreeze();
    sf.resetCalls();

    const soql = `SELECT Id, LastName, SystemModstamp, Account.Name FROM Contact WHERE AccountId = '${accountId}' ORDER BY SystemModstamp, Id`;
    let page = await gateway.query(soql, { batchSize: 250 });
    const sizes = [page.records.length];
    const ids = page.records.map((r) => r.Id);
    while (page.nextRecordsUrl) {
      page = await gateway.queryMore(page.nextRecordsUrl);
      sizes.push(page.records.length);
      ids.push(...page.records.map((r) => r.Id));
    }
    expect(sizes).toEqual([250, 250, 200]);
    expect(page.done).toBe(true);
    expect(page.totalSize).toBe(700);
    expect(new Set(ids).size).toBe(700);
    // all 700 share one SystemModstamp: the Id tiebreak keeps the order total
    expect([...ids].sort()).toEqual(ids);
    expect(page.records[0]).toEqual(expect.objectContaining({ Account: { Name: 'Paging Inc' }, SystemModstamp: '2024-05-01T09:00:00.000+0000' }));
    expect(page.records[0]).not.toHaveProperty('attributes');
    expect(sf.calls()).toEqual({ total: 3, byEndpoint: { query: 1, queryMore: 2 } });
    expect(gateway.usage().callsMade).toBe(3);
  });

  it('defaults to pages of 2,000 and clamps batchSize to 200–2,000', async () => {
    const accountId = sf.insert('Account', { Name: 'Big Co' });
    sf.insertMany('Contact', Array.from({ length: 2100 }, (_, i) => aContact({ LastName: `Big${i}`, AccountId: accountId })));
    const soql = `SELECT Id FROM Contact WHERE AccountId = '${accountId}'`;
    expect((await gateway.query(soql)).records).toHaveLength(2000);
    expect((await gateway.query(soql, { batchSize: 50 })).records).toHaveLength(200);
  });

  it('upserts through Collections with one failing record and the rest succeeding', async () => {
    const jane = sf.insert('Contact', aContact({ LastName: 'Doe' }));
    const removeRule = sf.addValidationRule('Task', (task) => (task.Subject === 'bad' ? 'Subject may not be bad' : null));
    const results = await gateway.upsert('Task', 'SMS_Message_Id__c', [aTask('ok-1', { WhoId: jane }), aTask('bad-1', { Subject: 'bad' }), aTask('ok-2')]);
    removeRule();
    expect(results.map((r) => r.success)).toEqual([true, false, true]);
    expect(results[1]).toEqual({
      success: false,
      id: null,
      errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Subject may not be bad', fields: [], kind: 'INVALID_DATA' }],
    });
    expect(results[0]).toEqual({ success: true, id: expect.stringMatching(/^00T[A-Za-z0-9]{15}$/), created: true, errors: [] });
    expect(sf.get('Task', results[0].id!)).toEqual(expect.objectContaining({ WhoId: jane, Status: 'Completed', IsClosed: true, SMS_Message_Id__c: 'ok-1' }));
    expect(sf.soql("SELECT Id FROM Task WHERE SMS_Message_Id__c = 'bad-1'")).toHaveLength(0);
    expect(sf.callCount('collections.upsert')).toBe(1);
  });

  it('is idempotent on the external id: the same ids twice leave one record each, created:false', async () => {
    const batch = [aTask('idem-1'), aTask('idem-2'), aTask('idem-3')];
    const first = await gateway.upsert('Task', 'SMS_Message_Id__c', batch);
    const second = await gateway.upsert('Task', 'SMS_Message_Id__c', batch.map((t) => ({ ...t, Description: 'delivered' })));
    expect(first.map((r) => r.created)).toEqual([true, true, true]);
    expect(second.map((r) => r.created)).toEqual([false, false, false]);
    expect(second.map((r) => r.id)).toEqual(first.map((r) => r.id));
    const rows = sf.soql("SELECT Id, Description FROM Task WHERE SMS_Message_Id__c LIKE 'idem-%'");
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.Description === 'delivered')).toBe(true);
  });

  it('sends 201 records in two Collections calls (≤ 200 each); 201 in one call is refused', async () => {
    const tasks = Array.from({ length: 201 }, (_, i) => aTask(`chunk-${i}`));
    const results = await gateway.upsert('Task', 'SMS_Message_Id__c', tasks);
    expect(results).toHaveLength(201);
    expect(results.every((r) => r.success && r.created)).toBe(true);
    expect(sf.callCount('collections.upsert')).toBe(2);
    expect(gateway.usage().callsMade).toBe(2);

    const tooMany = await fetch(`${sf.url}/services/data/v62.0/composite/sobjects/Task/SMS_Message_Id__c`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${sf.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ allOrNone: false, records: tasks.map((t) => ({ attributes: { type: 'Task' }, ...t })) }),
    });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toEqual([expect.objectContaining({ errorCode: 'EXCEEDED_ID_LIMIT' })]);
  });

  it('honours allOrNone: one failure rolls every record back', async () => {
    const body = { allOrNone: true, records: [{ attributes: { type: 'Contact' }, LastName: 'Kept?' }, { attributes: { type: 'Contact' }, FirstName: 'NoLastName' }] };
    const res = await fetch(`${sf.url}/services/data/v62.0/composite/sobjects`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sf.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const results = (await res.json()) as { success: boolean; errors: { statusCode: string }[] }[];
    expect(results.map((r) => r.errors[0].statusCode)).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'REQUIRED_FIELD_MISSING']);
    expect(sf.soql("SELECT Id FROM Contact WHERE LastName = 'Kept?'")).toHaveLength(0);
    expect(res.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/100000$/);
  });

  it('logs in with client credentials, renews an expired token once and retries the call (PATCH too)', async () => {
    await oauthGateway.query('SELECT Id FROM Account LIMIT 1');
    expect(sf.calls().byEndpoint).toEqual({ token: 1, query: 1 });
    expect(oauthGateway.usage().callsMade).toBe(2);

    sf.expireSessions();
    const results = await oauthGateway.upsert('Task', 'SMS_Message_Id__c', [aTask('renew-1')]);
    expect(results[0].success).toBe(true);
    // 401 on the upsert, one token call, the retried upsert
    expect(sf.calls().byEndpoint).toEqual({ token: 2, query: 1, 'collections.upsert': 2 });
    expect(oauthGateway.usage().callsMade).toBe(5);
    expect(sf.soql("SELECT Id FROM Task WHERE SMS_Message_Id__c = 'renew-1'")).toHaveLength(1);

    // the same on a query page
    sf.insertMany('Account', Array.from({ length: 300 }, (_, i) => ({ Name: `Renew ${i}` })));
    const first = await oauthGateway.query("SELECT Id FROM Account WHERE Name LIKE 'Renew %'", { batchSize: 200 });
    sf.expireSessions();
    sf.resetCalls();
    const second = await oauthGateway.queryMore(first.nextRecordsUrl!);
    expect(first.records.length + second.records.length).toBe(300);
    expect(sf.calls().byEndpoint).toEqual({ token: 1, queryMore: 2 });
  });

  it('shares one renewal between concurrent calls and gives up with AUTH_EXPIRED when the retry fails too', async () => {
    await oauthGateway.ping();
    sf.expireSessions();
    sf.resetCalls();
    await Promise.all([oauthGateway.ping(), oauthGateway.ping(), oauthGateway.query('SELECT Id FROM User')]);
    expect(sf.callCount('token')).toBe(1);

    sf.injectFault({ kind: 'INVALID_SESSION_ID', endpoint: 'limits', times: 2 });
    const error = await caught(oauthGateway.ping());
    expect(error).toMatchObject({ kind: 'AUTH_EXPIRED', vendorCode: 'INVALID_SESSION_ID' });
    expect(sf.callCount('token')).toBe(2);

    // a pre-shared token cannot be renewed: AUTH_EXPIRED straight away, no token call
    sf.expireSessions();
    expect(await caught(gateway.ping())).toMatchObject({ kind: 'AUTH_EXPIRED' });
    expect(sf.callCount('token')).toBe(2);
  });

  it('refuses a duplicate unique value with DUPLICATE_VALUE', async () => {
    const [a, b] = await gateway.upsert('Task', 'SMS_Message_Id__c', [aTask('dup-a'), aTask('dup-b')]);
    const [result] = await gateway.update('Task', [{ Id: b.id!, SMS_Message_Id__c: 'DUP-A' }]);
    expect(result.success).toBe(false);
    expect(result.errors[0]).toMatchObject({ statusCode: 'DUPLICATE_VALUE', fields: ['SMS_Message_Id__c'], kind: 'INVALID_DATA' });
    expect(result.errors[0].message).toContain(a.id!);
  });

  it('sees a deleted record through queryAll only, and through getDeleted', async () => {
    sf.clock.freeze('2024-06-01T10:00:30Z');
    const id = sf.insert('Contact', aContact({ LastName: 'Gone' }));
    sf.delete('Contact', id);
    sf.clock.unfreeze();
    const soql = `SELECT Id, IsDeleted FROM Contact WHERE Id = '${id}'`;
    expect((await gateway.query(soql)).records).toEqual([]);
    expect((await gateway.query(soql, { includeDeleted: true })).records).toEqual([{ Id: id, IsDeleted: true }]);
    expect(sf.calls().byEndpoint).toEqual({ query: 1, queryAll: 1 });

    const deleted = await gateway.getDeleted('Contact', new Date('2024-06-01T09:00:00Z'), new Date('2024-06-01T10:05:00Z'));
    expect(deleted).toEqual([{ id, deletedDate: '2024-06-01T10:00:30.000+0000' }]);
    // the seconds of start and end are ignored, as in Salesforce: the current minute is not covered yet
    expect(await gateway.getDeleted('Contact', new Date('2024-06-01T09:00:00Z'), new Date('2024-06-01T10:00:45Z'))).toEqual([]);
  });

  it('answers an injected 503 once, then succeeds', async () => {
    sf.injectFault({ kind: 'SERVER_UNAVAILABLE', endpoint: 'query' });
    expect(await caught(gateway.query('SELECT Id FROM Account'))).toMatchObject({ kind: 'TEMPORARY', vendorCode: 'SERVER_UNAVAILABLE', retryable: true });
    await expect(gateway.query('SELECT Id FROM Account')).resolves.toEqual(expect.objectContaining({ done: true }));
    expect(sf.callCount('query')).toBe(2);
    expect(sf.faults.pending()).toBe(0);
  });

  it('classifies REQUEST_LIMIT_EXCEEDED as RATE_LIMITED (injected, and when the allocation is spent)', async () => {
    sf.injectFault({ kind: 'REQUEST_LIMIT_EXCEEDED', method: 'PATCH' });
    expect(await caught(gateway.upsert('Task', 'SMS_Message_Id__c', [aTask('limited')]))).toMatchObject({ kind: 'RATE_LIMITED', vendorCode: 'REQUEST_LIMIT_EXCEEDED' });
    // a query page is read as text (query-page.parser.ts): its error answer still carries the code
    sf.injectFault({ kind: 'REQUEST_LIMIT_EXCEEDED', endpoint: 'query' });
    expect(await caught(gateway.query('SELECT Id FROM Account'))).toMatchObject({ kind: 'RATE_LIMITED', vendorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'Salesforce: TotalRequests Limit exceeded.' });

    const before = sf.apiUsage();
    sf.setApiUsage(100, 100);
    expect(await caught(gateway.ping())).toMatchObject({ kind: 'RATE_LIMITED' });
    sf.setApiUsage(before.used, before.max);
  });

  it('reports UNABLE_TO_LOCK_ROW per record in Collections (TEMPORARY), and as a 400 elsewhere', async () => {
    sf.injectFault({ kind: 'UNABLE_TO_LOCK_ROW', endpoint: 'collections.upsert' });
    const results = await gateway.upsert('Task', 'SMS_Message_Id__c', [aTask('lock-1'), aTask('lock-2')]);
    expect(results.map((r) => r.errors[0]?.kind)).toEqual(['TEMPORARY', 'TEMPORARY']);
    expect(sf.soql("SELECT Id FROM Task WHERE SMS_Message_Id__c LIKE 'lock-%'")).toHaveLength(0);

    sf.lockRecords((i) => i === 1);
    const partial = await gateway.upsert('Task', 'SMS_Message_Id__c', [aTask('lock-1'), aTask('lock-2')]);
    expect(partial.map((r) => r.success)).toEqual([true, false]);
    sf.lockRecords(null);

    sf.injectFault({ kind: 'UNABLE_TO_LOCK_ROW', endpoint: 'query' });
    expect(await caught(gateway.query('SELECT Id FROM Task'))).toMatchObject({ kind: 'TEMPORARY', vendorCode: 'UNABLE_TO_LOCK_ROW' });
  });

  it('simulates a crash after Salesforce committed a batch: the retry creates nothing new', async () => {
    const seen: string[] = [];
    sf.onAfterCommit(({ endpoint }) => {
      seen.push(endpoint);
      return 'drop';
    });
    const batch = [aTask('crash-1'), aTask('crash-2')];
    expect(await caught(gateway.upsert('Task', 'SMS_Message_Id__c', batch))).toMatchObject({ kind: 'TEMPORARY' });
    expect(seen).toEqual(['collections.upsert']);
    expect(sf.soql("SELECT Id FROM Task WHERE SMS_Message_Id__c LIKE 'crash-%'")).toHaveLength(2);
    sf.clearFaults();

    const retry = await gateway.upsert('Task', 'SMS_Message_Id__c', batch);
    expect(retry.map((r) => r.created)).toEqual([false, false]);
    expect(sf.soql("SELECT Id FROM Task WHERE SMS_Message_Id__c LIKE 'crash-%'")).toHaveLength(2);

    sf.injectFault({ kind: 'DROP_AFTER_COMMIT', endpoint: 'collections.upsert' });
    expect(await caught(gateway.upsert('Task', 'SMS_Message_Id__c', [aTask('crash-3')]))).toMatchObject({ kind: 'TEMPORARY' });
    expect(sf.soql("SELECT Id FROM Task WHERE SMS_Message_Id__c = 'crash-3'")).toHaveLength(1);
  });

  it('times a slow answer out as TEMPORARY', async () => {
    const impatient = new JsforceCrmGateway(standInSalesforceConfig(sf, { auth: 'token' }), { requestTimeoutMs: 100 });
    sf.injectFault({ kind: 'DELAY', delayMs: 400, endpoint: 'limits' });
    expect(await caught(impatient.ping())).toMatchObject({ kind: 'TEMPORARY' });
    await new Promise((r) => setTimeout(r, 400));
  });

  it("stamps query pages with the server's clock from the Date header (the stand-in's clock, frozen or advanced)", async () => {
    sf.clock.freeze('2024-07-01T08:30:15.700Z');
    try {
      const page = await gateway.query('SELECT Id FROM Account', { batchSize: 200 });
      expect(page.serverTime).toBe('2024-07-01T08:30:15.000Z');
      sf.clock.advance(2000);
      expect((await gateway.query('SELECT Id FROM Account', { includeDeleted: true })).serverTime).toBe('2024-07-01T08:30:17.000Z');
    } finally {
      sf.clock.unfreeze();
    }
  });

  it('reads Sforce-Limit-Info into usage()', async () => {
    expect(gateway.usage()).toEqual({ callsMade: 0, dailyUsed: null, dailyMax: null });
    const before = sf.apiUsage();
    sf.setApiUsage(89_990, 100_000);
    await gateway.ping();
    expect(gateway.usage()).toEqual({ callsMade: 1, dailyUsed: 89_991, dailyMax: 100_000 });
    sf.setApiUsage(before.used, before.max);
  });

  it('describes objects with the custom fields of the default mapping; errors map to neutral kinds', async () => {
    const task = await gateway.describe('Task');
    expect(task.keyPrefix).toBe('00T');
    expect(task.fields.find((f) => f.name === 'SMS_Message_Id__c')).toEqual(expect.objectContaining({ type: 'string', externalId: true, createable: true }));
    expect(task.fields.find((f) => f.name === 'WhoId')).toEqual(expect.objectContaining({ type: 'reference', referenceTo: ['Contact', 'Lead'] }));
    const contact = await gateway.describe('Contact');
    expect(contact.fields.filter((f) => ['Do_Not_SMS__c', 'SMS_Enrolled__c', 'DoNotCall'].includes(f.name)).map((f) => f.type)).toEqual(['boolean', 'boolean', 'boolean']);

    expect(await caught(gateway.describe('Widget__c'))).toMatchObject({ kind: 'NOT_FOUND' });
    expect(await caught(gateway.query('SELECT Id, Shoe__c FROM Contact'))).toMatchObject({ kind: 'INVALID_DATA', vendorCode: 'INVALID_FIELD' });
    expect(await caught(gateway.query('SELECT FROM Contact'))).toMatchObject({ kind: 'INVALID_DATA', vendorCode: 'MALFORMED_QUERY' });
    const [unknownField] = await gateway.upsert('Task', 'SMS_Message_Id__c', [aTask('x-1', { Shoe__c: 1 })]);
    expect(unknownField.errors[0]).toMatchObject({ statusCode: 'INVALID_FIELD', kind: 'INVALID_DATA' });
  });

  it('seeds a demo org and converts a Lead', async () => {
    const ids = seedDemoOrg(sf);
    const { records } = await gateway.query(
      `SELECT Name, MobilePhone, Phone, DoNotCall, Do_Not_SMS__c, SMS_Enrolled__c, Owner.Name FROM Contact WHERE AccountId IN ('${ids.accounts.acme}', '${ids.accounts.maple}') ORDER BY Name`,
    );
    expect(records.map((r) => r.Name)).toEqual(['Jane Doe', 'Luc Tremblay', 'Mei Chen', 'Omar Haddad']);
    const ocr = await gateway.query(`SELECT Opportunity.IsClosed, Opportunity.AccountId FROM OpportunityContactRole WHERE ContactId = '${ids.contacts.jane}'`);
    expect(ocr.records).toEqual([{ Opportunity: { IsClosed: false, AccountId: ids.accounts.acme } }]);

    const { contactId } = sf.convertLead(ids.leads.chloe);
    const [lead] = (await gateway.query(`SELECT IsConverted, ConvertedContactId FROM Lead WHERE Id = '${ids.leads.chloe.slice(0, 15)}'`)).records;
    expect(lead).toEqual({ IsConverted: true, ConvertedContactId: contactId });
    expect(sf.get('Contact', contactId)).toEqual(expect.objectContaining({ MobilePhone: '514-555-0106', SMS_Enrolled__c: true }));
    const [update] = await gateway.update('Lead', [{ Id: ids.leads.chloe, Do_Not_SMS__c: true }]);
    expect(update.errors[0]?.statusCode).toBe('CANNOT_UPDATE_CONVERTED_LEAD');
  });
});
