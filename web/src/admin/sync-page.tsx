import { useEffect, useRef, useState } from 'preact/hooks';
import { adminApi, OutboxKind, SyncRunView, SyncStatus } from './admin-api';
import { formatAgo, formatCount, formatDuration, formatShare, formatTime, kindLabel, statLabel } from './format';
import { useResource } from './use-resource';
import { ErrorAlert, Loading, PageHeader, StatusLine } from './ui';

const KINDS: OutboxKind[] = ['task_upsert', 'task_status', 'do_not_sms'];

const JOB_ABOUT: Record<string, string> = {
  mirror: 'Reads what changed in Salesforce since each watermark.',
  'full-resync': 'Reads every record again and drops what Salesforce deleted.',
  'activity-flush': 'Writes waiting activities and flags from the outbox to Salesforce.',
  reconcile: 'Compares recent messages with their Tasks and writes what is missing.',
  'delivery-reconcile': 'Asks Twilio for the true state of messages whose outcome is unknown.',
  'keyword-replies': 'Sends the opt-out and help confirmations still owed.',
};

/**
 * Sync health (GET /api/admin/sync/status and the job endpoints): the API budget against the
 * pause threshold, the outbox by kind, parked writes with a requeue, each object's watermark and
 * its lag, the last run of each job with its figures, and a run button with live progress.
 */
export function SyncPage() {
  const status = useResource(adminApi.syncStatus);
  const [loadedAt, setLoadedAt] = useState<number>(Date.now());
  const [runs, setRuns] = useState<Record<string, SyncRunView>>({});
  const [started, setStarted] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [actionError, setActionError] = useState<Error | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    if (status.data) setLoadedAt(Date.now());
  }, [status.data]);

  // the runs to follow: those started here, and those the status says are running
  const following: Record<string, string> = { ...started };
  for (const [job, j] of Object.entries(status.data?.jobs ?? {})) {
    if (j.lastRun?.status === 'running') following[job] = j.lastRun.runId;
  }
  const followKey = Object.entries(following)
    .map(([job, id]) => `${job}:${id}`)
    .sort()
    .join(',');
  const reload = useRef(status.reload);
  reload.current = status.reload;

  useEffect(() => {
    if (!followKey) return;
    let stopped = false;
    const tick = async () => {
      const entries = followKey.split(',').map((pair) => pair.split(':') as [string, string]);
      const answers = await Promise.allSettled(entries.map(([, runId]) => adminApi.run(runId)));
      if (stopped) return;
      const fetched = answers.flatMap((answer) => (answer.status === 'fulfilled' ? [answer.value] : []));
      const finished = fetched.filter((run) => run.status !== 'running');
      setRuns((current) => ({ ...current, ...Object.fromEntries(fetched.map((run) => [run.job, run])) }));
      if (finished.length) {
        setStarted((current) => {
          const next = { ...current };
          for (const run of finished) if (next[run.job] === run.runId) delete next[run.job];
          return next;
        });
        setMessage(finished.map(runSummary).join(' '));
        await reload.current();
      }
    };
    void tick();
    const timer = setInterval(() => void tick(), 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [followKey]);

  async function runJob(job: string) {
    setBusy(job);
    setActionError(null);
    setMessage(null);
    try {
      const { runId } = await adminApi.startJob(job);
      setStarted((current) => ({ ...current, [job]: runId }));
      setMessage(`${job} started.`);
    } catch (e) {
      setActionError(e as Error);
    } finally {
      setBusy(null);
    }
  }

  async function requeue(ids?: number[]) {
    setBusy(ids ? `requeue:${ids.join(',')}` : 'requeue:all');
    setActionError(null);
    setMessage(null);
    try {
      const { requeued } = await adminApi.requeue(ids);
      setMessage(`${formatCount(requeued)} parked write${requeued === 1 ? '' : 's'} put back in the queue; the next activity flush retries ${requeued === 1 ? 'it' : 'them'}.`);
      await status.reload();
    } catch (e) {
      setActionError(e as Error);
    } finally {
      setBusy(null);
    }
  }

  const s = status.data;
  return (
    <section class="sync">
      <PageHeader title="Sync" onRefresh={() => void status.reload()} busy={status.loading}>
        How the service keeps up with Salesforce. {s && <span>Figures as of {formatTime(new Date(loadedAt).toISOString())}.</span>}
      </PageHeader>
      <ErrorAlert error={status.error} />
      <StatusLine message={message} />
      <ErrorAlert error={actionError} />
      {!s ? (
        !status.error && <Loading what="sync status" />
      ) : (
        <>
          <div class="sync-top">
            <ApiBudgetCard budget={s.apiBudget} />
            <OutboxCard status={s} />
          </div>
          <ParkedWrites status={s} busy={busy} onRequeue={requeue} />
          <Watermarks status={s} now={loadedAt} />
          <Jobs status={s} runs={runs} following={following} busy={busy} onRun={runJob} />
        </>
      )}
    </section>
  );
}

function runSummary(run: SyncRunView): string {
  const figures = [
    run.stats.salesforceApiCalls !== undefined ? `${formatCount(run.stats.salesforceApiCalls)} Salesforce API calls` : null,
    run.stats.recordsRead !== undefined ? `${formatCount(run.stats.recordsRead)} records read` : null,
    run.stats.recordsWritten !== undefined ? `${formatCount(run.stats.recordsWritten)} written` : null,
  ].filter(Boolean);
  const outcome = run.status === 'succeeded' ? 'succeeded' : `failed: ${run.error ?? 'no reason given'}`;
  return `${run.job} ${outcome}${figures.length ? ` (${figures.join(', ')})` : ''}.`;
}

function ApiBudgetCard(props: { budget: SyncStatus['apiBudget'] }) {
  const b = props.budget;
  const known = b.dailyUsed !== null && b.dailyMax !== null && b.dailyMax > 0;
  const share = known ? b.dailyUsed! / b.dailyMax! : 0;
  const pauseAt = known ? Math.floor(b.pauseAtShare * b.dailyMax!) : null;
  return (
    <div class="card budget" aria-labelledby="budget-heading">
      <h2 id="budget-heading">Salesforce API calls today</h2>
      {known ? (
        <>
          <p class="big-figure">
            <span data-figure="api-used">{formatCount(b.dailyUsed)}</span> <span class="muted">of</span> <span data-figure="api-max">{formatCount(b.dailyMax)}</span>
          </p>
          <p class="muted small share">{formatShare(b.usedShare)} of the org’s daily allocation, as Salesforce last reported it</p>
          <div
            class={b.paused ? 'meter paused' : share >= b.pauseAtShare * 0.8 ? 'meter near' : 'meter'}
            role="meter"
            aria-label="API calls used today"
            aria-valuemin={0}
            aria-valuemax={b.dailyMax!}
            aria-valuenow={b.dailyUsed!}
            aria-valuetext={`${formatCount(b.dailyUsed)} of ${formatCount(b.dailyMax)} (${formatShare(b.usedShare)}); syncs pause at ${formatShare(b.pauseAtShare)}`}
          >
            <div class="meter-fill" style={{ width: `${Math.min(100, share * 100)}%` }} />
            <div class="meter-mark" style={{ left: `${Math.min(100, b.pauseAtShare * 100)}%` }} title={`pause threshold ${formatShare(b.pauseAtShare)}`} />
          </div>
        </>
      ) : (
        <p class="muted" data-figure="api-used">
          Salesforce has not reported today’s usage yet (it does on every answer).
        </p>
      )}
      <dl class="facts">
        <div>
          <dt>Pause threshold</dt>
          <dd data-figure="api-pause">
            {formatShare(b.pauseAtShare)}
            {pauseAt !== null && <span class="muted"> ({formatCount(pauseAt)} calls)</span>}
          </dd>
        </div>
        <div>
          <dt>Non-urgent syncs</dt>
          <dd data-figure="api-paused">
            {b.paused ? <span class="tag bad">Paused</span> : <span class="tag ok">Running</span>}
          </dd>
        </div>
        <div>
          <dt>Calls by this instance since it started</dt>
          <dd data-figure="api-calls-made">{formatCount(b.callsMade)}</dd>
        </div>
      </dl>
      {b.paused && <p class="notice">Activity logging and reconcile wait until usage falls below the threshold; opt-out write-backs still go.</p>}
    </div>
  );
}

function OutboxCard(props: { status: SyncStatus }) {
  const s = props.status;
  return (
    <div class="card">
      <h2 id="outbox-heading">Outbox</h2>
      <table class="grid compact" aria-labelledby="outbox-heading">
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col" class="num">
              Waiting
            </th>
            <th scope="col" class="num">
              Parked
            </th>
          </tr>
        </thead>
        <tbody>
          {KINDS.map((kind) => (
            <tr key={kind}>
              <th scope="row">{kindLabel[kind]}</th>
              <td class="num" data-figure={`outbox-pending-${kind}`}>
                {formatCount(s.outbox.pending[kind])}
              </td>
              <td class="num" data-figure={`outbox-parked-${kind}`}>
                {formatCount(s.outbox.parked[kind])}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All</th>
            <td class="num" data-figure="outbox-depth">
              {formatCount(s.outboxDepth)}
            </td>
            <td class="num" data-figure="outbox-parked">
              {formatCount(s.outboxParked)}
            </td>
          </tr>
        </tfoot>
      </table>
      <p class="muted small">Waiting writes go out on the next activity flush; parked ones were refused by Salesforce and wait for you.</p>
    </div>
  );
}

function ParkedWrites(props: { status: SyncStatus; busy: string | null; onRequeue: (ids?: number[]) => void }) {
  const s = props.status;
  const list = s.outbox.recentlyParked;
  return (
    <>
      <div class="section-header">
        <h2 id="parked-heading">Parked writes ({formatCount(s.outboxParked)})</h2>
        {s.outboxParked > 0 && (
          <button type="button" disabled={props.busy !== null} onClick={() => props.onRequeue()}>
            Requeue all parked writes
          </button>
        )}
      </div>
      {list.length === 0 ? (
        <p class="empty-state">Nothing is parked: Salesforce accepted every write.</p>
      ) : (
        <>
          {s.outboxParked > list.length && (
            <p class="muted small">
              The latest {list.length} of {formatCount(s.outboxParked)}.
            </p>
          )}
          <table class="grid" aria-labelledby="parked-heading">
            <thead>
              <tr>
                <th scope="col">Entry</th>
                <th scope="col">Kind</th>
                <th scope="col">Record</th>
                <th scope="col" class="num">
                  Attempts
                </th>
                <th scope="col">Reason</th>
                <th scope="col">Parked</th>
                <th scope="col">
                  <span class="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <tr key={p.id} data-parked-id={p.id}>
                  <th scope="row" class="mono">
                    #{p.id}
                  </th>
                  <td>{kindLabel[p.kind] ?? p.kind}</td>
                  <td class="mono small">{p.aggregateId}</td>
                  <td class="num">{p.attempts}</td>
                  <td class="reason">{p.lastError ?? '—'}</td>
                  <td>{formatTime(p.updatedAt)}</td>
                  <td>
                    <button type="button" disabled={props.busy !== null} aria-label={`Requeue parked write #${p.id}`} onClick={() => props.onRequeue([p.id])}>
                      Requeue
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}

function Watermarks(props: { status: SyncStatus; now: number }) {
  const list = props.status.watermarks;
  return (
    <>
      <h2 id="watermarks-heading">Watermarks</h2>
      {list.length === 0 ? (
        <p class="empty-state">No object mirrored yet: run the mirror.</p>
      ) : (
        <table class="grid" aria-labelledby="watermarks-heading">
          <thead>
            <tr>
              <th scope="col">Object</th>
              <th scope="col">Mirrored up to</th>
              <th scope="col">Behind</th>
              <th scope="col">Last moved</th>
            </tr>
          </thead>
          <tbody>
            {list.map((w) => {
              const behind = props.now - Date.parse(w.lastModstamp);
              return (
                <tr key={w.object} data-watermark={w.object}>
                  <th scope="row">{w.object}</th>
                  <td data-figure={`watermark-${w.object}`} data-value={w.lastModstamp}>
                    {formatTime(w.lastModstamp)}
                  </td>
                  <td>
                    <span class={behind > 3_600_000 ? 'tag bad' : behind > 300_000 ? 'tag warn' : 'tag ok'}>{formatDuration(behind)}</span>
                  </td>
                  <td>{formatAgo(w.updatedAt, props.now)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

function Jobs(props: {
  status: SyncStatus;
  runs: Record<string, SyncRunView>;
  following: Record<string, string>;
  busy: string | null;
  onRun: (job: string) => void;
}) {
  const jobs = Object.entries(props.status.jobs);
  return (
    <>
      <h2 id="jobs-heading">Jobs and their last runs</h2>
      <table class="grid jobs" aria-labelledby="jobs-heading">
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">Schedule</th>
            <th scope="col">Last run</th>
            <th scope="col" class="num">
              API calls
            </th>
            <th scope="col">Figures</th>
            <th scope="col">
              <span class="visually-hidden">Run</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {jobs.map(([job, j]) => {
            // while it runs: what the run answers (progress); else the last run the status names
            const following = props.following[job];
            const live = following && props.runs[job]?.runId === following ? props.runs[job] : undefined;
            const run = live ?? j.lastRun;
            const running = !!props.following[job] || j.running;
            const { salesforceApiCalls, durationMs, ...figures } = run?.stats ?? {};
            return (
              <tr key={job} data-job={job}>
                <th scope="row">
                  <span class="mono">{job}</span>
                  {JOB_ABOUT[job] && <span class="muted small block">{JOB_ABOUT[job]}</span>}
                </th>
                <td class="mono small">{j.schedule ?? <span class="muted">not scheduled</span>}</td>
                <td data-figure={`job-status-${job}`}>
                  {!run ? (
                    <span class="muted">never ran</span>
                  ) : (
                    <>
                      <span class={run.status === 'succeeded' ? 'tag ok' : run.status === 'failed' ? 'tag bad' : 'tag warn'}>{run.status}</span>
                      <span class="small block">{formatTime(run.startedAt)}</span>
                      {durationMs !== undefined && <span class="muted small block">took {formatDuration(durationMs)}</span>}
                      {run.error && <span class="reason small block">{run.error}</span>}
                    </>
                  )}
                  {running && <Progress job={job} run={live} />}
                </td>
                <td class="num" data-figure={`job-api-calls-${job}`}>
                  {formatCount(salesforceApiCalls)}
                </td>
                <td class="small">
                  {Object.keys(figures).length === 0 ? (
                    <span class="muted">—</span>
                  ) : (
                    <ul class="figures" data-figure={`job-figures-${job}`}>
                      {Object.entries(figures).map(([key, value]) => (
                        <li key={key}>
                          {statLabel(key)}: <span data-stat={key}>{formatCount(value)}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <button type="button" disabled={running || props.busy !== null} onClick={() => props.onRun(job)}>
                    {running ? 'Running…' : `Run ${job}`}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function Progress(props: { job: string; run?: SyncRunView }) {
  const p = props.run?.progress;
  const text = p ? `${formatCount(p.done)}${p.total !== null ? ` of ${formatCount(p.total)}` : ''}${p.label ? ` ${p.label}` : ''}` : 'starting…';
  return (
    <div class="progress">
      <progress aria-label={`${props.job} progress`} max={p?.total ?? undefined} value={p && p.total !== null ? p.done : undefined} />
      <span class="small">{text}</span>
    </div>
  );
}
