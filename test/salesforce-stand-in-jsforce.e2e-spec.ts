import { Connection } from 'jsforce';
import { SalesforceStandIn } from '../src/sandbox/salesforce';

/** jsforce's own API (not only the gateway's calls) works against the stand-in: other code paths stay honest. */
describe('Salesforce stand-in with plain jsforce', () => {
  let sf: SalesforceStandIn;
  let conn: Connection;

  beforeAll(async () => {
    sf = new SalesforceStandIn();
    await sf.start();
    conn = new Connection({ instanceUrl: sf.url, accessToken: sf.accessToken, version: '62.0' });
  });

  afterAll(() => sf.stop());

  it('creates, retrieves, updates, upserts by external id and deletes single records', async () => {
    const created = await conn.sobject('Contact').create({ LastName: 'Single', MobilePhone: '+14155550199' });
    expect(created).toEqual({ id: expect.stringMatching(/^003/), success: true, errors: [] });
    const id = (created as { id: string }).id;
    expect(await conn.sobject('Contact').retrieve(id)).toEqual(expect.objectContaining({ Id: id, Name: 'Single', attributes: expect.objectContaining({ type: 'Contact' }) }));
    await conn.sobject('Contact').update({ Id: id, DoNotCall: true });
    expect(sf.get('Contact', id)?.DoNotCall).toBe(true);

    const first = await conn.sobject('Task').upsert({ SMS_Message_Id__c: 'single-1', Subject: 'a' }, 'SMS_Message_Id__c');
    const again = await conn.sobject('Task').upsert({ SMS_Message_Id__c: 'single-1', Subject: 'b' }, 'SMS_Message_Id__c');
    expect([first, again].map((r) => (r as { created: boolean }).created)).toEqual([true, false]);
    expect(sf.soql("SELECT Subject FROM Task WHERE SMS_Message_Id__c = 'single-1'")).toEqual([expect.objectContaining({ Subject: 'b' })]);

    await conn.sobject('Contact').destroy(id);
    await expect(conn.sobject('Contact').retrieve(id)).rejects.toMatchObject({ errorCode: 'ENTITY_IS_DELETED' });
    expect(sf.calls().byEndpoint).toMatchObject({ 'sobject.create': 1, 'sobject.retrieve': 2, 'sobject.update': 1, 'sobject.upsert': 2, 'sobject.delete': 1 });
  });

  it('follows nextRecordsUrl with autoFetch, and exposes the global describe and limits', async () => {
    sf.insertMany('Account', Array.from({ length: 450 }, (_, i) => ({ Name: `Auto ${i}` })));
    const result = await conn.query("SELECT Id FROM Account WHERE Name LIKE 'Auto %'", { autoFetch: true, maxFetch: 10_000, headers: { 'Sforce-Query-Options': 'batchSize=200' } });
    expect(result.records).toHaveLength(450);
    const global = await conn.describeGlobal();
    expect(global.sobjects.map((o) => o.name)).toEqual(expect.arrayContaining(['Account', 'Contact', 'Lead', 'Task', 'Opportunity', 'OpportunityContactRole', 'User']));
    const limits = await conn.limits();
    expect(limits.DailyApiRequests).toEqual({ Max: 100_000, Remaining: expect.any(Number) });
    expect(conn.limitInfo.apiUsage?.limit).toBe(100_000);
  });

  it('answers the token endpoint like Salesforce (client credentials)', async () => {
    const ok = await fetch(`${sf.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=standin-client-id&client_secret=standin-client-secret',
    });
    expect(await ok.json()).toEqual({ access_token: expect.any(String), signature: expect.any(String), scope: 'api', instance_url: sf.url, id: expect.stringContaining('/id/00D'), token_type: 'Bearer', issued_at: expect.stringMatching(/^\d+$/) });
    const bad = await fetch(`${sf.url}/services/oauth2/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=standin-client-id&client_secret=wrong' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
  });
});
