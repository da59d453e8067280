import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEDULES_OFF } from '../../src/sandbox/sandbox';

/**
 * The built service (`tsc` output run as `node main.js serve`) as child processes, the way it
 * runs in production: for tests that kill, restart or run several instances of it.
 */
export const ROOT = join(__dirname, '..', '..');
const SECOND = 1000;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it answers something truthy; fails naming `what` after `timeoutMs`. */
export async function until<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 15 * SECOND): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Compiles the service as `npm run build:service` does, into a folder of this test run; `remove()` deletes it. */
export function buildService(name: string): { dir: string; remove: () => void } {
  const dir = join(ROOT, 'test', 'artifacts', `${name}-${process.pid}`);
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', dir], { cwd: ROOT, stdio: 'inherit' });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The settings every test instance shares: stand-ins aside, no schedule runs by itself. */
export const QUIET_SETTINGS: Record<string, string> = { LOG_LEVEL: 'warn', QUIET_HOURS: 'off', ...SCHEDULES_OFF };

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  /** what it wrote to stderr so far */
  stderr: () => string;
  /** the JSON API with a Bearer key */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read the answers field by field
  api: <T = any>(method: 'GET' | 'POST', path: string, key: string, body?: unknown) => Promise<{ status: number; body: T }>;
  /** sends the signal and waits for the exit */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/** Starts `node <build>/main.js serve` with `env` (PORT and PUBLIC_BASE_URL included) and waits for /health. */
export async function startService(build: string, env: Record<string, string>, bootTimeoutMs = 90 * SECOND): Promise<ServiceProcess> {
  const url = env.PUBLIC_BASE_URL;
  let stderr = '';
  const child = spawn(process.execPath, [join(build, 'main.js'), 'serve'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  };
  try {
    await until(
      `the service at ${url} to answer /health`,
      async () => {
        if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}: ${stderr}`);
        return fetch(`${url}/health`).then(
          (res) => res.ok,
          () => false,
        );
      },
      bootTimeoutMs,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    child,
    stderr: () => stderr,
    stop,
    api: async (method, path, key, body) => {
      const res = await fetch(url + path, {
        method,
        headers: { Authorization: `Bearer ${key}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
  };
}
