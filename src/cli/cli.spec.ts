import { runCli } from './cli';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), isTty: false }, out, err };
}

describe('command line', () => {
  it('stops on a malformed setting with one line naming the variable and a non-zero status', async () => {
    const { io, err, out } = capture();
    const status = await runCli(['serve'], io, { PORT: 'eighty' });
    expect(status).toBe(1);
    expect(err).toEqual(['sms-crm-sync: configuration error: PORT: must be a whole number, got "eighty"']);
    expect(out).toEqual([]);
  });

  it('refuses a half-configured service before anything starts', async () => {
    const { io, err } = capture();
    const status = await runCli([], io, { TWILIO_ACCOUNT_SID: 'AC' + '0'.repeat(32), TWILIO_AUTH_TOKEN: 'x' });
    expect(status).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/SALESFORCE_INSTANCE_URL: is required when Twilio is configured/);
  });

  it('names an unknown command', async () => {
    const { io, err } = capture();
    expect(await runCli(['frobnicate'], io, {})).toBe(2);
    expect(err[0]).toMatch(/unknown command "frobnicate"/);
  });

  it('prints usage on help', async () => {
    const { io, out } = capture();
    expect(await runCli(['--help'], io, {})).toBe(0);
    expect(out[0]).toMatch(/usage: sms-crm-sync <command>/);
  });

  it('counts segments and names the characters that force UCS-2', async () => {
    const { io, out } = capture();
    expect(await runCli(['segments', 'It’s 5pm'], io, {})).toBe(0);
    expect(out[0]).toBe('UCS-2: 8 characters, 8 UTF-16 units, 1 segment(s) of 70 (max 1) — fits');
    expect(out[1]).toMatch(/forces UCS-2: "’"/);
    const long = capture();
    expect(await runCli(['segments', 'x'.repeat(161)], long.io, {})).toBe(1);
    expect(long.out[0]).toMatch(/GSM-7: 161 characters, 161 septets, 2 segment\(s\) of 153 \(max 1\) — TOO LONG/);
  });
});
