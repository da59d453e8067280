import { INestApplication, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '../create-app';
import { loadConfig } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { sandboxBanner, seedSandboxReps, startSandbox } from '../sandbox/sandbox';

type Env = Record<string, string | undefined>;

/**
 * `serve`: the HTTP service with its sync schedules. In sandbox mode the Salesforce and Twilio
 * stand-ins start first and the settings point at them; everything else is the production path.
 */
export interface RunningService {
  app: INestApplication;
  close(): Promise<void>;
}

export async function serve(config: AppConfig, env: Env, out: (line: string) => void): Promise<RunningService> {
  if (config.mode === 'sandbox') return serveSandbox(config, env, out);
  const app = await createApp(config);
  await app.listen(config.port);
  new Logger('Boot').log({ msg: `sms-crm-sync listening on port ${config.port}`, mode: config.mode, publicBaseUrl: config.publicBaseUrl });
  return { app, close: () => app.close() };
}

async function serveSandbox(base: AppConfig, env: Env, out: (line: string) => void): Promise<RunningService> {
  const sandbox = await startSandbox(env);
  const config = loadConfig({ ...env, ...sandbox.env }, 'sandbox');
  sandbox.twilio.inboundWebhookUrl = `${config.publicBaseUrl}/webhooks/twilio/sms`;
  const app = await createApp(config);
  const reps = await seedSandboxReps(app.get(DataSource), sandbox.demo);
  await app.listen(base.port);
  new Logger('Boot').log({ msg: `sms-crm-sync listening on port ${config.port} (sandbox)`, publicBaseUrl: config.publicBaseUrl });
  out(sandboxBanner(config.publicBaseUrl, config.adminApiKey ?? '', reps, sandbox.demo, config.quietHours?.label ?? null));
  return {
    app,
    close: async () => {
      await app.close();
      await sandbox.stop();
    },
  };
}
