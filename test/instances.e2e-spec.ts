import { standInEnv } from '../src/sandbox/sandbox';
import { startInstances } from './support/instances';
import { startTestApp } from './support/test-app';

interface JobStatus {
  running: boolean;
  lastRun: { runId: string; status: string; error: string | null } | null;
}

describe('several instances on one PostgreSQL database', () => {
  it('boots every instance of a deployment started together on an empty database (migrations run once)', async () => {
    for (let round = 0; round < 3; round++) {
      const instances = await startInstances(4);
      try {
        const health = await Promise.all(instances.apps.map((app) => app.http().get('/health')));
        expect(health.map((r) => r.status)).toEqual([200, 200, 200, 200]);
        const [{ count }] = await instances.apps[0].dataSource.query('SELECT count(*)::int AS count FROM migrations');
        expect(count).toBe(instances.apps[0].dataSource.migrations.length);
      } finally {
        await instances.close();
      }
    }
  });

  it('relieves a dead instance of its job leases: at once when it restarts under its name, after 15 s of silence for the others', async () => {
    const instances = await startInstances(2);
    const { apps, salesforce, twilio, databaseUrl } = instances;
    let restarted: Awaited<ReturnType<typeof startTestApp>> | null = null;
    try {
      // what a kill -9 of instance-1 in the middle of a flush leaves behind: a running row, a fresh heartbeat
      await apps[0].close();
      const now = new Date().toISOString();
      const insertRun = (id: string, job: string, lockKey: string, holder: string, heartbeatAt: string) =>
        apps[1].dataSource.query(
          `INSERT INTO sync_runs (id, job, status, started_at, finished_at, stats, error, lock_key, heartbeat_at, holder) VALUES ($1, $2, 'running', $3, NULL, '{}', NULL, $4, $3, $5)`,
          [id, job, heartbeatAt, lockKey, holder],
        );
      await insertRun('00000000-0000-4000-8000-00000000rec1', 'reconcile', 'reconcile', 'instance-1', now);
      const jobStatus = async (app: typeof apps[number], job: string) =>
        (await app.admin<{ jobs: Record<string, JobStatus> }>('get', '/api/admin/sync/status')).body.jobs[job];

      // the other instance honours the lease while its heartbeat is fresh
      const refused = await apps[1].admin<{ error: { code: string } }>('post', '/api/admin/sync/reconcile');
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('JOB_RUNNING');
      expect(await jobStatus(apps[1], 'reconcile')).toMatchObject({ running: true });

      // instance-1 comes back under its name: its dead run is closed at boot, the job runs at once
      restarted = await startTestApp({ ...standInEnv(salesforce, twilio), DATABASE_URL: databaseUrl, INSTANCE_NAME: 'instance-1' });
      expect(await jobStatus(restarted, 'reconcile')).toMatchObject({
        running: false,
        lastRun: { runId: '00000000-0000-4000-8000-00000000rec1', status: 'failed', error: 'abandoned: instance-1 restarted while running it' },
      });
      const started = await restarted.admin<{ runId: string }>('post', '/api/admin/sync/reconcile');
      expect(started.status).toBe(202);

      // an instance that never comes back: the others wait for its heartbeat to be 15 s old, no longer
      await insertRun('00000000-0000-4000-8000-00000000mir1', 'mirror', 'crm-mirror', 'instance-9', new Date(Date.now() - 10_000).toISOString());
      expect((await apps[1].admin('post', '/api/admin/sync/full-resync')).status).toBe(409);
      await apps[1].dataSource.query(`UPDATE sync_runs SET heartbeat_at = $1 WHERE id = $2`, [new Date(Date.now() - 15_500).toISOString(), '00000000-0000-4000-8000-00000000mir1']);
      expect(await jobStatus(apps[1], 'mirror')).toMatchObject({ running: false, lastRun: { status: 'failed', error: expect.stringMatching(/^abandoned: no heartbeat since/) } });
      expect((await apps[1].admin('post', '/api/admin/sync/mirror')).status).toBe(202);
    } finally {
      await restarted?.close();
      await instances.close();
    }
  });
});
