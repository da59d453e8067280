import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { UsersStore } from '../auth/users.store';
import { DomainError } from '../common/domain-error';
import { classifyPhone } from '../common/phone-policy';
import { nowIso } from '../database/columns';
import { isUniqueViolation } from '../database/unique-violation';
import { UnitOfWork } from '../database/unit-of-work';
import type { AssignNumberDto, SenderNumberView } from './number.dto';
import type { SenderNumber } from './sender-number.entity';
import { SenderNumbersStore } from './sender-numbers.store';

export const toNumberView = (n: SenderNumber): SenderNumberView => ({
  id: n.id,
  phoneNumber: n.phoneNumber,
  userId: n.userId,
  kind: n.kind,
  smsEnabled: n.smsEnabled,
});

/** Direct Inbound Numbers and LocalPresence numbers assigned to reps (the seed's "Setting Up SMS"). */
@Injectable()
export class NumbersService {
  constructor(
    private readonly numbers: SenderNumbersStore,
    private readonly users: UsersStore,
    private readonly uow: UnitOfWork,
  ) {}

  /** Normalises to E.164; US and Canada only; a local-presence number never sends SMS; one holder per number. */
  async assign(dto: AssignNumberDto): Promise<SenderNumber> {
    const phoneNumber = supportedE164(dto.phoneNumber);
    if (dto.kind === 'local_presence' && dto.smsEnabled) {
      throw new DomainError('LOCAL_PRESENCE_NUMBER', 'A LocalPresence number cannot be used to send SMS; assign it with smsEnabled false.', {
        phoneNumber,
      });
    }
    if (!(await this.users.exists(dto.userId))) {
      throw new DomainError('NOT_FOUND', `No user with id ${dto.userId}.`);
    }
    const taken = () => new DomainError('NUMBER_TAKEN', `${phoneNumber} is assigned already.`, { phoneNumber });
    if (await this.numbers.isAssigned(phoneNumber)) throw taken();
    const number: SenderNumber = { id: randomUUID(), phoneNumber, userId: dto.userId, kind: dto.kind, smsEnabled: dto.smsEnabled, createdAt: nowIso() };
    try {
      await this.uow.unit((tx) => this.numbers.insert(tx, number));
    } catch (error) {
      // a concurrent assignment of the same number won the unique index
      if (isUniqueViolation(error)) throw taken();
      throw error;
    }
    return number;
  }

  list(userId?: string): Promise<SenderNumber[]> {
    return this.numbers.list(userId);
  }

  async get(id: string): Promise<SenderNumber> {
    const number = await this.numbers.find(id);
    if (!number) throw new DomainError('NOT_FOUND', `No sender number with id ${id}.`);
    return number;
  }
}

/** E.164 of a US or Canadian number typed in any common format; 422 otherwise. */
export function supportedE164(raw: string): string {
  const verdict = classifyPhone(raw);
  if (verdict.kind === 'invalid') throw new DomainError('INVALID_PHONE', `"${raw}" is not a valid phone number.`, { phoneNumber: raw });
  if (verdict.kind === 'unsupported_country') {
    throw new DomainError('UNSUPPORTED_COUNTRY', 'SMS is only available for numbers in the United States and Canada.', {
      phoneNumber: verdict.e164,
      region: verdict.region,
    });
  }
  return verdict.e164;
}
