import { SalesforceStandIn } from '../../src/sandbox/salesforce';
import { standInEnv } from '../../src/sandbox/sandbox';
import { TwilioStandIn } from '../../src/sandbox/twilio';
import { createScratchDatabase } from './postgres';
import { startTestApp, TestApp } from './test-app';

export interface Instances {
  /** the instances, all on one PostgreSQL database */
  apps: TestApp[];
  databaseUrl: string;
  salesforce: SalesforceStandIn;
  twilio: TwilioStandIn;
  close: () => Promise<void>;
}

/**
 * Several instances of the real application on one fresh PostgreSQL database, booted at the same
 * moment (as a deployment rolls them out), against one Salesforce and one Twilio stand-in. Each
 * has its own port and PUBLIC_BASE_URL, so Twilio's status callbacks reach the instance that sent;
 * point `twilio.inboundWebhookUrl` at the instance a reply should arrive at.
 */
export async function startInstances(count: number, env: Record<string, string> = {}): Promise<Instances> {
  const database = await createScratchDatabase();
  const salesforce = new SalesforceStandIn();
  await salesforce.start();
  const twilio = await new TwilioStandIn({ callbackDelayMs: 5 }).start();
  const settled = await Promise.allSettled(
    Array.from({ length: count }, (_, i) =>
      startTestApp({ ...standInEnv(salesforce, twilio), DATABASE_URL: database.url, INSTANCE_NAME: `instance-${i + 1}`, ...env }),
    ),
  );
  const apps = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const stopAll = async () => {
    await Promise.allSettled(apps.map((app) => app.close()));
    await twilio.stop();
    await salesforce.stop();
    await database.drop();
  };
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  twilio.inboundWebhookUrl = `${apps[0].url}/webhooks/twilio/sms`;
  return { apps, databaseUrl: database.url, salesforce, twilio, close: stopAll };
}
