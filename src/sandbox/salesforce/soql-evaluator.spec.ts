import { SalesforceApiError } from './api-error';
import { StandInClock } from './clock';
import { OrgStore } from './org-store';
import { Schema } from './schema';
import { runSoql } from './soql-evaluator';

describe('SOQL evaluator', () => {
  const schema = new Schema();
  const clock = new StandInClock();
  let store: OrgStore;
  let acme: string;
  let globex: string;
  const run = (soql: string, includeDeleted = false) => runSoql(soql, schema, store, { includeDeleted, apiVersion: '62.0', now: clock.now() });
  const names = (soql: string, includeDeleted = false) => run(soql, includeDeleted).records.map((r) => r.LastName);

  beforeEach(() => {
    clock.freeze('2024-03-01T12:00:00Z');
    store = new OrgStore(schema, clock);
    acme = store.create('Account', { Name: 'Acme' }, { api: false });
    globex = store.create('Account', { Name: 'Globex' }, { api: false });
    const contact = (LastName: string, extra: Record<string, unknown> = {}) => store.create('Contact', { LastName, ...extra }, { api: false });
    contact('Adams', { AccountId: acme, Phone: '+12125550101', SMS_Enrolled__c: true });
    contact('Baker', { AccountId: acme, DoNotCall: true, SMS_Enrolled__c: true });
    clock.advance(60_000);
    contact('Clark', { AccountId: globex, Do_Not_SMS__c: true, FirstName: "O'Neil" });
    contact('davis', { Phone: '+14165550123' });
  });

  it('selects fields in canonical case with attributes', () => {
    const { records, totalSize } = run('SELECT id, lastname FROM contact WHERE LastName = \'Adams\'');
    expect(totalSize).toBe(1);
    expect(records[0]).toEqual({
      attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${String(records[0].Id)}` },
      Id: expect.stringMatching(/^003[A-Za-z0-9]{15}$/),
      LastName: 'Adams',
    });
  });

  it('follows parent relationships in SELECT, WHERE and ORDER BY', () => {
    const { records } = run('SELECT LastName, Account.Name FROM Contact WHERE Account.Name != null ORDER BY Account.Name DESC, LastName');
    expect(records.map((r) => [r.LastName, (r.Account as { Name: string }).Name])).toEqual([
      ['Clark', 'Globex'],
      ['Adams', 'Acme'],
      ['Baker', 'Acme'],
    ]);
    expect(run("SELECT Account.Name FROM Contact WHERE LastName = 'davis'").records[0].Account).toBeNull();
  });

  it('evaluates AND / OR / NOT with parentheses', () => {
    expect(names('SELECT LastName FROM Contact WHERE SMS_Enrolled__c = true AND (DoNotCall = true OR Phone != null) ORDER BY LastName')).toEqual(['Adams', 'Baker']);
    expect(names('SELECT LastName FROM Contact WHERE NOT (DoNotCall = true OR Do_Not_SMS__c = true) ORDER BY LastName')).toEqual(['Adams', 'davis']);
    expect(names('SELECT LastName FROM Contact WHERE (SMS_Enrolled__c = false AND Phone = null) OR LastName = \'Adams\' ORDER BY LastName')).toEqual(['Adams', 'Clark']);
  });

  it('compares strings case-insensitively; LIKE, IN, NOT IN and escaped quotes', () => {
    expect(names("SELECT LastName FROM Contact WHERE LastName = 'DAVIS'")).toEqual(['davis']);
    expect(names("SELECT LastName FROM Contact WHERE LastName LIKE 'b%' OR LastName LIKE '_lark' ORDER BY LastName")).toEqual(['Baker', 'Clark']);
    expect(names("SELECT LastName FROM Contact WHERE LastName IN ('adams', 'Clark') ORDER BY LastName")).toEqual(['Adams', 'Clark']);
    expect(names("SELECT LastName FROM Contact WHERE Phone NOT IN ('+12125550101') ORDER BY LastName")).toEqual(['Baker', 'Clark', 'davis']);
    expect(names("SELECT LastName FROM Contact WHERE FirstName = 'O\\'Neil'")).toEqual(['Clark']);
  });

  it('compares datetimes and pages a SystemModstamp cursor (stamp, then Id)', () => {
    expect(names('SELECT LastName FROM Contact WHERE SystemModstamp > 2024-03-01T12:00:00.000Z ORDER BY LastName')).toEqual(['Clark', 'davis']);
    expect(names('SELECT LastName FROM Contact WHERE SystemModstamp >= 2024-03-01T12:00:00Z AND SystemModstamp <= 2024-03-01T12:00:00+00:00')).toEqual(['Adams', 'Baker']);
    const all = run('SELECT Id, SystemModstamp FROM Contact ORDER BY SystemModstamp ASC, Id ASC').records;
    const [first] = all;
    const after = run(
      `SELECT Id FROM Contact WHERE SystemModstamp > ${String(first.SystemModstamp).replace('+0000', 'Z')} OR (SystemModstamp = ${String(first.SystemModstamp).replace('+0000', 'Z')} AND Id > '${String(first.Id)}') ORDER BY SystemModstamp, Id`,
    ).records;
    expect(after.map((r) => r.Id)).toEqual(all.slice(1).map((r) => r.Id));
  });

  it('matches 15-character ids against stored 18-character ids', () => {
    expect(names(`SELECT LastName FROM Contact WHERE AccountId = '${globex.slice(0, 15)}'`)).toEqual(['Clark']);
  });

  it('supports date literals', () => {
    expect(run('SELECT Id FROM Contact WHERE CreatedDate = TODAY').totalSize).toBe(4);
    expect(run('SELECT Id FROM Contact WHERE CreatedDate = LAST_N_DAYS:7').totalSize).toBe(4);
    expect(run('SELECT Id FROM Contact WHERE CreatedDate < YESTERDAY').totalSize).toBe(0);
  });

  it('orders DESC with nulls last, applies LIMIT and OFFSET', () => {
    expect(names('SELECT LastName FROM Contact ORDER BY Phone DESC, LastName LIMIT 3')).toEqual(['davis', 'Adams', 'Baker']);
    expect(names('SELECT LastName FROM Contact ORDER BY Phone ASC NULLS LAST, LastName LIMIT 2 OFFSET 1')).toEqual(['davis', 'Baker']);
  });

  it('answers COUNT() with totalSize only and COUNT(field) as an AggregateResult', () => {
    expect(run('SELECT COUNT() FROM Contact WHERE AccountId = null')).toEqual({ totalSize: 1, records: [] });
    expect(run('SELECT COUNT(Phone) FROM Contact').records).toEqual([{ attributes: { type: 'AggregateResult' }, expr0: 2 }]);
  });

  it('hides deleted rows unless includeDeleted (queryAll), where IsDeleted is true', () => {
    const [adams] = run("SELECT Id FROM Contact WHERE LastName = 'Adams'").records;
    store.delete('Contact', adams.Id as string);
    expect(run('SELECT Id FROM Contact').totalSize).toBe(3);
    expect(run('SELECT Id, IsDeleted FROM Contact WHERE IsDeleted = true', true).records).toEqual([expect.objectContaining({ Id: adams.Id, IsDeleted: true })]);
  });

  it('supports semi-joins and polymorphic Who fields', () => {
    const opp = store.create('Opportunity', { Name: 'Deal', StageName: 'Prospecting', CloseDate: '2024-06-01', AccountId: acme }, { api: false });
    const [clark] = run("SELECT Id FROM Contact WHERE LastName = 'Clark'").records;
    store.create('OpportunityContactRole', { OpportunityId: opp, ContactId: clark.Id }, { api: false });
    expect(names('SELECT LastName FROM Contact WHERE Id IN (SELECT ContactId FROM OpportunityContactRole WHERE Opportunity.IsClosed = false)')).toEqual(['Clark']);
    const lead = store.create('Lead', { LastName: 'Lee', Company: 'Initech' }, { api: false });
    store.create('Task', { Subject: 'SMS', WhoId: lead }, { api: false });
    expect(run('SELECT Who.Name, Who.Type FROM Task').records[0].Who).toEqual(expect.objectContaining({ Name: 'Lee', Type: 'Lead' }));
  });

  it('rejects unknown fields, objects and relationships with the real error codes', () => {
    const error = (soql: string) => {
      try {
        run(soql);
      } catch (err) {
        return err as SalesforceApiError;
      }
      throw new Error('no error');
    };
    const unknownField = error('SELECT Id, Shoe_Size__c FROM Contact');
    expect(unknownField).toMatchObject({ status: 400, errorCode: 'INVALID_FIELD' });
    expect(unknownField.message).toContain("No such column 'Shoe_Size__c' on entity 'Contact'");
    expect(unknownField.message).toContain('ERROR at Row:1:Column:12');
    expect(error('SELECT Id FROM Contact WHERE Shoe__c = 1').errorCode).toBe('INVALID_FIELD');
    expect(error('SELECT Id FROM Contact ORDER BY Shoe__c').errorCode).toBe('INVALID_FIELD');
    expect(error('SELECT Foo__r.Name FROM Contact').errorCode).toBe('INVALID_FIELD');
    expect(error('SELECT Id FROM Widget__c').errorCode).toBe('INVALID_TYPE');
    expect(error('SELECT Id FROM').errorCode).toBe('MALFORMED_QUERY');
    expect(error("SELECT Id FROM Contact WHERE AccountId = 'nope'").errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
  });
});
