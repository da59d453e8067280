import { maskPhone, Redactor } from './redact';

describe('log redaction', () => {
  it('masks phone numbers in any format to their last four digits', () => {
    const r = new Redactor();
    expect(r.redact('texting +14155550123 now')).toBe('texting +***0123 now');
    expect(r.redact('from (212) 555-0188')).not.toContain('555-0188');
    expect(maskPhone('+16045550111')).toBe('+***0111');
  });

  it('replaces known secrets and authorization headers', () => {
    const r = new Redactor();
    r.addSecrets(['super-secret-token-value']);
    const line = r.redact('{"auth":"super-secret-token-value","h":"Authorization: Bearer abc.def"}');
    expect(line).not.toContain('super-secret-token-value');
    expect(line).toContain('[REDACTED]');
    expect(line).toContain('Bearer [REDACTED]');
  });

  it('replaces an API key given in a stream URL', () => {
    const line = new Redactor().redact('GET /api/notifications/stream?access_token=scs_abc-DEF_123&lastEventId=x');
    expect(line).toBe('GET /api/notifications/stream?access_token=[REDACTED]&lastEventId=x');
  });
});
