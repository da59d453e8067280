import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/app-config';
import type { AppConfig } from '../../src/config/app-config';
import { createApp } from '../../src/create-app';
import { openDatabase } from '../../src/database/data-source';
import { defaultTestDatabase } from './engine';
import { freePort } from './free-port';
import { SalesforceStandIn } from '../../src/sandbox/salesforce';
import { standInEnv } from '../../src/sandbox/sandbox';
import { QUIET_SETTINGS } from './built-service';
import { TwilioStandIn } from '../../src/sandbox/twilio';

export const ADMIN_KEY = 'test-admin-key-0123456789';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  dataSource: DataSource;
  url: string;
  http: () => ReturnType<typeof request>;
  admin: <T = unknown>(method: 'get' | 'post' | 'put', path: string, body?: unknown) => Promise<{ status: number; body: T }>;
  close: () => Promise<void>;
}

/**
 * Boots the real application on a free port and on `env`'s DATABASE_URL, TEST_DATABASE_URL, or
 * else a database of its own of the default engine (support/engine.ts: SQLite in memory, or a
 * scratch PostgreSQL database with TEST_ENGINE=postgres). `env` adds or overrides settings, e.g.
 * the stand-ins' URLs.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  // Twilio calls back at PUBLIC_BASE_URL, so the app's own address must be known before it listens.
  const port = env.PORT ?? String(await freePort());
  const given = env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const database = given ? { url: given, drop: async () => undefined } : await defaultTestDatabase();
  const config = loadConfig(
    {
      PORT: port,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: database.url,
      ADMIN_API_KEY: ADMIN_KEY,
      ...QUIET_SETTINGS,
      LOG_LEVEL: process.env.LOG_LEVEL,
      // the mirror still leaves out the current second of the Salesforce stand-in's clock: tests
      // that write and then mirror move that clock on (sf.clock.advance) rather than sleep
      ...env,
    },
    env.SALESFORCE_INSTANCE_URL ? 'live' : 'sandbox',
  );
  const { dataSource, app } = await boot(config).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  const url = `http://127.0.0.1:${config.port}`;
  const http = () => request(app.getHttpServer());
  return {
    app,
    config,
    dataSource,
    url,
    http,
    admin: async (method, path, body) => {
      const res = await http()[method](path).set('Authorization', `Bearer ${ADMIN_KEY}`).send(body as object);
      return { status: res.status, body: res.body };
    },
    close: async () => {
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.drop();
    },
  };
}

async function boot(config: AppConfig): Promise<{ dataSource: DataSource; app: INestApplication }> {
  const dataSource = await openDatabase(config.database);
  const app = await createApp(config, dataSource);
  await app.listen(config.port, '127.0.0.1');
  return { dataSource, app };
}

export interface TestStack extends TestApp {
  salesforce: SalesforceStandIn;
  twilio: TwilioStandIn;
}

/**
 * The whole picture: both stand-ins started on free ports, the app pointed at them (Salesforce
 * through the OAuth client-credentials flow), Twilio's inbound webhook aimed at the app.
 */
export async function startTestStack(env: Record<string, string> = {}): Promise<TestStack> {
  const salesforce = new SalesforceStandIn();
  await salesforce.start();
  const twilio = await new TwilioStandIn({ callbackDelayMs: 5 }).start();
  const t = await startTestApp({ ...standInEnv(salesforce, twilio), ...env });
  twilio.inboundWebhookUrl = `${t.config.publicBaseUrl}/webhooks/twilio/sms`;
  return {
    ...t,
    salesforce,
    twilio,
    close: async () => {
      await t.close();
      await twilio.stop();
      await salesforce.stop();
    },
  };
}
