/**
 * Seeds the CRM mirror tables (prospects, prospect_phones, accounts) directly: the mirror is another
 * module's job, and the send path only reads them. Defaults plus overrides (STYLE.md).
 */
import { DataSource } from 'typeorm';
import { toId18 } from '../../src/common/salesforce-id';
import { Account } from '../../src/crm/account.entity';
import { Prospect } from '../../src/crm/prospect.entity';
import { ProspectPhone } from '../../src/crm/prospect-phone.entity';

const STAMP = '2026-07-01T00:00:00.000Z';
let counter = 100;

/** A fresh 15-character id with the object's key prefix, returned in 18-character form. */
export function anId(prefix: '001' | '003' | '00Q' | '00T'): string {
  counter += 1;
  return toId18(prefix + String(counter).padStart(12, '0'))!;
}

export interface ProspectSeed {
  id?: string;
  objectType?: 'Contact' | 'Lead';
  name?: string;
  accountId?: string | null;
  enrolled?: boolean;
  doNotCall?: boolean;
  doNotSms?: boolean;
  /** E.164 numbers, in field priority: MobilePhone, Phone */
  phones?: string[];
}

export async function seedProspect(ds: DataSource, seed: ProspectSeed = {}): Promise<Prospect> {
  const objectType = seed.objectType ?? 'Contact';
  const prospect: Prospect = {
    id: seed.id ?? anId(objectType === 'Contact' ? '003' : '00Q'),
    objectType,
    name: seed.name ?? `${objectType} ${counter}`,
    accountId: seed.accountId ?? null,
    ownerId: null,
    doNotCall: seed.doNotCall ?? false,
    doNotSms: seed.doNotSms ?? false,
    enrolled: seed.enrolled ?? true,
    systemModstamp: STAMP,
    syncedAt: STAMP,
  };
  await ds.getRepository(Prospect).insert(prospect);
  const fields = ['MobilePhone', 'Phone'];
  const phones = seed.phones ?? [];
  if (phones.length) {
    await ds.getRepository(ProspectPhone).insert(phones.map((e164, position) => ({ prospectId: prospect.id, field: fields[position] ?? `Phone${position}`, position, e164 })));
  }
  return prospect;
}

export async function seedAccount(ds: DataSource, name = 'Acme Corp'): Promise<Account> {
  const account: Account = { id: anId('001'), name, systemModstamp: STAMP, syncedAt: STAMP };
  await ds.getRepository(Account).insert(account);
  return account;
}
