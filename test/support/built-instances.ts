import { SalesforceStandIn } from '../../src/sandbox/salesforce';
import { standInEnv } from '../../src/sandbox/sandbox';
import { TwilioStandIn } from '../../src/sandbox/twilio';
import { buildService, QUIET_SETTINGS, ServiceProcess, startService } from './built-service';
import { freePort } from './free-port';
import { createScratchDatabase } from './postgres';

/** The admin key every built instance of a BuiltInstances world accepts. */
export const ADMIN_KEY = 'built-instances-admin-key-0123456789';

/** A built instance and the INSTANCE_NAME it runs under (what it writes as holder of claims and runs). */
export type BuiltInstance = ServiceProcess & { name: string };

export interface BuiltInstances {
  databaseUrl: string;
  salesforce: SalesforceStandIn;
  twilio: TwilioStandIn;
  /**
   * Boots `count` instances of the build at once on the database, each on its own port and
   * PUBLIC_BASE_URL (status callbacks reach the instance that sent), named `<name>-1`, `<name>-2`…;
   * `env` goes over the shared settings.
   */
  start: (count: number, env?: Record<string, string>) => Promise<BuiltInstance[]>;
  /** stops every instance (SIGKILL unless already stopped), the stand-ins, drops the database and the build */
  close: () => Promise<void>;
}

/**
 * The world of a test that runs several instances of the built service (`node main.js serve`) as
 * production does: the build, a scratch PostgreSQL database, one Salesforce and one Twilio stand-in.
 * Call it in `beforeAll`, `close` in `afterAll`.
 */
export async function builtInstances(name: string, options: { salesforce?: ConstructorParameters<typeof SalesforceStandIn>[0] } = {}): Promise<BuiltInstances> {
  // what was set up so far is torn down if a later step fails: the caller gets no world to close
  const undo: (() => unknown)[] = [];
  const close = async () => {
    for (const step of undo.reverse()) await step();
    undo.length = 0;
  };
  const instances: BuiltInstance[] = [];
  let salesforce: SalesforceStandIn, twilio: TwilioStandIn, databaseUrl: string, buildDir: string;
  try {
    const build = buildService(name);
    undo.push(build.remove);
    buildDir = build.dir;
    const database = await createScratchDatabase();
    undo.push(database.drop);
    databaseUrl = database.url;
    salesforce = new SalesforceStandIn(options.salesforce);
    await salesforce.start();
    undo.push(() => salesforce.stop());
    twilio = await new TwilioStandIn({ callbackDelayMs: 5 }).start();
    undo.push(() => twilio.stop());
    undo.push(() => Promise.all(instances.map((instance) => instance.stop())));
  } catch (error) {
    await close();
    throw error;
  }
  const start = async (count: number, env: Record<string, string> = {}) => {
    const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
    const names = ports.map((_, i) => `${name}-${instances.length + i + 1}`);
    const settled = await Promise.allSettled(
      ports.map(async (port, i): Promise<BuiltInstance> => {
        const service = await startService(buildDir, {
          ...standInEnv(salesforce, twilio),
          ...QUIET_SETTINGS,
          PORT: String(port),
          PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
          DATABASE_URL: databaseUrl,
          DATABASE_POOL_SIZE: '4',
          ADMIN_API_KEY: ADMIN_KEY,
          INSTANCE_NAME: names[i],
          ...env,
        });
        return Object.assign(service, { name: names[i] });
      }),
    );
    // the ones that booted are stopped by close() even when another did not
    const started = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    instances.push(...started);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return started;
  };
  return { databaseUrl, salesforce, twilio, start, close };
}
