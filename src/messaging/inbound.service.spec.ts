import type { AppConfig } from '../config/app-config';
import type { UnitOfWork } from '../database/unit-of-work';
import { InboundService } from './inbound.service';

const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });
const sms = { messageSid: 'SM0123456789abcdef0123456789abcdef', from: '+16175550100', to: '+14155550100', body: 'STOP' };

/** The service over a unit of work that fails or answers as told; nothing else is reached (a replay answers duplicate). */
function serviceOver(unit: jest.Mock): InboundService {
  const uow = { unit, sql: { engine: 'postgres' } } as unknown as UnitOfWork;
  const config = { keywordReplies: { programName: 'Acme', helpText: null }, optOutConfirmation: 'service' } as unknown as AppConfig;
  const unused = {} as never;
  return new InboundService(uow, unused, unused, unused, unused, unused, unused, config);
}

describe('InboundService storing a keyword message', () => {
  it('answers a MessageSid another writer stored meanwhile (its unique index refused this one) as a duplicate', async () => {
    const unit = jest.fn().mockRejectedValue(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }));
    await expect(serviceOver(unit).receive(sms)).resolves.toEqual({ duplicate: true, messageSid: sms.messageSid });
    expect(unit).toHaveBeenCalledTimes(1);
  });

  it('passes any other failure on after one unit of work: a deadlock is retried by the unit of work itself', async () => {
    for (const error of [deadlock(), Object.assign(new Error('terminating connection'), { code: '57P01' })]) {
      const unit = jest.fn().mockRejectedValue(error);
      await expect(serviceOver(unit).receive(sms)).rejects.toBe(error);
      expect(unit).toHaveBeenCalledTimes(1);
    }
  });
});
