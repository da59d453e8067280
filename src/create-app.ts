import { INestApplication, INestApplicationContext, LoggerService, ValidationPipe } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { registerApiKeyPrecheck } from './auth/api-key.hook';
import { AuthService } from './auth/auth.service';
import type { AppConfig } from './config/app-config';
import { secretsOf } from './config/app-config';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { registerConsole } from './console/console-static';
import { JsonLogger } from './common/json-logger';
import { redactor } from './common/redact';
import { registerRequestId, requestIdOf } from './common/request-id.hook';
import { openDatabase } from './database/data-source';
import { BODY_LIMIT_BYTES, clientErrorHandler, frameworkErrors, jsonBodyParser, registerEdgeChecks, timeoutOptions } from './http/http-edge';
import { TextInputInterceptor } from './http/text-input.interceptor';

export { BODY_LIMIT_BYTES } from './http/http-edge';

/**
 * Builds the HTTP application on an opened, migrated database. Used by `serve`, by the e2e tests
 * and by the benchmarks, so all three run the same wiring.
 *
 * NestJS runs on Fastify (about five times the requests per core of Express on this machine,
 * STACK.md). Bodies: JSON (only JSON on `/api` routes: 415 otherwise), and Twilio's
 * `application/x-www-form-urlencoded` parsed into flat string fields exactly as signed (Nest's
 * default parser); any other content type (outside `/api`) is read within the limit and left out.
 * Before a body is read: the URL length, the API key of `/api` routes and their content type
 * (http/http-edge.ts, auth/api-key.hook.ts). Slow and idle clients are cut (HTTP_*_TIMEOUT_SECONDS).
 * The web console is served at `/` and its pages (console/console-static.ts).
 */
export async function createApp(config: AppConfig, dataSource?: DataSource): Promise<INestApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    ...timeoutOptions(config.http),
    clientErrorHandler,
    frameworkErrors,
    trustProxy: true,
    genReqId: requestIdOf,
    // routes match as they did on Express: any letter case, with or without a trailing slash
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
  });
  const fastify = adapter.getInstance();
  // First, so that even a body the parsers refuse is answered with the request id.
  registerRequestId(fastify);
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES }, (_request, _body, done) => done(null, undefined));
  const app = await NestFactory.create<NestFastifyApplication>(await rootModule(config, dataSource), adapter, { logger: new JsonLogger() });
  registerApiKeyPrecheck(fastify, app.get(AuthService));
  registerEdgeChecks(fastify);
  const parseJson = jsonBodyParser(fastify);
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT_BYTES }, (request, body, done) => parseJson(request as Parameters<typeof parseJson>[0], body as Buffer, done));
  app.useGlobalInterceptors(new TextInputInterceptor(app.get(Reflector)));
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
  await registerConsole(fastify);
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
