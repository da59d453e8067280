import { timeoutOptions } from './http-edge';

describe('timeoutOptions', () => {
  it('gives Node the request timeout less its check interval, so a slow request is cut by the setting at the latest', () => {
    expect(timeoutOptions({ requestTimeoutSeconds: 30, idleTimeoutSeconds: 65 })).toEqual({
      requestTimeout: 29_750,
      keepAliveTimeout: 65_000,
      connectionTimeout: 65_000,
      http: { headersTimeout: 29_750, requestTimeout: 29_750, connectionsCheckingInterval: 250 },
    });
  });

  it('keeps a one-second setting positive', () => {
    expect(timeoutOptions({ requestTimeoutSeconds: 1, idleTimeoutSeconds: 1 }).requestTimeout).toBe(750);
  });
});
