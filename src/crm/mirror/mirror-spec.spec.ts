import { join } from 'node:path';
import { loadMappingFile } from '../crm-mapping';
import { isAfter, isoFromSalesforce, mirrorSoql, mirrorSpecs, queryRanAt, soqlDateTime } from './mirror-spec';

const specs = () => mirrorSpecs(loadMappingFile(join(__dirname, '../../../config/crm-mapping.yaml')));

describe('mirror queries', () => {
  it('selects the mapped fields of Account, Contact and Lead, each once', () => {
    const [account, contact, lead] = specs();
    expect(account).toMatchObject({ kind: 'account', object: 'Account', fields: ['Id', 'SystemModstamp', 'IsDeleted', 'Name'] });
    expect(contact.fields).toEqual(['Id', 'SystemModstamp', 'IsDeleted', 'Name', 'MobilePhone', 'Phone', 'DoNotCall', 'Do_Not_SMS__c', 'SMS_Enrolled__c', 'OwnerId', 'AccountId']);
    expect(lead.fields).toContain('IsConverted');
    expect(lead.fields).not.toContain('AccountId');
  });

  it('reads everything in cursor order without a watermark', () => {
    expect(mirrorSoql(specs()[0], null, 300)).toBe('SELECT Id, SystemModstamp, IsDeleted, Name FROM Account ORDER BY SystemModstamp, Id');
  });

  it('leaves converted Leads out of a full read (they only leave the mirror)', () => {
    expect(mirrorSoql(specs()[2], null, 300)).toMatch(/FROM Lead WHERE IsConverted = false ORDER BY SystemModstamp, Id$/);
  });

  it('re-reads the overlap before a watermark, whatever its id: same-second saves on a lower Id and late commits', () => {
    expect(mirrorSoql(specs()[0], { modstamp: '2026-11-29T10:00:00.000Z', id: '001000000000001AAA' }, 300)).toBe(
      'SELECT Id, SystemModstamp, IsDeleted, Name FROM Account WHERE SystemModstamp >= 2026-11-29T09:55:00Z ORDER BY SystemModstamp, Id',
    );
    expect(mirrorSoql(specs()[0], { modstamp: '2026-11-29T10:00:00.000Z', id: '' }, 0)).toBe(
      'SELECT Id, SystemModstamp, IsDeleted, Name FROM Account WHERE SystemModstamp >= 2026-11-29T10:00:00Z ORDER BY SystemModstamp, Id',
    );
  });

  it('keeps milliseconds in a literal only when there are some', () => {
    expect(soqlDateTime('2026-11-29T10:00:00.250Z')).toBe('2026-11-29T10:00:00.250Z');
    expect(soqlDateTime('2026-11-29T10:00:00.000Z')).toBe('2026-11-29T10:00:00Z');
  });

  it("reads Salesforce's datetime format as ISO-8601 UTC", () => {
    expect(isoFromSalesforce('2026-11-29T10:00:00.000+0000')).toBe('2026-11-29T10:00:00.000Z');
    expect(isoFromSalesforce('2026-11-29T12:00:00.000+0200')).toBe('2026-11-29T10:00:00.000Z');
    expect(() => isoFromSalesforce(null)).toThrow(/SystemModstamp/);
  });

  it('orders watermarks as (stamp, id) pairs, a cutoff before every record of its stamp', () => {
    const at = (modstamp: string, id = '003000000000001AAA') => ({ modstamp, id });
    expect(isAfter(at('2026-11-29T10:00:01.000Z'), at('2026-11-29T10:00:00.000Z'))).toBe(true);
    expect(isAfter(at('2026-11-29T10:00:00.000Z', '003000000000009AAA'), at('2026-11-29T10:00:00.000Z'))).toBe(true);
    expect(isAfter(at('2026-11-29T10:00:00.000Z'), at('2026-11-29T10:00:00.000Z'))).toBe(false);
    expect(isAfter(at('2026-11-29T10:00:00.000Z', ''), at('2026-11-29T10:00:00.000Z'))).toBe(false);
    expect(isAfter(at('2026-11-29T10:00:00.000Z'), at('2026-11-29T10:00:00.000Z', ''))).toBe(true);
    expect(isAfter(at('2026-11-29T10:00:00.000Z'), null)).toBe(true);
  });

  it("dates a query by the server's clock, to the second, less the round trip", () => {
    const sent = Date.parse('2026-11-29T12:00:00.000Z'); // the local clock, 2 minutes ahead of the server
    expect(queryRanAt('2026-11-29T11:58:07.000Z', sent, sent + 20)).toBe('2026-11-29T11:58:06.000Z');
    expect(queryRanAt('2026-11-29T11:58:07.000Z', sent, sent)).toBe('2026-11-29T11:58:07.000Z');
    // no server clock: the local one when the query was sent
    expect(queryRanAt(null, sent + 900, sent + 1500)).toBe('2026-11-29T12:00:00.000Z');
  });
});
