import { join } from 'node:path';
import { loadMappingFile } from '../crm-mapping';
import { pageRows } from './mirror-rows';
import { mirrorSpecs } from './mirror-spec';

const [accountSpec, contactSpec, leadSpec] = mirrorSpecs(loadMappingFile(join(__dirname, '../../../config/crm-mapping.yaml')));
const STAMP = '2026-11-29T10:00:00.000+0000';

const aContact = (overrides: Record<string, unknown> = {}) => ({
  attributes: { type: 'Contact' },
  Id: '003000000000001AAA',
  SystemModstamp: STAMP,
  IsDeleted: false,
  Name: 'Ada Lovelace',
  MobilePhone: '(415) 555-2671',
  Phone: null,
  DoNotCall: false,
  Do_Not_SMS__c: false,
  SMS_Enrolled__c: true,
  OwnerId: '005000000000001AAA',
  AccountId: '001000000000001AAA',
  ...overrides,
});

describe('mirror rows', () => {
  it('maps a Contact onto a prospect with its phones in priority order', () => {
    const rows = pageRows(contactSpec, [aContact({ Phone: '+1 212 555 0100', DoNotCall: true })]);
    expect(rows.prospects).toEqual([
      {
        id: '003000000000001AAA',
        objectType: 'Contact',
        name: 'Ada Lovelace',
        accountId: '001000000000001AAA',
        ownerId: '005000000000001AAA',
        doNotCall: true,
        doNotSms: false,
        enrolled: true,
        systemModstamp: '2026-11-29T10:00:00.000Z',
        phones: [
          { field: 'MobilePhone', position: 0, e164: '+14155552671' },
          { field: 'Phone', position: 1, e164: '+12125550100' },
        ],
      },
    ]);
    expect(rows.last).toEqual({ modstamp: '2026-11-29T10:00:00.000Z', id: '003000000000001AAA' });
    expect(rows.phoneWarnings).toBe(0);
  });

  it('keeps a malformed phone as null and counts a warning, never failing the page', () => {
    const rows = pageRows(contactSpec, [aContact({ MobilePhone: '231-4729', Phone: 'call reception' })]);
    expect(rows.prospects[0].phones).toEqual([]);
    expect(rows.phoneWarnings).toBe(2);
  });

  it('turns 15-character ids into the 18-character form', () => {
    const rows = pageRows(contactSpec, [aContact({ Id: '003000000000002', AccountId: '001000000000001' })]);
    expect(rows.prospects[0]).toMatchObject({ id: '003000000000002AAA', accountId: '001000000000001AAA' });
  });

  it('sends deleted records and converted Leads out of the mirror', () => {
    const deleted = pageRows(contactSpec, [aContact({ IsDeleted: true })]);
    expect(deleted).toMatchObject({ prospects: [], removedIds: ['003000000000001AAA'] });
    const lead = { ...aContact({ Id: '00Q000000000001EAA', IsConverted: true }) } as Record<string, unknown>;
    delete lead.AccountId;
    const converted = pageRows(leadSpec, [lead]);
    expect(converted).toMatchObject({ prospects: [], removedIds: ['00Q000000000001EAA'], last: { id: '00Q000000000001EAA' } });
  });

  it('matches fields by name whatever their case in the response', () => {
    const rows = pageRows(contactSpec, [{ ...aContact(), SMS_Enrolled__c: undefined, sms_enrolled__c: true } as Record<string, unknown>]);
    expect(rows.prospects[0].enrolled).toBe(true);
  });

  it('maps Accounts', () => {
    const rows = pageRows(accountSpec, [{ Id: '001000000000001AAA', SystemModstamp: STAMP, IsDeleted: false, Name: 'Acme' }]);
    expect(rows.accounts).toEqual([{ id: '001000000000001AAA', name: 'Acme', systemModstamp: '2026-11-29T10:00:00.000Z' }]);
  });
});
