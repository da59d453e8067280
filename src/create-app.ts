import { INestApplication, ValidationPipe } from '@nestjs/common';
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
  redactor.addSecrets(secretsOf(config));
  JsonLogger.sandbox = config.mode === 'sandbox';
  const db = dataSource ?? (await openDatabase(config.database));
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, db), {
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
