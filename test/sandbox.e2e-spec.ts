import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectMode, loadConfig } from '../src/config/app-config';
import { RunningService, serve } from '../src/cli/serve.command';
import { defaultTestDatabase } from './support/engine';
import { freePort } from './support/free-port';


describe('sandbox mode (npm start with no Salesforce and no Twilio settings)', () => {
  let service: RunningService;
  let printed = '';
  let baseUrl: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const port = await freePort();
    const database = await defaultTestDatabase(join(mkdtempSync(join(tmpdir(), 'scs-sbx-')), 'sandbox.db'));
    drop = database.drop;
    const env = { LOG_LEVEL: process.env.LOG_LEVEL, PORT: String(port), DATABASE_URL: database.url };
    const config = loadConfig(env, detectMode(env));
    expect(config.mode).toBe('sandbox');
    service = await serve(config, env, { print: (text) => (printed += text + '\n'), color: false });
    baseUrl = `http://localhost:${port}`;
  });
  afterAll(async () => {
    await service.close();
    await drop();
  });

  const keyOf = (label: string) => new RegExp(`${label}:\\s+(\\S+)`).exec(printed)?.[1] ?? '';

  it('prints the console URL, the admin key, the reps’ keys and curl lines between two rules, SANDBOX in its title', () => {
    expect(keyOf('console')).toBe(`http://127.0.0.1:${new URL(baseUrl).port}/`);
    expect(keyOf('admin key')).toMatch(/^sandbox_/);
    expect(keyOf('Alice Rep key')).toMatch(/^scs_/);
    expect(printed).toMatch(/curl -s http:\/\/localhost:\d+\/api\/me/);
    const lines = printed.trim().split('\n');
    expect(lines[0]).toMatch(/^={40,}$/);
    expect(lines[1]).toContain('SANDBOX');
    expect(lines.at(-1)).toBe(lines[0]);
    expect(printed).not.toMatch(/\u001b\[/);
  });

  it('is ready: the database and both stand-ins answer through the real SDKs', async () => {
    const res = await fetch(`${baseUrl}/health/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ready',
      checks: { database: { status: 'up' }, salesforce: { status: 'up' }, twilio: { status: 'up' } },
    });
  });

  it('seeds reps with numbers whose printed keys work', async () => {
    const res = await fetch(`${baseUrl}/api/me`, { headers: { Authorization: `Bearer ${keyOf('Alice Rep key')}` } });
    expect(res.status).toBe(200);
    const me = (await res.json()) as { name: string; smsEnabled: boolean; senderNumbers: { kind: string; smsEnabled: boolean }[] };
    expect(me.name).toBe('Alice Rep');
    expect(me.smsEnabled).toBe(true);
    expect(me.senderNumbers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ phoneNumber: '+12125550190', kind: 'direct', smsEnabled: true }),
        expect.objectContaining({ kind: 'local_presence', smsEnabled: false }),
      ]),
    );
  });
});
