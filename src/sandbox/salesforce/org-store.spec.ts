import { RecordError } from './api-error';
import { StandInClock } from './clock';
import { OrgStore } from './org-store';
import { Schema } from './schema';

describe('stand-in org store (REST API write rules)', () => {
  const clock = new StandInClock();
  let store: OrgStore;
  const api = { api: true };
  const failure = (fn: () => unknown): RecordError => {
    try {
      fn();
    } catch (err) {
      return err as RecordError;
    }
    throw new Error('expected a RecordError');
  };

  beforeEach(() => {
    clock.freeze('2024-01-01T00:00:00.250Z');
    store = new OrgStore(new Schema(), clock);
  });

  it('stamps CreatedDate, LastModifiedDate and SystemModstamp to the second and keeps 18-character ids', () => {
    const id = store.create('Contact', { LastName: 'Doe', FirstName: 'Jane' }, api);
    expect(id).toMatch(/^003[A-Za-z0-9]{15}$/);
    expect(store.get('Contact', id.slice(0, 15))).toEqual(
      expect.objectContaining({ Name: 'Jane Doe', IsDeleted: false, SystemModstamp: '2024-01-01T00:00:00.000+0000', CreatedDate: '2024-01-01T00:00:00.000+0000', Do_Not_SMS__c: false }),
    );
    clock.advance(5_000);
    store.update('Contact', id, { Do_Not_SMS__c: true }, api);
    expect(store.get('Contact', id)).toEqual(expect.objectContaining({ SystemModstamp: '2024-01-01T00:00:05.000+0000', CreatedDate: '2024-01-01T00:00:00.000+0000' }));
  });

  it('refuses what Salesforce refuses, with its status codes', () => {
    expect(failure(() => store.create('Contact', { FirstName: 'x' }, api))).toMatchObject({ statusCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] });
    expect(failure(() => store.create('Contact', { LastName: 'x', Shoe__c: 1 }, api))).toMatchObject({ statusCode: 'INVALID_FIELD' });
    expect(failure(() => store.create('Contact', { LastName: 'x', Name: 'y' }, api))).toMatchObject({ statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' });
    expect(failure(() => store.create('Contact', { LastName: 'x', AccountId: '001000000000000' }, api))).toMatchObject({ statusCode: 'INVALID_CROSS_REFERENCE_KEY' });
    expect(failure(() => store.create('Task', { WhoId: store.apiUserId }, api))).toMatchObject({ statusCode: 'FIELD_INTEGRITY_EXCEPTION' });
    expect(failure(() => store.create('Task', { Subject: 'x'.repeat(256) }, api))).toMatchObject({ statusCode: 'STRING_TOO_LONG' });
    expect(failure(() => store.create('Contact', { LastName: 'x', DoNotCall: 'yes' }, api))).toMatchObject({ statusCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD' });
    const lead = store.create('Lead', { LastName: 'L', Company: 'C' }, api);
    const account = store.create('Account', { Name: 'A' }, api);
    expect(failure(() => store.create('Task', { WhoId: lead, WhatId: account }, api))).toMatchObject({ statusCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['WhatId'] });
    store.delete('Account', account);
    expect(failure(() => store.update('Account', account, { Name: 'B' }, api))).toMatchObject({ statusCode: 'ENTITY_IS_DELETED' });
  });

  it('keeps unique values unique among live records, case-insensitively', () => {
    const first = store.create('Task', { SMS_Message_Id__c: 'abc' }, api);
    expect(failure(() => store.create('Task', { SMS_Message_Id__c: 'ABC' }, api))).toMatchObject({ statusCode: 'DUPLICATE_VALUE' });
    store.delete('Task', first);
    expect(store.upsert('Task', 'SMS_Message_Id__c', 'abc', { Subject: 'again' }, api).created).toBe(true);
  });

  it('undoes every write of a failed transaction (allOrNone)', () => {
    expect(() =>
      store.transaction(() => {
        store.create('Task', { SMS_Message_Id__c: 'tx-1' }, api);
        store.create('Task', { SMS_Message_Id__c: 'tx-1' }, api);
      }),
    ).toThrow(RecordError);
    expect([...store.rows('Task', true)]).toHaveLength(0);
    expect(store.upsert('Task', 'SMS_Message_Id__c', 'tx-1', {}, api).created).toBe(true);
  });

  it('runs validation rules on API writes only', () => {
    store.addValidationRule('Contact', (c) => (c.LastName === 'Blocked' ? { message: 'no', fields: ['LastName'] } : null));
    expect(failure(() => store.create('Contact', { LastName: 'Blocked' }, api))).toMatchObject({ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', fields: ['LastName'] });
    expect(store.create('Contact', { LastName: 'Blocked' }, { api: false })).toMatch(/^003/);
  });
});
