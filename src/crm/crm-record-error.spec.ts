import { classifyRecordError, describeRecordErrors } from './crm-record-error';

// Per-record error bodies as Salesforce returns them in a Collections response (allOrNone=false).
const recorded = {
  lock: { statusCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record or 1 records: 00T5e00000AbCdE', fields: [] },
  rolledBack: { statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid and the request was using AllOrNone header', fields: [] },
  badPicklist: { statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'Type: bad value for restricted picklist field: SMS', fields: ['Type'] },
  badLookup: { statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'Name ID: id value of incorrect type: 001000000000001AAA', fields: ['WhoId'] },
  deleted: { statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] },
  missingId: { statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [] },
  limit: { statusCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.', fields: [] },
  inactiveOwner: { statusCode: 'INACTIVE_OWNER_OR_USER', message: 'operation performed with inactive user [005000000000001] as owner of task', fields: [] },
  access: { statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY', message: 'insufficient access rights on object id', fields: [] },
};

describe('classifyRecordError', () => {
  it.each([
    ['lock', 'TEMPORARY'],
    ['rolledBack', 'TEMPORARY'],
    ['limit', 'RATE_LIMITED'],
    ['badPicklist', 'INVALID_DATA'],
    ['badLookup', 'INVALID_DATA'],
    ['inactiveOwner', 'INVALID_DATA'],
    ['deleted', 'NOT_FOUND'],
    ['missingId', 'NOT_FOUND'],
    ['access', 'PERMANENT'],
  ] as const)('%s → %s', (name, kind) => {
    expect(classifyRecordError(recorded[name])).toBe(kind);
  });
});

describe('describeRecordErrors', () => {
  it('gives the code, message and fields on one line', () => {
    expect(describeRecordErrors({ success: false, id: null, errors: [recorded.badPicklist] })).toBe(
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: Type: bad value for restricted picklist field: SMS (Type)',
    );
  });
});
