import { canAdvance, statusesBefore } from './delivery-status';

describe('delivery status moves forward only', () => {
  it.each([
    ['queued', 'sent', true],
    ['queued', 'delivered', true],
    ['sent', 'delivered', true],
    ['sent', 'undelivered', true],
    ['queued', 'failed', true],
    ['sent', 'queued', false],
    ['sent', 'sent', false],
    ['delivered', 'sent', false],
    ['delivered', 'failed', false],
    ['undelivered', 'delivered', false],
    ['failed', 'delivered', false],
    ['received', 'delivered', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => {
    expect(canAdvance(from, to)).toBe(allowed);
  });

  it('lists the statuses a new one may replace', () => {
    expect(statusesBefore('sent')).toEqual(['queued']);
    expect(statusesBefore('delivered')).toEqual(['queued', 'sent']);
    expect(statusesBefore('queued')).toEqual([]);
  });
});
