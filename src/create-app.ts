import { INestApplication, INestApplicationContext, LoggerService, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { secretsOf } from './config/app-config';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { JsonLogger } from './common/json-logger';
import { redactor } from './common/redact';
import { requestIdMiddleware } from './common/request-id.middleware';
import { openDatabase } from './database/data-source';

export const BODY_LIMIT = '256kb';

/**
 * Builds the HTTP application on an opened, migrated database. Used by `serve`, by the e2e tests
 * and by the benchmarks, so all three run the same wiring.
 */
export async function createApp(config: AppConfig, dataSource?: DataSource): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(await rootModule(config, dataSource), {
    logger: new JsonLogger(),
    bodyParser: false,
  });
  // First, so that even a body the parsers refuse is answered with a request id.
  app.use(requestIdMiddleware);
  app.useBodyParser('json', { limit: BODY_LIMIT });
  // Twilio posts webhooks form-encoded; flat keys only, exactly as signed.
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new AllExceptionsFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('sms-crm-sync')
      .setDescription('Compliant SMS from Salesforce records; every message logged to the CRM exactly once.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}

/**
 * The same modules without HTTP, for the command line (`sync`, `mapping validate`): same settings,
 * same database, same services. The caller decides about schedules through `config.schedules`.
 */
export async function createAppContext(config: AppConfig, logger: LoggerService = new JsonLogger()): Promise<INestApplicationContext> {
  const context = await NestFactory.createApplicationContext(await rootModule(config), { logger });
  context.enableShutdownHooks();
  return context;
}

async function rootModule(config: AppConfig, dataSource?: DataSource) {
  redactor.addSecrets(secretsOf(config));
  JsonLogger.sandbox = config.mode === 'sandbox';
  const db = dataSource ?? (await openDatabase(config.database));
  return AppModule.forRoot(config, db);
}
