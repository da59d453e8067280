import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

/** One request the load loop sends. */
export interface Shot {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  seconds: number;
  /** answers with the expected status */
  ok: number;
  /** every other answer, by status (0: no answer) */
  other: Record<string, number>;
  perSecond: number;
  p50: number;
  p99: number;
}

/**
 * An autocannon-like closed loop: `concurrency` workers over keep-alive connections, each sending
 * the next shot as soon as its previous answer arrived, for `warmup` then `seconds` (only the
 * latter counted; `window` is told when the counted part starts and ends). Latency is measured
 * client side, send to last byte.
 */
export async function closedLoop(
  baseUrl: string,
  concurrency: number,
  warmup: number,
  seconds: number,
  expect: number,
  next: (i: number) => Shot,
  window: { start?: () => void; end?: () => void } = {},
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const other: Record<string, number> = {};
  let ok = 0;
  let counting = false;
  let stop = false;
  let n = 0;
  const worker = async () => {
    while (!stop) {
      const shot = next(n++);
      const t0 = performance.now();
      const status = await send(agent, baseUrl, shot);
      if (!counting) continue;
      latencies.push(performance.now() - t0);
      if (status === expect) ok++;
      else other[status] = (other[status] ?? 0) + 1;
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  await sleep(warmup * 1000);
  window.start?.();
  counting = true;
  const started = performance.now();
  await sleep(seconds * 1000);
  counting = false;
  window.end?.();
  const elapsed = (performance.now() - started) / 1000;
  stop = true;
  await Promise.all(workers);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
  return { seconds: elapsed, ok, other, perSecond: ok / elapsed, p50: pct(50), p99: pct(99) };
}

/**
 * Each shot once, `concurrency` at a time over keep-alive connections; how many were not answered
 * with `expect`.
 */
export async function sendEach(baseUrl: string, concurrency: number, shots: readonly Shot[], expect: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < shots.length) if ((await send(agent, baseUrl, shots[next++])) !== expect) failed++;
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return failed;
}

function send(agent: Agent, baseUrl: string, shot: Shot): Promise<number> {
  return new Promise((resolve) => {
    const headers = shot.body === undefined ? shot.headers : { ...shot.headers, 'content-length': String(Buffer.byteLength(shot.body)) };
    const req = request(baseUrl + shot.path, { method: shot.method, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(shot.body);
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
