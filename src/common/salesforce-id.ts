/**
 * Salesforce record ids come in a case-sensitive 15-character form and a case-insensitive
 * 18-character form (the 15 plus a 3-character checksum of the capitalisation). We store the
 * 18-character form and accept either.
 */
const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID15 = /^[a-zA-Z0-9]{15}$/;
const ID18 = /^[a-zA-Z0-9]{18}$/;

export function isSalesforceId(value: string): boolean {
  return ID15.test(value) || ID18.test(value);
}

export function checksumSuffix(id15: string): string {
  let suffix = '';
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(block * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_CHARS.charAt(bits);
  }
  return suffix;
}

/** The 18-character form, or null when the value is not a Salesforce id. */
export function toId18(value: string): string | null {
  if (ID18.test(value)) {
    const base = value.slice(0, 15);
    return checksumSuffix(base) === value.slice(15).toUpperCase() ? base + checksumSuffix(base) : null;
  }
  if (ID15.test(value)) return value + checksumSuffix(value);
  return null;
}

/** The object a record id belongs to, by its key prefix. */
export const KEY_PREFIXES = {
  '001': 'Account',
  '003': 'Contact',
  '00Q': 'Lead',
  '00T': 'Task',
  '006': 'Opportunity',
  '005': 'User',
  '00K': 'OpportunityContactRole',
} as const;

export type KnownObject = (typeof KEY_PREFIXES)[keyof typeof KEY_PREFIXES];

export function objectOfId(id: string): KnownObject | null {
  return (KEY_PREFIXES as Record<string, KnownObject>)[id.slice(0, 3)] ?? null;
}
