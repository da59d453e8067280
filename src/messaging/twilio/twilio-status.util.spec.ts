import { toDeliveryStatus } from './twilio-status.util';

describe('toDeliveryStatus', () => {
  it.each([
    ['accepted', 'queued'],
    ['scheduled', 'queued'],
    ['queued', 'queued'],
    ['sending', 'queued'],
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'delivered'],
    ['undelivered', 'undelivered'],
    ['failed', 'failed'],
    ['canceled', 'failed'],
    ['DELIVERED', 'delivered'],
  ])('%s → %s', (twilio, ours) => {
    expect(toDeliveryStatus(twilio)).toBe(ours);
  });

  it.each(['receiving', 'received', 'something-new', '', null, undefined])('ignores %p', (twilio) => {
    expect(toDeliveryStatus(twilio)).toBeNull();
  });
});
