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
  /** the settings it runs with (in sandbox mode, pointing at the stand-ins) */
  config: AppConfig;
  /** closes the application (Nest's shutdown hooks, the HTTP server), then the database pool */
  close(): Promise<void>;
}

/** Where the sandbox banner goes, and whether in colour (a terminal). */
export interface BannerOutput {
  print: (text: string) => void;
  color: boolean;
}

export async function serve(config: AppConfig, env: Env, banner: BannerOutput): Promise<RunningService> {
  if (config.mode === 'sandbox') return serveSandbox(config, env, banner);
  const app = await createApp(config);
  await app.listen(config.port);
  new Logger('Boot').log({ msg: `sms-crm-sync listening on port ${config.port}`, mode: config.mode, publicBaseUrl: config.publicBaseUrl });
  return { app, config, close: () => closeWithDatabase(app) };
}

/**
 * The banner comes first: the log lines of the boot are held until it is printed (and written
 * anyway if the boot fails).
 */
async function serveSandbox(base: AppConfig, env: Env, banner: BannerOutput): Promise<RunningService> {
  const sandbox = await startSandbox(env);
  const config = loadConfig({ ...env, ...sandbox.env }, 'sandbox');
  sandbox.twilio.inboundWebhookUrl = `${config.publicBaseUrl}/webhooks/twilio/sms`;
  const app = await createApp(config, undefined, { holdLogs: true });
  try {
    const reps = await seedSandboxReps(app, sandbox.demo);
    await app.listen(base.port);
    const facts = {
      baseUrl: config.publicBaseUrl,
      consoleUrl: `http://127.0.0.1:${config.port}/`,
      adminKey: config.adminApiKey ?? '',
      reps,
      demo: sandbox.demo,
      quietHours: config.quietHours?.label ?? null,
    };
    banner.print(sandboxBanner(facts, banner.color));
  } finally {
    app.flushLogs();
  }
  new Logger('Boot').log({ msg: `sms-crm-sync listening on port ${config.port} (sandbox)`, publicBaseUrl: config.publicBaseUrl });
  return {
    app,
    config,
    close: async () => {
      await closeWithDatabase(app);
      await sandbox.stop();
    },
  };
}

async function closeWithDatabase(app: INestApplication): Promise<void> {
  const dataSource = app.get(DataSource);
  await app.close();
  if (dataSource.isInitialized) await dataSource.destroy();
}
