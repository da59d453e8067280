import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { nowIso } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import type { SmsRequestView } from './number.dto';
import type { SenderNumber } from './sender-number.entity';
import { SenderNumbersStore } from './sender-numbers.store';
import type { SmsRequest, SmsRequestStatus } from './sms-request.entity';
import { SmsRequestsStore } from './sms-requests.store';

/** A rep asks for SMS on one of their numbers; an admin approves (the number becomes SMS-enabled) or rejects. */
@Injectable()
export class SmsRequestsService {
  constructor(
    private readonly requests: SmsRequestsStore,
    private readonly numbers: SenderNumbersStore,
    private readonly uow: UnitOfWork,
  ) {}

  /** A pending request for the same number is answered again rather than duplicated. */
  async request(principal: Principal, numberId: string): Promise<SmsRequestView> {
    const number = await this.numbers.find(numberId);
    // Someone else's number is reported as unknown: a rep cannot probe other reps' numbers.
    if (!number || (number.userId !== principal.id && principal.role !== 'admin')) {
      throw new DomainError('NOT_FOUND', `You hold no number with id ${numberId}.`);
    }
    if (number.smsEnabled) throw new DomainError('CONFLICT', `SMS is already enabled on ${number.phoneNumber}.`);
    const pending = await this.requests.pendingFor(numberId);
    if (pending) return toView(pending, number);
    const request: SmsRequest = { id: randomUUID(), numberId, userId: number.userId, status: 'pending', decidedBy: null, decidedAt: null, createdAt: nowIso() };
    await this.uow.unit((tx) => this.requests.insert(tx, request));
    return toView(request, number);
  }

  async list(status?: SmsRequestStatus): Promise<SmsRequestView[]> {
    const requests = await this.requests.list(status);
    const numbers = await this.numbers.findMany([...new Set(requests.map((r) => r.numberId))]);
    const byId = new Map(numbers.map((n) => [n.id, n]));
    return requests.map((r) => toView(r, byId.get(r.numberId) ?? null));
  }

  /** The number becomes SMS-enabled, in the same transaction as the decision; never a LocalPresence number. */
  approve(admin: Principal, id: string): Promise<SmsRequestView> {
    return this.decide(admin, id, 'approved');
  }

  reject(admin: Principal, id: string): Promise<SmsRequestView> {
    return this.decide(admin, id, 'rejected');
  }

  private async decide(admin: Principal, id: string, status: 'approved' | 'rejected'): Promise<SmsRequestView> {
    const request = await this.requests.find(id);
    if (!request) throw new DomainError('NOT_FOUND', `No SMS request with id ${id}.`);
    if (request.status !== 'pending') {
      throw new DomainError('REQUEST_ALREADY_DECIDED', `This request was ${request.status} already.`, { status: request.status });
    }
    const number = await this.numbers.find(request.numberId);
    if (!number) throw new DomainError('NOT_FOUND', `The number of request ${id} no longer exists.`);
    if (status === 'approved' && number.kind === 'local_presence') {
      throw new DomainError('LOCAL_PRESENCE_NUMBER', 'LocalPresence numbers cannot be used to send SMS.', { phoneNumber: number.phoneNumber });
    }
    const decidedAt = nowIso();
    const decided = await this.uow.unit(async (tx) => {
      if ((await this.requests.decide(tx, id, status, admin.id, decidedAt)) === 0) return false;
      if (status === 'approved') await this.numbers.enableSms(tx, number.id);
      return true;
    });
    if (!decided) throw new DomainError('REQUEST_ALREADY_DECIDED', 'This request was decided already.');
    return toView({ ...request, status, decidedBy: admin.id, decidedAt }, number);
  }
}

function toView(r: SmsRequest, number: SenderNumber | null): SmsRequestView {
  return {
    id: r.id,
    numberId: r.numberId,
    userId: r.userId,
    phoneNumber: number?.phoneNumber ?? null,
    status: r.status,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt,
    createdAt: r.createdAt,
  };
}
