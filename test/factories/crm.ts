import { randomUUID } from 'node:crypto';
import { toId18 } from '../../src/common/salesforce-id';
import { Prospect } from '../../src/crm/prospect.entity';
import { ProspectPhone } from '../../src/crm/prospect-phone.entity';
import { SenderNumber } from '../../src/numbers/sender-number.entity';
import { User } from '../../src/auth/user.entity';
import { hashApiKey, newApiKey } from '../../src/auth/api-key';
import { DataSource } from 'typeorm';

let sequence = 0;
const next = () => String(++sequence).padStart(6, '0');

/** A mirrored Contact (18-char id) with defaults; override any field. */
export function aProspect(overrides: Partial<Prospect> = {}): Prospect {
  const now = new Date().toISOString();
  return Object.assign(new Prospect(), {
    id: toId18(`003000000${next()}`)!,
    objectType: 'Contact',
    name: `Pat Prospect ${sequence}`,
    accountId: null,
    ownerId: null,
    doNotCall: false,
    doNotSms: false,
    enrolled: true,
    systemModstamp: now,
    syncedAt: now,
    ...overrides,
  });
}

export async function seedProspect(dataSource: DataSource, phone: string, overrides: Partial<Prospect> = {}, field = 'MobilePhone'): Promise<Prospect> {
  const prospect = aProspect(overrides);
  await dataSource.getRepository(Prospect).insert(prospect);
  await dataSource.getRepository(ProspectPhone).insert({ prospectId: prospect.id, field, position: 0, e164: phone });
  return prospect;
}

/** A rep with an API key and one SMS-enabled direct number. */
export async function seedRep(
  dataSource: DataSource,
  phoneNumber: string,
  overrides: Partial<User> = {},
): Promise<{ user: User; apiKey: string; number: SenderNumber }> {
  const apiKey = newApiKey();
  const now = new Date().toISOString();
  const user = Object.assign(new User(), {
    id: randomUUID(),
    salesforceUserId: toId18(`005000000${next()}`)!,
    name: `Rita Rep ${sequence}`,
    email: `rep${sequence}@example.com`,
    role: 'rep',
    apiKeyHash: hashApiKey(apiKey),
    createdAt: now,
    ...overrides,
  });
  await dataSource.getRepository(User).insert(user);
  const number = Object.assign(new SenderNumber(), { id: randomUUID(), phoneNumber, userId: user.id, kind: 'direct', smsEnabled: true, createdAt: now });
  await dataSource.getRepository(SenderNumber).insert(number);
  return { user, apiKey, number };
}
