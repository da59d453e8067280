import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { User } from '../auth/user.entity';
import { DomainError } from '../common/domain-error';
import { classifyPhone } from '../common/phone-policy';
import { nowIso } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import type { AssignNumberDto, SenderNumberView } from './number.dto';
import { SenderNumber } from './sender-number.entity';

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
    private readonly dataSource: DataSource,
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
    if (!(await this.dataSource.getRepository(User).existsBy({ id: dto.userId }))) {
      throw new DomainError('NOT_FOUND', `No user with id ${dto.userId}.`);
    }
    const repo = this.dataSource.getRepository(SenderNumber);
    const taken = () => new DomainError('NUMBER_TAKEN', `${phoneNumber} is assigned already.`, { phoneNumber });
    if (await repo.existsBy({ phoneNumber })) throw taken();
    const number = repo.create({ id: randomUUID(), phoneNumber, userId: dto.userId, kind: dto.kind, smsEnabled: dto.smsEnabled, createdAt: nowIso() });
    try {
      await this.uow.run((manager) => manager.getRepository(SenderNumber).insert(number));
    } catch (error) {
      if (error instanceof QueryFailedError) throw taken();
      throw error;
    }
    return number;
  }

  list(userId?: string): Promise<SenderNumber[]> {
    return this.dataSource.getRepository(SenderNumber).find({ where: userId ? { userId } : {}, order: { createdAt: 'ASC' } });
  }

  async get(id: string): Promise<SenderNumber> {
    const number = await this.dataSource.getRepository(SenderNumber).findOneBy({ id });
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
