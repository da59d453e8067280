"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConfigError = exports.DEFAULT_DATABASE_POOL_SIZE = exports.LOG_LEVELS = void 0;
exports.detectMode = detectMode;
exports.readDotEnv = readDotEnv;
exports.loadConfig = loadConfig;
exports.secretsOf = secretsOf;
const node_fs_1 = require("node:fs");
const quiet_hours_window_1 = require("./quiet-hours-window");
exports.LOG_LEVELS = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'];
/** Connections the PostgreSQL pool opens at most (DATABASE_POOL_SIZE); SQLite has one connection. */
exports.DEFAULT_DATABASE_POOL_SIZE = 10;
/** A setting that is missing or malformed: the message names the variable and the problem. */
class ConfigError extends Error {
    variable;
    constructor(variable, problem) {
        super(`${variable}: ${problem}`);
        this.variable = variable;
        this.name = 'ConfigError';
    }
}
exports.ConfigError = ConfigError;
const SALESFORCE_VARS = [
    'SALESFORCE_INSTANCE_URL',
    'SALESFORCE_ACCESS_TOKEN',
    'SALESFORCE_LOGIN_URL',
    'SALESFORCE_CLIENT_ID',
    'SALESFORCE_CLIENT_SECRET',
];
const TWILIO_VARS = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'];
/** Sandbox mode: no Salesforce and no Twilio settings at all. One side set alone refuses to boot. */
function detectMode(env) {
    const sfSet = SALESFORCE_VARS.filter((name) => present(env[name]));
    const twSet = TWILIO_VARS.filter((name) => present(env[name]));
    if (sfSet.length === 0 && twSet.length === 0)
        return 'sandbox';
    if (sfSet.length === 0) {
        throw new ConfigError('SALESFORCE_INSTANCE_URL', `is required when Twilio is configured (${twSet.join(', ')} set)`);
    }
    if (twSet.length === 0) {
        throw new ConfigError('TWILIO_ACCOUNT_SID', `is required when Salesforce is configured (${sfSet.join(', ')} set)`);
    }
    return 'live';
}
/** Reads `.env` (when present) under the real environment: real variables win. */
function readDotEnv(path = '.env') {
    if ((0, node_fs_1.existsSync)(path))
        process.loadEnvFile(path);
}
function loadConfig(env, mode = detectMode(env)) {
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
        optOutConfirmation: oneOf(env, 'OPT_OUT_CONFIRMATION', ['service', 'provider'], 'service'),
        keywordReplies: keywordReplies(env),
        schedules: {
            mirror: cron(env, 'MIRROR_CRON', '0 * * * * *'),
            // the safety net that also finds deletions the incremental mirror cannot see (purged records)
            fullResync: cron(env, 'FULL_RESYNC_CRON', '0 30 3 * * *'),
            activityFlush: cron(env, 'ACTIVITY_FLUSH_CRON', '*/10 * * * * *'),
            reconcile: cron(env, 'RECONCILE_CRON', '0 0 * * * *'),
            replySweep: cron(env, 'REPLY_SWEEP_CRON', '*/15 * * * * *'),
        },
        apiBudgetShare: share(env, 'SALESFORCE_API_BUDGET_SHARE', 0.9),
        reconcileWindowDays: integer(env, 'RECONCILE_WINDOW_DAYS', 7, 1, 365),
        mirrorOverlapSeconds: mirrorOverlap(env),
        logLevel: optional(env, 'LOG_LEVEL') === null ? null : oneOf(env, 'LOG_LEVEL', exports.LOG_LEVELS, 'info'),
        http: {
            requestTimeoutSeconds: integer(env, 'HTTP_REQUEST_TIMEOUT_SECONDS', 30, 1, 600),
            idleTimeoutSeconds: integer(env, 'HTTP_IDLE_TIMEOUT_SECONDS', 65, 1, 3600),
        },
    };
}
/** 300 s covers saves that commit minutes after they were stamped (long triggers, bulk jobs). */
function mirrorOverlap(env) {
    if (present(env.MIRROR_SAFETY_LAG_SECONDS)) {
        throw new ConfigError('MIRROR_SAFETY_LAG_SECONDS', 'is retired: the mirror now re-reads an overlap (MIRROR_OVERLAP_SECONDS, default 300) and applies every record at once; remove the setting');
    }
    return integer(env, 'MIRROR_OVERLAP_SECONDS', 300, 0, 86_400);
}
function database(env) {
    const raw = text(env, 'DATABASE_URL', 'sqlite:data/sms-crm-sync.db');
    // read whatever the database, so a typo is found before the move to PostgreSQL
    const poolSize = integer(env, 'DATABASE_POOL_SIZE', exports.DEFAULT_DATABASE_POOL_SIZE, 1, 1000);
    if (raw.startsWith('sqlite:')) {
        const path = raw.slice('sqlite:'.length);
        if (!path)
            throw new ConfigError('DATABASE_URL', 'sqlite: needs a path or :memory:');
        return { type: 'sqlite', path };
    }
    if (/^postgres(ql)?:\/\//.test(raw)) {
        try {
            new URL(raw);
        }
        catch {
            throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
        }
        return { type: 'postgres', url: raw, poolSize };
    }
    throw new ConfigError('DATABASE_URL', 'must be sqlite:PATH, sqlite::memory: or postgres://user:pass@host:port/db');
}
function adminApiKey(env) {
    const key = env.ADMIN_API_KEY?.trim();
    if (!key)
        return null;
    if (key.length < 16)
        throw new ConfigError('ADMIN_API_KEY', 'must be at least 16 characters');
    return key;
}
function salesforce(env) {
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
            throw new ConfigError('SALESFORCE_ACCESS_TOKEN', 'is required (or SALESFORCE_LOGIN_URL, SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET)');
        }
        if (oauthParts > 0 && oauthParts < 3) {
            const missing = !loginUrl ? 'SALESFORCE_LOGIN_URL' : !clientId ? 'SALESFORCE_CLIENT_ID' : 'SALESFORCE_CLIENT_SECRET';
            throw new ConfigError(missing, 'is required for the OAuth client-credentials flow');
        }
    }
    return { instanceUrl, accessToken, loginUrl, clientId, clientSecret, apiVersion };
}
function twilio(env) {
    const accountSid = optional(env, 'TWILIO_ACCOUNT_SID') ?? '';
    const authToken = optional(env, 'TWILIO_AUTH_TOKEN') ?? '';
    if (accountSid || authToken) {
        if (!/^AC[0-9a-fA-F]{32}$/.test(accountSid)) {
            throw new ConfigError('TWILIO_ACCOUNT_SID', 'must be AC followed by 32 hex characters');
        }
        if (!authToken)
            throw new ConfigError('TWILIO_AUTH_TOKEN', 'is required');
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
function keywordReplies(env) {
    const programName = text(env, 'SMS_PROGRAM_NAME', 'Sales SMS');
    if (programName.length > 40)
        throw new ConfigError('SMS_PROGRAM_NAME', `must be at most 40 characters, got ${programName.length}`);
    const helpText = optional(env, 'SMS_HELP_TEXT');
    // Carriers require the HELP answer to name the program and say how to opt out.
    if (helpText && !/\bSTOP\b/.test(helpText))
        throw new ConfigError('SMS_HELP_TEXT', 'must tell the recipient to reply STOP to opt out');
    return { programName, helpText };
}
function quietHours(env) {
    const raw = text(env, 'QUIET_HOURS', '08:00-21:00');
    let window;
    try {
        window = (0, quiet_hours_window_1.parseQuietHoursWindow)(raw);
    }
    catch {
        throw new ConfigError('QUIET_HOURS', `must be HH:MM-HH:MM or off, got "${raw}"`);
    }
    if (!window)
        return null;
    // an empty window would refuse every send: QUIET_HOURS=off is the way to lift the rule
    if (window.start === window.end)
        throw new ConfigError('QUIET_HOURS', 'start and end must differ');
    return { ...window, label: raw };
}
const CRON_FIELD = /^[\d*/,\-?LW#A-Za-z]+$/;
function cron(env, name, fallback) {
    const raw = text(env, name, fallback);
    if (raw.toLowerCase() === 'off')
        return null;
    const fields = raw.split(/\s+/);
    if ((fields.length !== 5 && fields.length !== 6) || !fields.every((f) => CRON_FIELD.test(f))) {
        throw new ConfigError(name, `must be a cron expression (5 or 6 fields) or off, got "${raw}"`);
    }
    return raw;
}
function present(value) {
    return value !== undefined && value.trim() !== '';
}
function optional(env, name) {
    return present(env[name]) ? env[name].trim() : null;
}
function text(env, name, fallback) {
    return optional(env, name) ?? fallback;
}
function integer(env, name, fallback, min, max) {
    const raw = optional(env, name);
    if (raw === null)
        return fallback;
    if (!/^\d+$/.test(raw))
        throw new ConfigError(name, `must be a whole number, got "${raw}"`);
    const value = Number(raw);
    if (value < min || value > max)
        throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
    return value;
}
/** A share of a whole: `0.9` or `90%`, in (0, 1]. */
function share(env, name, fallback) {
    const raw = optional(env, name);
    if (raw === null)
        return fallback;
    const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(raw);
    const value = match ? Number(match[1]) / (match[2] ? 100 : 1) : NaN;
    if (!(value > 0 && value <= 1))
        throw new ConfigError(name, `must be a share like 0.9 or 90%, got "${raw}"`);
    return value;
}
function url(env, name, fallback) {
    const raw = text(env, name, fallback);
    let parsed;
    try {
        parsed = new URL(raw);
    }
    catch {
        throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
    }
    return raw;
}
function oneOf(env, name, allowed, fallback) {
    const raw = text(env, name, fallback).toLowerCase();
    if (!allowed.includes(raw)) {
        throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
    }
    return raw;
}
function stripSlash(value) {
    return value.replace(/\/+$/, '');
}
/** Values that must never reach a log line. */
function secretsOf(config) {
    return [
        config.adminApiKey,
        config.salesforce.accessToken,
        config.salesforce.clientSecret,
        config.twilio.authToken,
    ].filter((s) => !!s && s.length >= 6);
}
//# sourceMappingURL=app-config.js.map