import type { Params } from 'nestjs-pino';
import pino, { type DestinationStream, type LevelWithSilent, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';
import { currentRequestId } from './request-context';
import { maskPhone, redactor } from './redact';

/**
 * Logging (pino through nestjs-pino): JSON lines when the output is not a terminal, human lines
 * (pino-pretty) on one. Whatever the shape, a line is redacted before it is written: known secret
 * fields by path, phone fields masked by their serializers, and the whole line passed through the
 * redactor (registered secret values, Bearer/Basic credentials, access_token, any phone number),
 * so nothing depends on a caller naming its fields well. Lines written while a request is handled
 * carry its id (`requestId`, from the request-id hook's context).
 */
export interface LogSettings {
  level: LevelWithSilent;
  /** human lines (pino-pretty) rather than JSON: the output is a terminal */
  pretty: boolean;
  /** every line carries `sandbox: true` */
  sandbox: boolean;
  /** 1: stdout (the service); 2: stderr (the command line, whose stdout is its own output) */
  fd: 1 | 2;
}

/** Fields whose value is a credential wherever they appear (one level deep, or at the top). */
const SECRET_FIELDS = ['authorization', 'apiKey', 'authToken', 'accessToken', 'refreshToken', 'clientSecret', 'password', 'token'];
export const REDACT_PATHS = [
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

export function pinoOptions(settings: LogSettings): LoggerOptions {
  return {
    level: settings.level,
    base: settings.sandbox ? { sandbox: true } : {},
    timestamp: pino.stdTimeFunctions.isoTime,
    // JSON says "info", not 30; pino-pretty reads the numbers
    formatters: settings.pretty ? {} : { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    serializers: Object.fromEntries(PHONE_FIELDS.map((field) => [field, maskPhoneField])),
    mixin: (fields: object) => {
      if ('requestId' in fields) return {};
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
    hooks: {
      logMethod(args, method, level) {
        if (level === INFO && isFrameworkChatter(args[0])) return this.debug(...(args as [object, string]));
        return method.apply(this, args);
      },
      streamWrite: (line) => redactor.redact(line),
    },
  };
}

/** Where the lines go: JSON to the file descriptor, or through pino-pretty on a terminal. Synchronous, so they keep their order with what the command line prints itself. */
export function logDestination(settings: LogSettings): DestinationStream {
  if (!settings.pretty) return pino.destination({ dest: settings.fd, sync: true });
  return pretty({
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
export function loggerParams(settings: LogSettings): Params {
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
export function humanLine(log: Record<string, unknown>, messageKey = 'msg'): string {
  const { [messageKey]: message, context, err } = log;
  const fields = Object.fromEntries(Object.entries(log).filter(([key]) => key !== messageKey && !NOT_FIELDS.has(key)));
  if (context === 'HTTP' && 'status' in fields) {
    return `${String(fields.method)} ${String(fields.path)} ${String(fields.status)} ${String(fields.ms)} ms  ${String(fields.requestId ?? '')}`.trimEnd();
  }
  const parts = [context ? `[${String(context)}]` : '', message === undefined ? '' : String(message)];
  for (const [key, value] of Object.entries(fields)) parts.push(`${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const line = parts.filter(Boolean).join(' ');
  const stack = err && typeof err === 'object' && 'stack' in err ? String((err as { stack: unknown }).stack) : '';
  return stack ? `${line}\n${stack}` : line;
}

const NOT_FIELDS = new Set(['context', 'err', 'level', 'time', 'pid', 'hostname', 'sandbox']);

function isFrameworkChatter(first: unknown): boolean {
  return typeof first === 'object' && first !== null && FRAMEWORK_CONTEXTS.has((first as { context?: string }).context ?? '');
}

function maskPhoneField(value: unknown): unknown {
  return typeof value === 'string' && /^\+?[\d\s().-]{7,}$/.test(value) ? maskPhone(value) : value;
}
