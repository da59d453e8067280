import { SalesforceStandIn } from '../../src/sandbox/salesforce';
import { standInEnv } from '../../src/sandbox/sandbox';
import { TwilioStandIn } from '../../src/sandbox/twilio';
import { buildService, QUIET_SETTINGS, ServiceProcess, startService } from './built-service';
import { freePort } from './free-port';
import { createScratchDatabase } from './postgres';

/** The admin key every built instance of a BuiltInstances world accepts. */
export const ADMIN_KEY = 'built-instances-admin-key-0123456789';

export interface BuiltInstances {
  databaseUrl: string;
  salesforce: SalesforceStandIn;
  twilio: TwilioStandIn;
  /** every instance started so far */
  instances: ServiceProcess[];
  /**
   * Boots `count` instances of the build at once on the database, each on its own port and
   * PUBLIC_BASE_URL (status callbacks reach the instance that sent), named `<name>-1`, `<name>-2`…;
   * `env` goes over the shared settings.
   */
  start: (count: number, env?: Record<string, string>) => Promise<ServiceProcess[]>;
  /** stops every instance (SIGKILL unless already stopped), the stand-ins, drops the database and the build */
  close: () => Promise<void>;
}

/**
 * The world of a test that runs several instances of the built service (`node main.js serve`) as
 * production does: the build, a scratch PostgreSQL database, one Salesforce and one Twilio stand-in.
 * Call it in `beforeAll`, `close` in `afterAll`.
 */
export async function builtInstances(name: string, options: { salesforce?: ConstructorParameters<typeof SalesforceStandIn>[0] } = {}): Promise<BuiltInstances> {
  const build = buildService(name);
  const database = await createScratchDatabase();
  const salesforce = new SalesforceStandIn(options.salesforce);
  await salesforce.start();
  const twilio = await new TwilioStandIn({ callbackDelayMs: 5 }).start();
  const instances: ServiceProcess[] = [];
  const start = async (count: number, env: Record<string, string> = {}) => {
    const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
    const settled = await Promise.allSettled(
      ports.map((port, i) =>
        startService(build.dir, {
          ...standInEnv(salesforce, twilio),
          ...QUIET_SETTINGS,
          PORT: String(port),
          PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
          DATABASE_URL: database.url,
          DATABASE_POOL_SIZE: '4',
          ADMIN_API_KEY: ADMIN_KEY,
          INSTANCE_NAME: `${name}-${instances.length + i + 1}`,
          ...env,
        }),
      ),
    );
    // the ones that booted are stopped by close() even when another did not
    const started = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    instances.push(...started);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return started;
  };
  const close = async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await twilio.stop();
    await salesforce.stop();
    await database.drop();
    build.remove();
  };
  return { databaseUrl: database.url, salesforce, twilio, instances, start, close };
}
