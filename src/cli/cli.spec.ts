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
});
