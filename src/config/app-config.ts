import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { parseQuietHoursWindow, type QuietHoursWindow } from './quiet-hours-window';

/** The service's settings (CONTRACT §1), validated once at boot into this typed object. */
export interface AppConfig {
  mode: 'sandbox' | 'live';
  port: number;
  publicBaseUrl: string;
  database: DatabaseConfig;
  adminApiKey: string | null;
  salesforce: SalesforceConfig;
  twilio: TwilioConfig;
  crmMappingFile: string;
  smsMaxSegments: number;
  /** the sending window (QUIET_HOURS) as given, e.g. `08:00-21:00`; null when off */
  quietHours: QuietHoursSetting | null;
  optOutConfirmation: 'service' | 'provider';
  /** what the service texts back to HELP/INFO and around opt-out (CONTRACT §2 Webhooks) */
  keywordReplies: KeywordRepliesConfig;
  schedules: {
    mirror: string | null;
    fullResync: string | null;
    activityFlush: string | null;
    reconcile: string | null;
    /** the sweep that sends keyword replies left queued (messaging/replies/) */
    replySweep: string | null;
    /** `delivery-reconcile`: asks the provider about sends of unknown outcome or status (messaging/delivery/) */
    deliveryReconcile: string | null;
  };
  deliveryReconcile: DeliveryReconcileConfig;
  /** share (0–1] of the daily Salesforce API allocation above which non-urgent syncs pause */
  apiBudgetShare: number;
  /** how far back the reconcile job compares local messages with Salesforce Tasks */
  reconcileWindowDays: number;
  /**
   * MIRROR_OVERLAP_SECONDS: each incremental poll re-reads this many seconds before its watermark,
   * so a save stamped in the second of the last record read, or committed late with an earlier
   * stamp, is read by the next poll. Every record read is applied at once.
   */
  mirrorOverlapSeconds: number;
  /**
   * LOG_LEVEL as given; null when not set: the service then logs at `info`, the command line
   * (whose stdout is its own output) at `warn`.
   */
  logLevel: LogLevel | null;
  /** how long the HTTP server waits for slow or idle clients (create-app.ts) */
  http: HttpTimeouts;
  /**
   * INSTANCE_NAME: this instance among those sharing the database (default hostname-pid). A job
   * run records it as its holder: an instance restarted under the same name closes its own runs
   * left `running` at once (jobs/job-runner.service.ts). Give each instance a stable, distinct name.
   */
  instanceName: string;
  /**
   * OUTBOX_CLAIM_SECONDS: how long a batch of outbox entries an activity flush claimed stays its
   * own without renewal (renewed every third of it while the batch is in flight). Entries of an
   * instance that died are taken by the others after this long.
   */
  outboxClaimSeconds: number;
  /**
   * SHUTDOWN_DELAY_SECONDS: after SIGTERM, how long the instance keeps answering requests while
   * /health/ready says "draining", so the load balancer notices and stops routing here before the
   * HTTP server closes. Default 5 s live (two failed checks at a 2 s interval), 0 in sandbox mode.
   */
  shutdownDelaySeconds: number;
}

/**
 * HTTP_REQUEST_TIMEOUT_SECONDS: a request whose headers and body have not all arrived this long
 * after its first byte is answered 408 and its connection closed (a slow body is cut).
 * HTTP_IDLE_TIMEOUT_SECONDS: a kept-alive connection with no request, or one on which nothing
 * moves, is closed after this long.
 */
export interface HttpTimeouts {
  requestTimeoutSeconds: number;
  idleTimeoutSeconds: number;
}

/**
 * When `delivery-reconcile` asks the provider (messaging/delivery/):
 * - DELIVERY_UNKNOWN_AFTER_SECONDS: a send with no provider sid this long after its attempt has an
 *   unknown outcome; the provider is asked whether it holds the message.
 * - DELIVERY_NOT_SENT_AFTER_SECONDS: the provider holding none this long after the attempt means it
 *   never took it (a rep's send is then failed, a keyword reply sent once).
 * - DELIVERY_STALE_AFTER_SECONDS: a message the provider took whose status is still not final this
 *   long after is fetched (then again at doubling intervals, for three days).
 */
export interface DeliveryReconcileConfig {
  unknownAfterSeconds: number;
  notSentAfterSeconds: number;
  staleAfterSeconds: number;
}

export const LOG_LEVELS = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Connections the PostgreSQL pool opens at most (DATABASE_POOL_SIZE); SQLite has one connection. */
export const DEFAULT_DATABASE_POOL_SIZE = 10;

export type DatabaseConfig = { type: 'sqlite'; path: string } | { type: 'postgres'; url: string; poolSize?: number };

export interface SalesforceConfig {
  /** '' with client credentials and no SALESFORCE_INSTANCE_URL: the token answer's instance_url is used */
  instanceUrl: string;
  accessToken: string | null;
  loginUrl: string | null;
  clientId: string | null;
  clientSecret: string | null;
  apiVersion: string;
}

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  apiBaseUrl: string;
  messagingServiceSid: string | null;
}

/** SMS_PROGRAM_NAME opens every keyword reply; SMS_HELP_TEXT replaces the default HELP answer. */
export interface KeywordRepliesConfig {
  programName: string;
  helpText: string | null;
}

/** Minutes after local midnight, [start, end) (config/quiet-hours-window.ts), with the text it was read from. */
export type QuietHoursSetting = QuietHoursWindow & { label: string };

/** A setting that is missing or malformed: the message names the variable and the problem. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const SALESFORCE_VARS = [
  'SALESFORCE_INSTANCE_URL',
  'SALESFORCE_ACCESS_TOKEN',
  'SALESFORCE_LOGIN_URL',
  'SALESFORCE_CLIENT_ID',
  'SALESFORCE_CLIENT_SECRET',
] as const;
const TWILIO_VARS = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'] as const;

/** Sandbox mode: no Salesforce and no Twilio settings at all. One side set alone refuses to boot. */
export function detectMode(env: Env): 'sandbox' | 'live' {
  const sfSet = SALESFORCE_VARS.filter((name) => present(env[name]));
  const twSet = TWILIO_VARS.filter((name) => present(env[name]));
  if (sfSet.length === 0 && twSet.length === 0) return 'sandbox';
  if (sfSet.length === 0) {
    throw new ConfigError('SALESFORCE_INSTANCE_URL', `is required when Twilio is configured (${twSet.join(', ')} set)`);
  }
  if (twSet.length === 0) {
    throw new ConfigError('TWILIO_ACCOUNT_SID', `is required when Salesforce is configured (${sfSet.join(', ')} set)`);
  }
  return 'live';
}

/** Reads `.env` (when present) under the real environment: real variables win. */
export function readDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

export function loadConfig(env: Env, mode: 'sandbox' | 'live' = detectMode(env)): AppConfig {
  const port = integer(env, 'PORT', 3000, 1, 65535);
  const publicBaseUrl = stripSlash(url(env, 'PUBLIC_BASE_URL', `http://localhost:${port}`));
  return {
    mode,
    port,
    publicBaseUrl,
    database: database(env),
    adminApiKey: adminApiKey(env),
    salesforce: salesforce(env),
    twilio: twilio(env),
    crmMappingFile: text(env, 'CRM_MAPPING_FILE', 'config/crm-mapping.yaml'),
    smsMaxSegments: integer(env, 'SMS_MAX_SEGMENTS', 1, 1, 10),
    quietHours: quietHours(env),
    optOutConfirmation: oneOf(env, 'OPT_OUT_CONFIRMATION', ['service', 'provider'] as const, 'service'),
    keywordReplies: keywordReplies(env),
    schedules: {
      mirror: cron(env, 'MIRROR_CRON', '0 * * * * *'),
      // the safety net that also finds deletions the incremental mirror cannot see (purged records)
      fullResync: cron(env, 'FULL_RESYNC_CRON', '0 30 3 * * *'),
      activityFlush: cron(env, 'ACTIVITY_FLUSH_CRON', '*/10 * * * * *'),
      reconcile: cron(env, 'RECONCILE_CRON', '0 0 * * * *'),
      replySweep: cron(env, 'REPLY_SWEEP_CRON', '*/15 * * * * *'),
      deliveryReconcile: cron(env, 'DELIVERY_RECONCILE_CRON', '0 */5 * * * *'),
    },
    deliveryReconcile: deliveryReconcile(env),
    apiBudgetShare: share(env, 'SALESFORCE_API_BUDGET_SHARE', 0.9),
    reconcileWindowDays: integer(env, 'RECONCILE_WINDOW_DAYS', 7, 1, 365),
    mirrorOverlapSeconds: mirrorOverlap(env),
    logLevel: optional(env, 'LOG_LEVEL') === null ? null : oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    http: {
      requestTimeoutSeconds: integer(env, 'HTTP_REQUEST_TIMEOUT_SECONDS', 30, 1, 600),
      idleTimeoutSeconds: integer(env, 'HTTP_IDLE_TIMEOUT_SECONDS', 65, 1, 3600),
    },
    instanceName: instanceName(env),
    outboxClaimSeconds: integer(env, 'OUTBOX_CLAIM_SECONDS', 60, 3, 3600),
    shutdownDelaySeconds: integer(env, 'SHUTDOWN_DELAY_SECONDS', mode === 'live' ? 5 : 0, 0, 120),
  };
}

/** Letters, digits and `. _ : -`, at most 64: it goes into sync_runs.holder and the logs. */
export const INSTANCE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

function instanceName(env: Env): string {
  const raw = optional(env, 'INSTANCE_NAME');
  if (raw === null) return defaultInstanceName();
  if (!INSTANCE_NAME_PATTERN.test(raw)) {
    throw new ConfigError('INSTANCE_NAME', `must be 1 to 64 letters, digits, '.', '_', ':' or '-' (starting with a letter or digit), got "${raw}"`);
  }
  return raw;
}

/** hostname-pid, the host name cut to what the pattern allows. */
export function defaultInstanceName(pid: number = process.pid): string {
  const host = hostname().replace(/[^A-Za-z0-9._:-]/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'instance';
  const suffix = `-${pid}`;
  return host.slice(0, 64 - suffix.length) + suffix;
}

/** 300 s covers saves that commit minutes after they were stamped (long triggers, bulk jobs). */
function mirrorOverlap(env: Env): number {
  if (present(env.MIRROR_SAFETY_LAG_SECONDS)) {
    throw new ConfigError('MIRROR_SAFETY_LAG_SECONDS', 'is retired: the mirror now re-reads an overlap (MIRROR_OVERLAP_SECONDS, default 300) and applies every record at once; remove the setting');
  }
  return integer(env, 'MIRROR_OVERLAP_SECONDS', 300, 0, 86_400);
}

function deliveryReconcile(env: Env): DeliveryReconcileConfig {
  const unknownAfterSeconds = integer(env, 'DELIVERY_UNKNOWN_AFTER_SECONDS', 60, 1, 3600);
  const notSentAfterSeconds = integer(env, 'DELIVERY_NOT_SENT_AFTER_SECONDS', 300, 1, 86_400);
  if (notSentAfterSeconds < unknownAfterSeconds) {
    throw new ConfigError('DELIVERY_NOT_SENT_AFTER_SECONDS', `must be at least DELIVERY_UNKNOWN_AFTER_SECONDS (${unknownAfterSeconds}), got ${notSentAfterSeconds}`);
  }
  return { unknownAfterSeconds, notSentAfterSeconds, staleAfterSeconds: integer(env, 'DELIVERY_STALE_AFTER_SECONDS', 600, 1, 86_400) };
}

function database(env: Env): DatabaseConfig {
  const raw = text(env, 'DATABASE_URL', 'sqlite:data/sms-crm-sync.db');
  // read whatever the database, so a typo is found before the move to PostgreSQL
  const poolSize = integer(env, 'DATABASE_POOL_SIZE', DEFAULT_DATABASE_POOL_SIZE, 1, 1000);
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length);
    if (!path) throw new ConfigError('DATABASE_URL', 'sqlite: needs a path or :memory:');
    return { type: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      new URL(raw);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
    }
    return { type: 'postgres', url: raw, poolSize };
  }
  throw new ConfigError('DATABASE_URL', 'must be sqlite:PATH, sqlite::memory: or postgres://user:pass@host:port/db');
}

function adminApiKey(env: Env): string | null {
  const key = env.ADMIN_API_KEY?.trim();
  if (!key) return null;
  if (key.length < 16) throw new ConfigError('ADMIN_API_KEY', 'must be at least 16 characters');
  return key;
}

function salesforce(env: Env): SalesforceConfig {
  const apiVersion = text(env, 'SALESFORCE_API_VERSION', '62.0');
  if (!/^\d{2,3}\.0$/.test(apiVersion)) {
    throw new ConfigError('SALESFORCE_API_VERSION', `must look like 62.0, got "${apiVersion}"`);
  }
  const instanceUrl = present(env.SALESFORCE_INSTANCE_URL) ? stripSlash(url(env, 'SALESFORCE_INSTANCE_URL', '')) : '';
  const accessToken = optional(env, 'SALESFORCE_ACCESS_TOKEN');
  const loginUrl = present(env.SALESFORCE_LOGIN_URL) ? stripSlash(url(env, 'SALESFORCE_LOGIN_URL', '')) : null;
  const clientId = optional(env, 'SALESFORCE_CLIENT_ID');
  const clientSecret = optional(env, 'SALESFORCE_CLIENT_SECRET');
  const anySet = instanceUrl || accessToken || loginUrl || clientId || clientSecret;
  if (anySet) {
    const oauthParts = [loginUrl, clientId, clientSecret].filter(Boolean).length;
    // with client credentials the token answer names the instance (instance_url)
    if (!instanceUrl && (accessToken || oauthParts < 3)) {
      throw new ConfigError('SALESFORCE_INSTANCE_URL', 'is required (optional only with SALESFORCE_LOGIN_URL, SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET)');
    }
    if (!accessToken && oauthParts === 0) {
      throw new ConfigError(
        'SALESFORCE_ACCESS_TOKEN',
        'is required (or SALESFORCE_LOGIN_URL, SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET)',
      );
    }
    if (oauthParts > 0 && oauthParts < 3) {
      const missing = !loginUrl ? 'SALESFORCE_LOGIN_URL' : !clientId ? 'SALESFORCE_CLIENT_ID' : 'SALESFORCE_CLIENT_SECRET';
      throw new ConfigError(missing, 'is required for the OAuth client-credentials flow');
    }
  }
  return { instanceUrl, accessToken, loginUrl, clientId, clientSecret, apiVersion };
}

function twilio(env: Env): TwilioConfig {
  const accountSid = optional(env, 'TWILIO_ACCOUNT_SID') ?? '';
  const authToken = optional(env, 'TWILIO_AUTH_TOKEN') ?? '';
  if (accountSid || authToken) {
    if (!/^AC[0-9a-fA-F]{32}$/.test(accountSid)) {
      throw new ConfigError('TWILIO_ACCOUNT_SID', 'must be AC followed by 32 hex characters');
    }
    if (!authToken) throw new ConfigError('TWILIO_AUTH_TOKEN', 'is required');
  }
  const messagingServiceSid = optional(env, 'TWILIO_MESSAGING_SERVICE_SID');
  if (messagingServiceSid && !/^MG[0-9a-fA-F]{32}$/.test(messagingServiceSid)) {
    throw new ConfigError('TWILIO_MESSAGING_SERVICE_SID', 'must be MG followed by 32 hex characters');
  }
  return {
    accountSid,
    authToken,
    apiBaseUrl: stripSlash(url(env, 'TWILIO_API_BASE_URL', 'https://api.twilio.com')),
    messagingServiceSid,
  };
}

function keywordReplies(env: Env): KeywordRepliesConfig {
  const programName = text(env, 'SMS_PROGRAM_NAME', 'Sales SMS');
  if (programName.length > 40) throw new ConfigError('SMS_PROGRAM_NAME', `must be at most 40 characters, got ${programName.length}`);
  const helpText = optional(env, 'SMS_HELP_TEXT');
  // Carriers require the HELP answer to name the program and say how to opt out.
  if (helpText && !/\bSTOP\b/.test(helpText)) throw new ConfigError('SMS_HELP_TEXT', 'must tell the recipient to reply STOP to opt out');
  return { programName, helpText };
}

function quietHours(env: Env): QuietHoursSetting | null {
  const raw = text(env, 'QUIET_HOURS', '08:00-21:00');
  let window: QuietHoursWindow | null;
  try {
    window = parseQuietHoursWindow(raw);
  } catch {
    throw new ConfigError('QUIET_HOURS', `must be HH:MM-HH:MM or off, got "${raw}"`);
  }
  if (!window) return null;
  // an empty window would refuse every send: QUIET_HOURS=off is the way to lift the rule
  if (window.start === window.end) throw new ConfigError('QUIET_HOURS', 'start and end must differ');
  return { ...window, label: raw };
}

const CRON_FIELD = /^[\d*/,\-?LW#A-Za-z]+$/;

function cron(env: Env, name: string, fallback: string): string | null {
  const raw = text(env, name, fallback);
  if (raw.toLowerCase() === 'off') return null;
  const fields = raw.split(/\s+/);
  if ((fields.length !== 5 && fields.length !== 6) || !fields.every((f) => CRON_FIELD.test(f))) {
    throw new ConfigError(name, `must be a cron expression (5 or 6 fields) or off, got "${raw}"`);
  }
  return raw;
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

function optional(env: Env, name: string): string | null {
  return present(env[name]) ? env[name]!.trim() : null;
}

function text(env: Env, name: string, fallback: string): string {
  return optional(env, name) ?? fallback;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = optional(env, name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** A share of a whole: `0.9` or `90%`, in (0, 1]. */
function share(env: Env, name: string, fallback: number): number {
  const raw = optional(env, name);
  if (raw === null) return fallback;
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(raw);
  const value = match ? Number(match[1]) / (match[2] ? 100 : 1) : NaN;
  if (!(value > 0 && value <= 1)) throw new ConfigError(name, `must be a share like 0.9 or 90%, got "${raw}"`);
  return value;
}


function url(env: Env, name: string, fallback: string): string {
  const raw = text(env, name, fallback);
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
  }
  return raw;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name, fallback).toLowerCase();
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function stripSlash(value: string): string {
  return value.replace(/\/+$/, '');
}

/** Values that must never reach a log line. */
export function secretsOf(config: AppConfig): string[] {
  return [
    config.adminApiKey,
    config.salesforce.accessToken,
    config.salesforce.clientSecret,
    config.twilio.authToken,
  ].filter((s): s is string => !!s && s.length >= 6);
}
