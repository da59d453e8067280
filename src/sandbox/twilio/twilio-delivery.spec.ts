import { deliverySteps } from './twilio-delivery';
import { segmentCount } from './twilio-wire';

describe('deliverySteps', () => {
  it('reports sent then delivered without a Messaging Service', () => {
    expect(deliverySteps({ status: 'delivered' }, false).map((s) => s.status)).toEqual(['sent', 'delivered']);
  });

  it('reports queued first with a Messaging Service (accepted is the initial status)', () => {
    expect(deliverySteps({ status: 'delivered' }, true).map((s) => s.status)).toEqual(['queued', 'sent', 'delivered']);
  });

  it('carries the error code on undelivered and failed', () => {
    expect(deliverySteps({ status: 'undelivered', errorCode: 30003 }, false)).toEqual([
      { status: 'sent', errorCode: null },
      { status: 'undelivered', errorCode: 30003 },
    ]);
    expect(deliverySteps({ status: 'failed', errorCode: 30007 }, false)).toEqual([{ status: 'failed', errorCode: 30007 }]);
  });
});

describe('segmentCount (num_segments)', () => {
  it.each([
    ['a'.repeat(160), 1],
    ['a'.repeat(161), 2],
    ['€'.repeat(80), 1],
    ['€'.repeat(81), 2],
    ['é'.repeat(160), 1],
    ['ł'.repeat(70), 1],
    ['ł'.repeat(71), 2],
  ])('%s… → %i', (body, segments) => {
    expect(segmentCount(body)).toBe(segments);
  });
});
