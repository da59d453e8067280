"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BODY_LIMIT_BYTES = void 0;
exports.createApp = createApp;
exports.createAppContext = createAppContext;
const common_1 = require("@nestjs/common");
const nestjs_pino_1 = require("nestjs-pino");
const core_1 = require("@nestjs/core");
const platform_fastify_1 = require("@nestjs/platform-fastify");
const swagger_1 = require("@nestjs/swagger");
const app_module_1 = require("./app.module");
const api_key_hook_1 = require("./auth/api-key.hook");
const auth_service_1 = require("./auth/auth.service");
const app_config_1 = require("./config/app-config");
const all_exceptions_filter_1 = require("./common/all-exceptions.filter");
const logger_1 = require("./common/logger");
const redact_1 = require("./common/redact");
const request_id_hook_1 = require("./common/request-id.hook");
const data_source_1 = require("./database/data-source");
const http_edge_1 = require("./http/http-edge");
const text_input_interceptor_1 = require("./http/text-input.interceptor");
var http_edge_2 = require("./http/http-edge");
Object.defineProperty(exports, "BODY_LIMIT_BYTES", { enumerable: true, get: function () { return http_edge_2.BODY_LIMIT_BYTES; } });
async function createApp(config, dataSource, options = {}) {
    const adapter = new platform_fastify_1.FastifyAdapter({
        bodyLimit: http_edge_1.BODY_LIMIT_BYTES,
        ...(0, http_edge_1.timeoutOptions)(config.http),
        clientErrorHandler: http_edge_1.clientErrorHandler,
        frameworkErrors: http_edge_1.frameworkErrors,
        trustProxy: true,
        genReqId: request_id_hook_1.requestIdOf,
        // routes match as they did on Express: any letter case, with or without a trailing slash
        routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
    });
    const fastify = adapter.getInstance();
    // First, so that even a body the parsers refuse is answered with the request id.
    (0, request_id_hook_1.registerRequestId)(fastify);
    fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: http_edge_1.BODY_LIMIT_BYTES }, (_request, _body, done) => done(null, undefined));
    if (options.holdLogs)
        flushHeldLogsAtExit();
    const app = await core_1.NestFactory.create(await rootModule(config, serviceLogs(config), dataSource), adapter, {
        bufferLogs: true,
        autoFlushLogs: !options.holdLogs,
    });
    app.useLogger(app.get(nestjs_pino_1.Logger));
    (0, api_key_hook_1.registerApiKeyPrecheck)(fastify, app.get(auth_service_1.AuthService));
    (0, http_edge_1.registerEdgeChecks)(fastify);
    const parseJson = (0, http_edge_1.jsonBodyParser)(fastify);
    app.useBodyParser('application/json', { bodyLimit: http_edge_1.BODY_LIMIT_BYTES }, (request, body, done) => parseJson(request, body, done));
    app.useGlobalInterceptors(new text_input_interceptor_1.TextInputInterceptor(app.get(core_1.Reflector)));
    app.useGlobalPipes(new common_1.ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
    app.useGlobalFilters(new all_exceptions_filter_1.AllExceptionsFilter());
    const document = swagger_1.SwaggerModule.createDocument(app, new swagger_1.DocumentBuilder()
        .setTitle('sms-crm-sync')
        .setDescription('Compliant SMS from Salesforce records; every message logged to the CRM exactly once.')
        .setVersion('0.1.0')
        .addBearerAuth()
        .build());
    swagger_1.SwaggerModule.setup('docs', app, document);
    return app;
}
/**
 * The same modules without HTTP, for the command line (`sync`, `mapping validate`): same settings,
 * same database, same services. The caller decides about schedules through `config.schedules`.
 * Its log lines go to stderr (stdout is the command's own output), warnings and errors only
 * unless LOG_LEVEL asks for more; a `logger` given replaces them (the benchmarks).
 */
async function createAppContext(config, logger) {
    const logs = { level: config.logLevel ?? 'warn', pretty: Boolean(process.stderr.isTTY), sandbox: config.mode === 'sandbox', fd: 2 };
    const context = await core_1.NestFactory.createApplicationContext(await rootModule(config, logs), logger ? { logger } : { bufferLogs: true });
    if (!logger)
        context.useLogger(context.get(nestjs_pino_1.Logger));
    context.enableShutdownHooks();
    return context;
}
/** The service logs to stdout: JSON lines, or human lines on a terminal; `info` unless LOG_LEVEL says otherwise. */
function serviceLogs(config) {
    return { level: config.logLevel ?? 'info', pretty: Boolean(process.stdout.isTTY), sandbox: config.mode === 'sandbox', fd: 1 };
}
async function rootModule(config, logs, dataSource) {
    redact_1.redactor.addSecrets((0, app_config_1.secretsOf)(config));
    const db = dataSource ?? (await (0, data_source_1.openDatabase)(config.database));
    return app_module_1.AppModule.forRoot(config, db, (0, logger_1.loggerParams)(logs));
}
let heldLogsFlushedAtExit = false;
/** Nest writes an initialisation error and exits: lines held for the sandbox banner must not be lost with it. */
function flushHeldLogsAtExit() {
    if (heldLogsFlushedAtExit)
        return;
    heldLogsFlushedAtExit = true;
    process.once('exit', () => common_1.Logger.flush());
}
//# sourceMappingURL=create-app.js.map