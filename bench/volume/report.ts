/** What `npm run bench` measured on one engine (bench-results.json holds the latest of each). */
export interface LoadFigure {
  /** median of the runs */
  perSecond: number;
  runs: number[];
  /** each run's p99, ms */
  p99Runs: number[];
  p50: number;
  p99: number;
  /** service CPU (user + system) per answered request, ms */
  cpuMs: number;
  /** requests answered as expected, over every run */
  answered: number;
  errors: number;
}

export interface VolumeFigures {
  /** messages stored when this volume's measurements started */
  messages: number;
  sends: LoadFigure;
  inbound: LoadFigure;
  /** one request at a time: what a rep opening a thread waits */
  thread: { p50: number; p99: number; p99Runs: number[]; samples: number };
  /** the same page under c=32 */
  threadUnderLoad: LoadFigure;
  loadAverage: number[];
}

export interface EngineResults {
  engine: 'sqlite' | 'postgres';
  database: string;
  date: string;
  machine: { cpus: number; model: string; memoryGiB: number; node: string };
  settings: { concurrency: number; seconds: number; runs: number; prospects: number; reps: number; quick: boolean };
  fillSeconds: number;
  volumes: VolumeFigures[];
  /** inbound on the bare node:http reference server, in the same turns as the volumes (absent in results written before it) */
  reference?: LoadFigure | null;
}

export type AllResults = Partial<Record<'sqlite' | 'postgres', EngineResults>>;

const TARGETS = {
  sqlite: { sends: 1000, inbound: 2500 },
  postgres: { sends: 700, inbound: 1500 },
} as const;
const THREAD_P99_MS = 20;
const WITHIN = 0.1;

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** BENCHMARKS.md from the results of both engines. */
export function renderMarkdown(all: AllResults): string {
  const out: string[] = [
    '# Benchmarks: cost against stored history',
    '',
    'Written by `npm run bench` (bench/volume.ts); the figures below are the latest run on each engine,',
    'also in `bench-results.json`. Re-run it to refresh them.',
    '',
    '## How they are measured',
    '',
    '- The service is the built app (`dist-bench/src/main.js serve`) in its own process, configured',
    '  live against the in-repo Twilio and Salesforce stand-ins, which run with the load generator in',
    '  the bench process. Jobs are off; quiet hours are off; Twilio status callbacks are off.',
    '- History is pre-filled with bulk SQL (bench/volume/fill.ts): reps texting prospects and their',
    '  replies, alternately, 20 s apart, over `prospects` Contacts and 20 reps, each message with its',
    '  `done` CRM outbox entry and each reply with its read notification; MessageSids are spread over',
    '  the sid index as Twilio\'s random ones are. The filled history is then',
    '  checkpointed (SQLite: `wal_checkpoint(TRUNCATE)`; PostgreSQL: `CHECKPOINT`). Each volume has',
    '  a database of its own with a service running on it, and real HTTP load runs against them:',
    '  sends, then inbound, then thread pages. Within each the volumes take turns run by run',
    '  (reversed every other round), so the machine\'s drift over the minutes of a bench',
    '  falls on every volume alike; the load of one run adds rows too.',
    '- Load: a closed loop of `concurrency` keep-alive connections (autocannon-like, node:http),',
    '  warm-up first, then `runs` × `seconds`; a rate is the median run\'s, a p50 or p99 the median',
    '  of the runs\' p50s or p99s.',
    '  - **sends/s**: `POST /api/messages` answered 201 (auth, validation, the whole gate, message +',
    '    outbox, Twilio create through the SDK to the stand-in, the sid write).',
    '  - **inbound/s**: `POST /webhooks/twilio/sms` signed as Twilio signs, answered 200 (signature,',
    '    duplicate check, conversation match, message + outbox + notification), each a reply to one of',
    '    the texts the same service sent in the sends phase (that rep\'s number, that prospect).',
    '  - **thread page**: `GET /api/prospects/{id}/messages` (50 a page) one request at a time',
    '    (p50/p99 of what a rep waits: medians of `runs` × 10 s), and under the same c=32 load;',
    '    the threads of 1,000 prospects,',
    '    the same at every volume, each holding more than a page (on the empty database they are first',
    '    topped up with replies through the webhook), so every volume is measured on full pages.',
    '- Before each run the services are left idle until their writes have settled (their WAL',
    '  checkpoints done, the machine\'s dirty pages written back; at most 60 s), so no run pays for',
    '  the disk backlog of the one before it. The bench\'s own database connections (the fills) are',
    '  closed while the services are measured.',
    '- **service CPU per request** is the service process\'s user + system CPU time (from /proc) over',
    '  the counted seconds divided by the answers; "per free core" is 1,000 ms divided by it: the rate',
    '  one core would sustain if the service had it to itself. On a shared machine it is the steadier',
    '  figure (the rates fall with the load average; contention inflates CPU time somewhat too).',
    '- **machine reference**: a bare node:http server (bench/volume/reference-server.ts) takes the',
    '  inbound load in the same turns as the volumes: the same signed requests, their signature',
    '  checked, the same TwiML answered, with no framework and no database. This VM\'s speed wanders by',
    '  tens of percent over minutes: the reference\'s rate in a round tells how fast the machine (and the',
    '  load generator sharing it) was then, and the volumes\' shares of it in the same round compare them',
    '  on one machine speed. The shares still vary between rounds (the service and the reference do not',
    '  slow alike).',
    '- On PostgreSQL the history fill ends with `VACUUM ANALYZE` (what autovacuum does on its own).',
    '  SQLite is never `ANALYZE`d (the app does not).',
    '',
  ];
  for (const engine of ['sqlite', 'postgres'] as const) {
    const r = all[engine];
    if (r) out.push(...engineSection(r));
  }
  return out.join('\n') + '\n';
}

function engineSection(r: EngineResults): string[] {
  const first = r.volumes[0];
  const last = r.volumes[r.volumes.length - 1];
  const target = TARGETS[r.engine];
  const change = (a: number, b: number) => (a === 0 ? 0 : (b - a) / a);
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
  const lines = [
    `## ${r.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} — ${r.date}`,
    '',
    `${r.database}. Machine: ${r.machine.cpus} × ${r.machine.model}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}; the load generator, the stand-ins, ` +
      `the service${r.engine === 'postgres' ? ' and PostgreSQL' : ''} share it with other work (load averages below). ` +
      `Concurrency ${r.settings.concurrency}, ${r.settings.runs} × ${r.settings.seconds} s a figure, ${int(r.settings.prospects)} prospects, ${r.settings.reps} reps` +
      `${r.settings.quick ? ' (BENCH_QUICK: a short run, not the real volumes)' : ''}. History fill: ${int(r.fillSeconds)} s.`,
    '',
    '| stored messages | sends/s | send p50 / p99 | inbound/s | inbound p50 / p99 | thread page p50 / p99 (1 at a time) | thread pages/s at c=32 (p99) | service CPU ms per send / inbound | per free core: sends/s / inbound/s | load avg (1 min) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.volumes.map(
      (v) =>
        `| ${int(v.messages)} | ${int(v.sends.perSecond)} | ${ms(v.sends.p50)} / ${ms(v.sends.p99)} | ${int(v.inbound.perSecond)} | ${ms(v.inbound.p50)} / ${ms(v.inbound.p99)} | ` +
        `${ms(v.thread.p50)} / ${ms(v.thread.p99)} | ${int(v.threadUnderLoad.perSecond)} (${ms(v.threadUnderLoad.p99)}) | ${v.sends.cpuMs.toFixed(2)} / ${v.inbound.cpuMs.toFixed(2)} | ${int(1000 / v.sends.cpuMs)} / ${int(1000 / v.inbound.cpuMs)} | ${v.loadAverage[0].toFixed(1)} |`,
    ),
    '',
    'Runs (each figure\'s individual runs, per second; the thread page\'s p99 in ms): ' +
      r.volumes.map((v) => `${int(v.messages)} messages: sends ${v.sends.runs.map(int).join(', ')}; inbound ${v.inbound.runs.map(int).join(', ')}; thread page p99 one at a time ${v.thread.p99Runs.map(ms).join(', ')}`).join(' — '),
    '',
    ...referenceLines(r),
    '```',
    ...chart(r),
    '```',
    '',
  ];
  if (r.volumes.length > 1) {
    const checks = [
      [`sends/s ≥ ${int(target.sends)} at ${int(last.messages)} messages`, last.sends.perSecond >= target.sends, int(last.sends.perSecond)],
      [`inbound/s ≥ ${int(target.inbound)} at ${int(last.messages)} messages`, last.inbound.perSecond >= target.inbound, int(last.inbound.perSecond)],
      [`thread page p99 < ${THREAD_P99_MS} ms`, last.thread.p99 < THREAD_P99_MS, ms(last.thread.p99)],
      ['sends/s within 10% of empty', change(first.sends.perSecond, last.sends.perSecond) >= -WITHIN, pct(change(first.sends.perSecond, last.sends.perSecond))],
      ['inbound/s within 10% of empty', change(first.inbound.perSecond, last.inbound.perSecond) >= -WITHIN, pct(change(first.inbound.perSecond, last.inbound.perSecond))],
      ['thread p99 within 10% of empty (or < 2 ms)', last.thread.p99 <= first.thread.p99 * (1 + WITHIN) || last.thread.p99 < 2, `${ms(first.thread.p99)} → ${ms(last.thread.p99)}`],
    ] as const;
    lines.push('| target | met | figure |', '| --- | --- | --- |', ...checks.map(([what, met, figure]) => `| ${what} | ${met ? 'yes' : '**no**'} | ${figure} |`), '');
  }
  return lines;
}

/** The reference's figure and each volume's inbound as a share of it, round by round. */
function referenceLines(r: EngineResults): string[] {
  const ref = r.reference;
  if (!ref) return [];
  const share = (v: VolumeFigures) => v.inbound.runs.map((x, i) => `${Math.round((100 * x) / ref.runs[i])}%`).join(', ');
  return [
    `Machine reference (a bare node:http server, the same signed inbound requests in the same turns): ${int(ref.perSecond)}/s, p99 ${ms(ref.p99)}, ` +
      `runs ${ref.runs.map(int).join(', ')}; ${ref.cpuMs.toFixed(3)} ms CPU a request (at that rate the load generator, on the same cores, limits it as much as the server does). ` +
      `Inbound as a share of it, round by round: ${r.volumes.map((v) => `${int(v.messages)} messages ${share(v)}`).join('; ')}. ` +
      `Service CPU per inbound webhook over the reference's per request: ${r.volumes.map((v) => `${int(v.messages)} messages ${(v.inbound.cpuMs / ref.cpuMs).toFixed(1)}×`).join('; ')}.`,
    '',
  ];
}

/** Bars of each figure against the stored volume. */
function chart(r: EngineResults): string[] {
  const width = 40;
  const rows: string[] = [];
  const metric = (title: string, value: (v: VolumeFigures) => number, unit: string) => {
    const max = Math.max(...r.volumes.map(value), 1e-9);
    rows.push(title);
    for (const v of r.volumes) {
      const bar = '█'.repeat(Math.max(1, Math.round((value(v) / max) * width)));
      rows.push(`  ${int(v.messages).padStart(11)} msgs  ${bar.padEnd(width)} ${value(v) >= 100 ? int(value(v)) : value(v).toFixed(2)} ${unit}`);
    }
  };
  metric('accepted sends per second', (v) => v.sends.perSecond, '/s');
  metric('signed inbound webhooks per second', (v) => v.inbound.perSecond, '/s');
  metric('thread page p99, one at a time', (v) => v.thread.p99, 'ms');
  return rows;
}
