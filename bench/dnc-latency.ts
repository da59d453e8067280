/**
 * `npm run bench:dnc-latency`: how long after a Do-Not-Call is saved in Salesforce the service
 * refuses to text that prospect, with the default mirror schedule (MIRROR_CRON, every minute).
 *
 * The sandbox as `npm start` runs it (both stand-ins, the real SDKs, the scheduled jobs), on a
 * fresh SQLite file; quiet hours off so the clock of the day does not refuse first. Each trial
 * saves the flag at a random moment of the minute, then a rep sends every 250 ms until the send
 * is refused DO_NOT_CALL. Prints each trial's seconds and the worst.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { createApp } from '../src/create-app';
import { seedSandboxReps, startSandbox } from '../src/sandbox/sandbox';

process.env.LOG_LEVEL ??= 'silent';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const trials = Number(process.env.BENCH_TRIALS ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'bench-dnc-'));
  const sandbox = await startSandbox({});
  const port = 39_000 + Math.floor(Math.random() * 1000);
  const config = loadConfig({ ...sandbox.env, PORT: String(port), DATABASE_URL: `sqlite:${join(dir, 'dnc.db')}`, QUIET_HOURS: 'off', LOG_LEVEL: process.env.LOG_LEVEL }, 'sandbox');
  const app = await createApp(config);
  const [, bob] = await seedSandboxReps(app.get(DataSource), sandbox.demo);
  await app.listen(port, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  const prospect = sandbox.demo.contacts.mei;
  let serial = 0;
  const send = async (): Promise<{ status: number; code?: string }> => {
    const res = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bob.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ recordId: prospect, from: bob.numbers[0].phoneNumber, body: `latency probe ${++serial}`, idempotencyKey: `dnc-${Date.now()}-${serial}` }),
    });
    const body = (await res.json()) as { error?: { code?: string } };
    return { status: res.status, code: body.error?.code };
  };

  // the first scheduled mirror brings the org in
  for (let first = await send(); first.status !== 201; first = await send()) {
    if (first.code !== 'RECORD_NOT_FOUND') throw new Error(`unexpected answer before the trials: ${first.status} ${first.code}`);
    await sleep(500);
  }
  const seconds: number[] = [];
  for (let trial = 1; trial <= trials; trial++) {
    await sleep(Math.random() * 60_000);
    const savedAt = Date.now();
    sandbox.salesforce.update('Contact', prospect, { DoNotCall: true });
    let answer = await send();
    while (answer.code !== 'DO_NOT_CALL') {
      if (answer.status !== 201) throw new Error(`unexpected answer: ${answer.status} ${answer.code}`);
      await sleep(250);
      answer = await send();
    }
    seconds.push((Date.now() - savedAt) / 1000);
    console.log(`trial ${trial}: Do-Not-Call saved → first refused send (422 DO_NOT_CALL) after ${seconds.at(-1)!.toFixed(1)} s`);
    if (trial === trials) break;
    sandbox.salesforce.update('Contact', prospect, { DoNotCall: false });
    for (let back = await send(); back.status !== 201; back = await send()) await sleep(500);
  }
  console.log(`worst of ${trials}: ${Math.max(...seconds).toFixed(1)} s (MIRROR_CRON ${JSON.stringify(config.schedules.mirror)}, MIRROR_OVERLAP_SECONDS ${config.mirrorOverlapSeconds})`);
  await app.close();
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
