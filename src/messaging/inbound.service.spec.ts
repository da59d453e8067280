import type { AppConfig } from '../config/app-config';
import type { UnitOfWork } from '../database/unit-of-work';
import { InboundService, InboundResult } from './inbound.service';

const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });
const sms = { messageSid: 'SM0123456789abcdef0123456789abcdef', from: '+16175550100', to: '+14155550100', body: 'STOP' };

/** The service over a unit of work that fails or answers as told; nothing else is reached (a replay answers duplicate). */
function serviceOver(unit: jest.Mock): InboundService {
  const uow = { unit, sql: { engine: 'postgres' } } as unknown as UnitOfWork;
  const config = { keywordReplies: { programName: 'Acme', helpText: null }, optOutConfirmation: 'service' } as unknown as AppConfig;
  const unused = {} as never;
  return new InboundService(uow, unused, unused, unused, unused, unused, unused, config);
}

describe('InboundService on a PostgreSQL deadlock', () => {
  it('stores the message in a new transaction when the first was chosen as the victim', async () => {
    const replay: InboundResult = { duplicate: true, messageSid: sms.messageSid };
    const unit = jest.fn().mockRejectedValueOnce(deadlock()).mockResolvedValueOnce(replay);
    await expect(serviceOver(unit).receive(sms)).resolves.toEqual(replay);
    expect(unit).toHaveBeenCalledTimes(2);
  });

  it('gives up after three transactions, with the database error', async () => {
    const unit = jest.fn().mockRejectedValue(deadlock());
    await expect(serviceOver(unit).receive(sms)).rejects.toMatchObject({ code: '40P01' });
    expect(unit).toHaveBeenCalledTimes(3);
  });

  it('does not retry other errors', async () => {
    const unit = jest.fn().mockRejectedValue(Object.assign(new Error('terminating connection'), { code: '57P01' }));
    await expect(serviceOver(unit).receive(sms)).rejects.toMatchObject({ code: '57P01' });
    expect(unit).toHaveBeenCalledTimes(1);
  });
});
