import { checksumSuffix, objectOfId, toId18 } from './salesforce-id';

describe('salesforce ids', () => {
  it('computes the documented 18-character form of a 15-character id', () => {
    // Example from Salesforce's knowledge base: 001A0000006Vm9r -> 001A0000006Vm9rIAC
    expect(checksumSuffix('001A0000006Vm9r')).toBe('IAC');
    expect(toId18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
  });

  it('accepts an 18-character id and rejects a bad checksum or shape', () => {
    expect(toId18('001A0000006Vm9rIAC')).toBe('001A0000006Vm9rIAC');
    expect(toId18('001A0000006Vm9riac')).toBe('001A0000006Vm9rIAC');
    expect(toId18('001A0000006Vm9rZZZ')).toBeNull();
    expect(toId18('not-an-id')).toBeNull();
  });

  it('tells objects apart by key prefix', () => {
    expect(objectOfId('003000000000001AAA')).toBe('Contact');
    expect(objectOfId('00Q000000000001AAA')).toBe('Lead');
    expect(objectOfId('zzz000000000001AAA')).toBeNull();
  });
});
