import { startInstances } from './support/instances';

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
});
