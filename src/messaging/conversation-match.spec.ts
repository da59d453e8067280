import type { Prospect } from '../crm/prospect.entity';
import { fileUnder } from './conversation-match';

const aProspect = (overrides: Partial<Prospect>): Prospect =>
  ({ id: '003000000000001AAA', objectType: 'Contact', name: 'Pat', ownerId: null, doNotCall: false, doNotSms: false, enrolled: true, ...overrides }) as Prospect;

describe('fileUnder: the prospect a reply is filed under', () => {
  const contact = aProspect({ id: '003000000000002AAA', name: 'Casey Contact' });
  const lead = aProspect({ id: '00Q000000000001AAA', objectType: 'Lead', name: 'Lee Lead', ownerId: '005000000000009AAA' });
  const other = aProspect({ id: '003000000000001AAA', name: 'Other Contact' });

  it('is an unmatched conversation when no prospect holds the number', () => {
    expect(fileUnder([], { prospectId: 'x', recordId: 'y' }, null)).toEqual({ prospect: null, recordId: null });
  });

  it('answers the prospect the rep last texted, opening the record texted from', () => {
    expect(fileUnder([other, contact, lead], { prospectId: contact.id, recordId: '001000000000001AAA' }, null)).toEqual({
      prospect: contact,
      recordId: '001000000000001AAA',
    });
    expect(fileUnder([other, lead], { prospectId: lead.id, recordId: null }, null)).toEqual({ prospect: lead, recordId: lead.id });
  });

  it("else prefers the number owner's own prospect", () => {
    expect(fileUnder([other, contact, lead], null, '005000000000009AAA').prospect).toBe(lead);
  });

  it('else takes Contacts before Leads, then the lowest id', () => {
    expect(fileUnder([lead, contact, other], null, null)).toEqual({ prospect: other, recordId: other.id });
    expect(fileUnder([lead, contact, other], { prospectId: 'gone', recordId: 'gone' }, '005000000000001AAA').prospect).toBe(other);
  });
});
