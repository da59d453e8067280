import { INestApplication, INestApplicationContext, Logger as NestLogger, LoggerService, ValidationPipe } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { registerApiKeyPrecheck } from './auth/api-key.hook';
import { AuthService } from './auth/auth.service';
import type { AppConfig } from './config/app-config';
import { secretsOf } from './config/app-config';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { type LogSettings, loggerParams } from './common/logger';
import { registerConsole } from './console/console-static';
import { redactor } from './common/redact';
import { registerRequestId, requestIdOf } from './common/request-id.hook';
import { openDatabase } from './database/data-source';
import { BODY_LIMIT_BYTES, clientErrorHandler, frameworkErrors, jsonBodyParser, registerEdgeChecks, timeoutOptions } from './http/http-edge';
import { TextInputPipe } from './http/text-input.pipe';
import { registerShutdownGate } from './http/shutdown-gate';
import { ShutdownSignal } from './common/shutdown-signal';
import { registerLiveGauge } from './health/metrics';
import { NotificationRelay } from './notifications/notification-relay.service';

export { BODY_LIMIT_BYTES } from './http/http-edge';

export interface CreateAppOptions {
  /**
   * Keep the log lines until the caller calls `app.flushLogs()` (the sandbox prints its banner
   * first); lines still held when the process exits are written then.
   */
  holdLogs?: boolean;
}

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
export async function createApp(config: AppConfig, dataSource?: DataSource, options: CreateAppOptions = {}): Promise<INestApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    ...timeoutOptions(config.http),
    clientErrorHandler,
    frameworkErrors,
    trustProxy: true,
    // answered in the contract's shape instead (http/shutdown-gate.ts)
    return503OnClosing: false,
    genReqId: requestIdOf,
    // routes match as they did on Express: any letter case, with or without a trailing slash
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
  });
  const fastify = adapter.getInstance();
  // First, so that even a body the parsers refuse is answered with the request id.
  registerRequestId(fastify);
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES }, (_request, _body, done) => done(null, undefined));
  if (options.holdLogs) flushHeldLogsAtExit();
  const app = await NestFactory.create<NestFastifyApplication>(await rootModule(config, serviceLogs(config), dataSource), adapter, {
    bufferLogs: true,
    autoFlushLogs: !options.holdLogs,
  });
  app.useLogger(app.get(Logger));
  registerShutdownGate(fastify, app.get(ShutdownSignal));
  registerApiKeyPrecheck(fastify, app.get(AuthService));
  registerEdgeChecks(fastify);
  const parseJson = jsonBodyParser(fastify);
  app.useBodyParser('application/json', { bodyLimit: BODY_LIMIT_BYTES }, (request, body, done) => parseJson(request as Parameters<typeof parseJson>[0], body as Buffer, done));
  app.useGlobalPipes(new TextInputPipe(), new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
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
  registerNotificationGauges(app.get(NotificationRelay));
  return app;
}

function registerNotificationGauges(relay: NotificationRelay): void {
  registerLiveGauge('sms_notification_listener_up', '1 while this instance hears the notifications other instances commit (PostgreSQL LISTEN); 0 while it reconnects', () => (relay.listening ? 1 : 0));
  registerLiveGauge('sms_notification_streams_open', 'Notification streams (SSE) open on this instance', () => relay.streamsOpen);
}

/**
 * The same modules without HTTP, for the command line (`sync`, `mapping validate`): same settings,
 * same database, same services. The caller decides about schedules through `config.schedules`.
 * Its log lines go to stderr (stdout is the command's own output), warnings and errors only
 * unless LOG_LEVEL asks for more; a `logger` given replaces them (the benchmarks).
 */
export async function createAppContext(config: AppConfig, logger?: LoggerService): Promise<INestApplicationContext> {
  const logs: LogSettings = { level: config.logLevel ?? 'warn', pretty: Boolean(process.stderr.isTTY), sandbox: config.mode === 'sandbox', fd: 2 };
  const context = await NestFactory.createApplicationContext(await rootModule(config, logs), logger ? { logger } : { bufferLogs: true });
  if (!logger) context.useLogger(context.get(Logger));
  context.enableShutdownHooks();
  return context;
}

/** The service logs to stdout: JSON lines, or human lines on a terminal; `info` unless LOG_LEVEL says otherwise. */
function serviceLogs(config: AppConfig): LogSettings {
  return { level: config.logLevel ?? 'info', pretty: Boolean(process.stdout.isTTY), sandbox: config.mode === 'sandbox', fd: 1 };
}

async function rootModule(config: AppConfig, logs: LogSettings, dataSource?: DataSource) {
  redactor.addSecrets(secretsOf(config));
  const db = dataSource ?? (await openDatabase(config.database));
  return AppModule.forRoot(config, db, loggerParams(logs));
}

let heldLogsFlushedAtExit = false;

/** Nest writes an initialisation error and exits: lines held for the sandbox banner must not be lost with it. */
function flushHeldLogsAtExit(): void {
  if (heldLogsFlushedAtExit) return;
  heldLogsFlushedAtExit = true;
  process.once('exit', () => NestLogger.flush());
}
