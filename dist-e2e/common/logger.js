"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.REDACT_PATHS = void 0;
exports.pinoOptions = pinoOptions;
exports.logDestination = logDestination;
exports.loggerParams = loggerParams;
exports.humanLine = humanLine;
const pino_1 = __importDefault(require("pino"));
const pino_pretty_1 = __importDefault(require("pino-pretty"));
const request_context_1 = require("./request-context");
const redact_1 = require("./redact");
/** Fields whose value is a credential wherever they appear (one level deep, or at the top). */
const SECRET_FIELDS = ['authorization', 'apiKey', 'authToken', 'accessToken', 'refreshToken', 'clientSecret', 'password', 'token'];
exports.REDACT_PATHS = [
    ...SECRET_FIELDS,
    ...SECRET_FIELDS.map((field) => `*.${field}`),
    'req.headers.cookie',
    'headers.cookie',
    'headers["x-twilio-signature"]',
];
/** Fields that hold one phone number: masked to the last four digits before the line is built. */
const PHONE_FIELDS = ['to', 'from', 'phone', 'phoneNumber'];
/**
 * Nest's own boot chatter (module wiring, one line per mapped route): debug, not info. Their
 * warnings and errors keep their level.
 */
const FRAMEWORK_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication', 'NestApplicationContext']);
const INFO = 30;
function pinoOptions(settings) {
    return {
        level: settings.level,
        base: settings.sandbox ? { sandbox: true } : {},
        timestamp: pino_1.default.stdTimeFunctions.isoTime,
        // JSON says "info", not 30; pino-pretty reads the numbers
        formatters: settings.pretty ? {} : { level: (label) => ({ level: label }) },
        redact: { paths: exports.REDACT_PATHS, censor: '[REDACTED]' },
        serializers: Object.fromEntries(PHONE_FIELDS.map((field) => [field, maskPhoneField])),
        mixin: (fields) => {
            if ('requestId' in fields)
                return {};
            const requestId = (0, request_context_1.currentRequestId)();
            return requestId ? { requestId } : {};
        },
        hooks: {
            logMethod(args, method, level) {
                if (level === INFO && isFrameworkChatter(args[0]))
                    return this.debug(...args);
                return method.apply(this, args);
            },
            streamWrite: (line) => redact_1.redactor.redact(line),
        },
    };
}
/** Where the lines go: JSON to the file descriptor, or through pino-pretty on a terminal. Synchronous, so they keep their order with what the command line prints itself. */
function logDestination(settings) {
    if (!settings.pretty)
        return pino_1.default.destination({ dest: settings.fd, sync: true });
    return (0, pino_pretty_1.default)({
        destination: settings.fd,
        sync: true,
        colorize: true,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname,sandbox',
        hideObject: true,
        messageFormat: (log, messageKey) => humanLine(log, messageKey),
    });
}
/** The LoggerModule parameters: one pino logger, no pino-http middleware (see request-id.hook.ts). */
function loggerParams(settings) {
    return {
        pinoHttp: [pinoOptions(settings), logDestination(settings)],
        // The access line and the request id come from the request-id hook: a Nest middleware runs in
        // Fastify's onRequest, and its async context is lost once a body has been read from the socket.
        forRoutes: [],
    };
}
/**
 * One readable line: `[context] message key=value …`; an access line reads
 * `GET /api/me 200 3.2 ms <request id>`; an error's stack follows on its own lines.
 */
function humanLine(log, messageKey = 'msg') {
    const { [messageKey]: message, context, err } = log;
    const fields = Object.fromEntries(Object.entries(log).filter(([key]) => key !== messageKey && !NOT_FIELDS.has(key)));
    if (context === 'HTTP' && 'status' in fields) {
        return `${String(fields.method)} ${String(fields.path)} ${String(fields.status)} ${String(fields.ms)} ms  ${String(fields.requestId ?? '')}`.trimEnd();
    }
    const parts = [context ? `[${String(context)}]` : '', message === undefined ? '' : String(message)];
    for (const [key, value] of Object.entries(fields))
        parts.push(`${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
    const line = parts.filter(Boolean).join(' ');
    const stack = err && typeof err === 'object' && 'stack' in err ? String(err.stack) : '';
    return stack ? `${line}\n${stack}` : line;
}
const NOT_FIELDS = new Set(['context', 'err', 'level', 'time', 'pid', 'hostname', 'sandbox']);
function isFrameworkChatter(first) {
    return typeof first === 'object' && first !== null && FRAMEWORK_CONTEXTS.has(first.context ?? '');
}
function maskPhoneField(value) {
    return typeof value === 'string' && /^\+?[\d\s().-]{7,}$/.test(value) ? (0, redact_1.maskPhone)(value) : value;
}
//# sourceMappingURL=logger.js.map