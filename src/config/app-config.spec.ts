import { ConfigError, detectMode, loadConfig } from './app-config';

const LIVE = {
  SALESFORCE_INSTANCE_URL: 'https://acme.my.salesforce.com',
  SALESFORCE_ACCESS_TOKEN: '00Dxx!token',
  TWILIO_ACCOUNT_SID: 'AC' + 'a'.repeat(32),
  TWILIO_AUTH_TOKEN: 'secret-auth-token',
};

function problem(env: Record<string, string>): string {
  try {
    loadConfig(env, detectMode(env));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('settings', () => {
  it('runs in sandbox mode with no Salesforce and no Twilio settings, with the contract defaults', () => {
    const config = loadConfig({}, detectMode({}));
    expect(config).toMatchObject({
      mode: 'sandbox',
      port: 3000,
      publicBaseUrl: 'http://localhost:3000',
      database: { type: 'sqlite', path: 'data/sms-crm-sync.db' },
      crmMappingFile: 'config/crm-mapping.yaml',
      smsMaxSegments: 1,
      quietHours: { start: 480, end: 1260 },
      optOutConfirmation: 'service',
      keywordReplies: { programName: 'Sales SMS', helpText: null },
      schedules: { mirror: '0 * * * * *', fullResync: '0 30 3 * * *', activityFlush: '*/10 * * * * *', reconcile: '0 0 * * * *', replySweep: '*/15 * * * * *', deliveryReconcile: '0 */5 * * * *' },
      deliveryReconcile: { unknownAfterSeconds: 60, notSentAfterSeconds: 300, staleAfterSeconds: 600 },
    });
    expect(config.salesforce.apiVersion).toBe('62.0');
    expect(config.twilio.apiBaseUrl).toBe('https://api.twilio.com');
  });

  it('derives PUBLIC_BASE_URL from PORT', () => {
    expect(loadConfig({ PORT: '8080' }).publicBaseUrl).toBe('http://localhost:8080');
  });

  it('reads a live configuration with a token or the client-credentials trio', () => {
    expect(loadConfig(LIVE).mode).toBe('live');
    const oauth = loadConfig({
      ...LIVE,
      SALESFORCE_ACCESS_TOKEN: '',
      SALESFORCE_LOGIN_URL: 'http://127.0.0.1:9999/',
      SALESFORCE_CLIENT_ID: 'id',
      SALESFORCE_CLIENT_SECRET: 'secret',
    });
    expect(oauth.salesforce).toMatchObject({ loginUrl: 'http://127.0.0.1:9999', accessToken: null, clientId: 'id' });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT: must be a whole number, got "eighty"'],
    [{ PORT: '70000' }, 'PORT: must be between 1 and 65535, got 70000'],
    [{ PUBLIC_BASE_URL: 'ftp://x' }, 'PUBLIC_BASE_URL: must be an http(s) URL, got "ftp://x"'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL: must be sqlite:PATH, sqlite::memory: or postgres://user:pass@host:port/db'],
    [{ ADMIN_API_KEY: 'short' }, 'ADMIN_API_KEY: must be at least 16 characters'],
    [{ SMS_MAX_SEGMENTS: '11' }, 'SMS_MAX_SEGMENTS: must be between 1 and 10, got 11'],
    [{ QUIET_HOURS: '8-21' }, 'QUIET_HOURS: must be HH:MM-HH:MM or off, got "8-21"'],
    [{ QUIET_HOURS: '24:30-06:00' }, 'QUIET_HOURS: must be HH:MM-HH:MM or off, got "24:30-06:00"'],
    [{ QUIET_HOURS: '09:00-09:00' }, 'QUIET_HOURS: start and end must differ'],
    [{ OPT_OUT_CONFIRMATION: 'carrier' }, 'OPT_OUT_CONFIRMATION: must be one of service, provider, got "carrier"'],
    [{ SMS_HELP_TEXT: 'Acme: call us at 555-0100' }, 'SMS_HELP_TEXT: must tell the recipient to reply STOP to opt out'],
    [{ MIRROR_CRON: 'every minute' }, 'MIRROR_CRON: must be a cron expression (5 or 6 fields) or off, got "every minute"'],
    [{ SALESFORCE_API_VERSION: 'v62' }, 'SALESFORCE_API_VERSION: must look like 62.0, got "v62"'],
    [{ TWILIO_API_BASE_URL: 'not a url' }, 'TWILIO_API_BASE_URL: must be an http(s) URL, got "not a url"'],
  ])('stops the boot on %j with one line naming the variable', (env, message) => {
    expect(problem(env as Record<string, string>)).toBe(message);
  });

  it('refuses a half-configured service', () => {
    expect(problem({ SALESFORCE_INSTANCE_URL: 'https://acme.my.salesforce.com', SALESFORCE_ACCESS_TOKEN: 't' })).toMatch(/^TWILIO_ACCOUNT_SID: is required when Salesforce is configured/);
    expect(problem({ TWILIO_ACCOUNT_SID: LIVE.TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN: 'x' })).toMatch(/^SALESFORCE_INSTANCE_URL: is required when Twilio is configured/);
    expect(problem({ ...LIVE, SALESFORCE_ACCESS_TOKEN: '', SALESFORCE_CLIENT_ID: 'id' })).toMatch(/^SALESFORCE_LOGIN_URL: is required for the OAuth/);
    expect(problem({ ...LIVE, TWILIO_ACCOUNT_SID: 'AC123' })).toBe('TWILIO_ACCOUNT_SID: must be AC followed by 32 hex characters');
    expect(problem({ ...LIVE, TWILIO_AUTH_TOKEN: '' })).toBe('TWILIO_AUTH_TOKEN: is required');
  });

  it('reads a quiet-hours window that wraps midnight, keeping the text as its label', () => {
    expect(loadConfig({ QUIET_HOURS: '22:00-06:00' }).quietHours).toEqual({ start: 1320, end: 360, label: '22:00-06:00' });
  });

  it('accepts off for quiet hours and schedules', () => {
    const config = loadConfig({ QUIET_HOURS: 'off', RECONCILE_CRON: 'off', REPLY_SWEEP_CRON: 'off', DELIVERY_RECONCILE_CRON: 'off' });
    expect(config.quietHours).toBeNull();
    expect(config.schedules.reconcile).toBeNull();
    expect(config.schedules.replySweep).toBeNull();
    expect(config.schedules.deliveryReconcile).toBeNull();
  });
});

describe('delivery-reconcile settings', () => {
  it('reads its schedule and delays, and refuses a malformed one naming the variable', () => {
    expect(loadConfig({ DELIVERY_RECONCILE_CRON: '0 */2 * * * *', DELIVERY_UNKNOWN_AFTER_SECONDS: '30', DELIVERY_NOT_SENT_AFTER_SECONDS: '90', DELIVERY_STALE_AFTER_SECONDS: '120' })).toMatchObject({
      schedules: { deliveryReconcile: '0 */2 * * * *' },
      deliveryReconcile: { unknownAfterSeconds: 30, notSentAfterSeconds: 90, staleAfterSeconds: 120 },
    });
    expect(() => loadConfig({ DELIVERY_RECONCILE_CRON: 'every five minutes' })).toThrow(/DELIVERY_RECONCILE_CRON/);
    expect(() => loadConfig({ DELIVERY_UNKNOWN_AFTER_SECONDS: '0' })).toThrow(/DELIVERY_UNKNOWN_AFTER_SECONDS/);
    expect(() => loadConfig({ DELIVERY_STALE_AFTER_SECONDS: 'ten' })).toThrow(/DELIVERY_STALE_AFTER_SECONDS/);
  });

  it('refuses to believe a send was never taken before its outcome counts as unknown', () => {
    expect(() => loadConfig({ DELIVERY_UNKNOWN_AFTER_SECONDS: '120', DELIVERY_NOT_SENT_AFTER_SECONDS: '60' })).toThrow(/DELIVERY_NOT_SENT_AFTER_SECONDS.*at least DELIVERY_UNKNOWN_AFTER_SECONDS/);
  });
});

describe('activity sync settings', () => {
  it('pauses non-urgent syncs at 90% of the API allocation and reconciles 7 days by default', () => {
    expect(loadConfig({})).toMatchObject({ apiBudgetShare: 0.9, reconcileWindowDays: 7 });
  });

  it('reads the budget share as a fraction or a percentage', () => {
    expect(loadConfig({ SALESFORCE_API_BUDGET_SHARE: '0.75' }).apiBudgetShare).toBe(0.75);
    expect(loadConfig({ SALESFORCE_API_BUDGET_SHARE: '80%' }).apiBudgetShare).toBe(0.8);
  });

  it('names the variable of a malformed budget share or window', () => {
    expect(problem({ SALESFORCE_API_BUDGET_SHARE: '1.5' })).toBe('SALESFORCE_API_BUDGET_SHARE: must be a share like 0.9 or 90%, got "1.5"');
    expect(problem({ SALESFORCE_API_BUDGET_SHARE: 'most' })).toMatch(/^SALESFORCE_API_BUDGET_SHARE: /);
    expect(problem({ RECONCILE_WINDOW_DAYS: '0' })).toBe('RECONCILE_WINDOW_DAYS: must be between 1 and 365, got 0');
  });

  it('reads the mirror overlap (300 s by default, 0 to a day) and refuses the retired safety lag', () => {
    expect(loadConfig({}).mirrorOverlapSeconds).toBe(300);
    expect(loadConfig({ MIRROR_OVERLAP_SECONDS: '0' }).mirrorOverlapSeconds).toBe(0);
    expect(loadConfig({ MIRROR_OVERLAP_SECONDS: '600' }).mirrorOverlapSeconds).toBe(600);
    expect(problem({ MIRROR_OVERLAP_SECONDS: '2.5' })).toBe('MIRROR_OVERLAP_SECONDS: must be a whole number, got "2.5"');
    expect(problem({ MIRROR_OVERLAP_SECONDS: '86401' })).toBe('MIRROR_OVERLAP_SECONDS: must be between 0 and 86400, got 86401');
    expect(problem({ MIRROR_SAFETY_LAG_SECONDS: '5' })).toMatch(/^MIRROR_SAFETY_LAG_SECONDS: is retired: .*MIRROR_OVERLAP_SECONDS/);
  });

  it('takes the Salesforce instance from the token answer with client credentials, and requires it otherwise', () => {
    const oauth = { SALESFORCE_LOGIN_URL: 'https://login.salesforce.com', SALESFORCE_CLIENT_ID: 'id', SALESFORCE_CLIENT_SECRET: 'secret' };
    const twilio = { TWILIO_ACCOUNT_SID: LIVE.TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN: 'x' };
    expect(loadConfig({ ...oauth, ...twilio }).salesforce.instanceUrl).toBe('');
    expect(loadConfig({ ...oauth, ...twilio, SALESFORCE_INSTANCE_URL: 'https://acme.my.salesforce.com/' }).salesforce.instanceUrl).toBe('https://acme.my.salesforce.com');
    expect(problem({ SALESFORCE_ACCESS_TOKEN: 't', ...twilio })).toMatch(/^SALESFORCE_INSTANCE_URL: is required/);
    expect(problem({ SALESFORCE_ACCESS_TOKEN: 't', ...oauth, ...twilio })).toMatch(/^SALESFORCE_INSTANCE_URL: is required/);
  });
});

describe('database and log settings', () => {
  it('sizes the PostgreSQL pool from DATABASE_POOL_SIZE (10 by default) and names it when malformed', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).database).toEqual({ type: 'postgres', url: 'postgres://u@h:5432/db', poolSize: 10 });
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', DATABASE_POOL_SIZE: '25' }).database).toMatchObject({ poolSize: 25 });
    expect(problem({ DATABASE_POOL_SIZE: '0' })).toBe('DATABASE_POOL_SIZE: must be between 1 and 1000, got 0');
    expect(problem({ DATABASE_URL: 'postgres://u@h:5432/db', DATABASE_POOL_SIZE: 'many' })).toBe('DATABASE_POOL_SIZE: must be a whole number, got "many"');
  });

  it('reads LOG_LEVEL (unset: null, the caller chooses) and refuses an unknown level', () => {
    expect(loadConfig({}).logLevel).toBeNull();
    expect(loadConfig({ LOG_LEVEL: 'DEBUG' }).logLevel).toBe('debug');
    expect(loadConfig({ LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
    expect(problem({ LOG_LEVEL: 'loud' })).toBe('LOG_LEVEL: must be one of silent, fatal, error, warn, info, debug, trace, got "loud"');
  });
});

describe('HTTP timeout settings', () => {
  it('cuts a request after 30 s and an idle connection after 65 s by default', () => {
    expect(loadConfig({}).http).toEqual({ requestTimeoutSeconds: 30, idleTimeoutSeconds: 65 });
    expect(loadConfig({ HTTP_REQUEST_TIMEOUT_SECONDS: '2', HTTP_IDLE_TIMEOUT_SECONDS: '5' }).http).toEqual({ requestTimeoutSeconds: 2, idleTimeoutSeconds: 5 });
  });

  it('names the variable of a malformed timeout', () => {
    expect(problem({ HTTP_REQUEST_TIMEOUT_SECONDS: '0' })).toBe('HTTP_REQUEST_TIMEOUT_SECONDS: must be between 1 and 600, got 0');
    expect(problem({ HTTP_REQUEST_TIMEOUT_SECONDS: '30s' })).toBe('HTTP_REQUEST_TIMEOUT_SECONDS: must be a whole number, got "30s"');
    expect(problem({ HTTP_IDLE_TIMEOUT_SECONDS: '3601' })).toBe('HTTP_IDLE_TIMEOUT_SECONDS: must be between 1 and 3600, got 3601');
  });
});

describe('instance name', () => {
  it('defaults to hostname-pid and keeps a given INSTANCE_NAME', () => {
    expect(loadConfig({}).instanceName).toMatch(new RegExp(`^[A-Za-z0-9][A-Za-z0-9._:-]*-${process.pid}$`));
    expect(loadConfig({}).instanceName.length).toBeLessThanOrEqual(64);
    expect(loadConfig({ INSTANCE_NAME: 'web-2.eu:blue' }).instanceName).toBe('web-2.eu:blue');
  });

  it('names INSTANCE_NAME when it holds what a log line or the holder column should not', () => {
    expect(problem({ INSTANCE_NAME: 'web 2' })).toMatch(/^INSTANCE_NAME: must be 1 to 64 letters/);
    expect(problem({ INSTANCE_NAME: '-web' })).toMatch(/^INSTANCE_NAME: must be/);
    expect(problem({ INSTANCE_NAME: 'w'.repeat(65) })).toMatch(/^INSTANCE_NAME: must be/);
  });
});

describe('outbox claims', () => {
  it('holds a claimed batch 60 s without renewal by default (3–3600 s)', () => {
    expect(loadConfig({}).outboxClaimSeconds).toBe(60);
    expect(loadConfig({ OUTBOX_CLAIM_SECONDS: '5' }).outboxClaimSeconds).toBe(5);
    expect(problem({ OUTBOX_CLAIM_SECONDS: '2' })).toBe('OUTBOX_CLAIM_SECONDS: must be between 3 and 3600, got 2');
  });
});

describe('graceful shutdown', () => {
  it('keeps answering 5 s after SIGTERM when live (the load balancer sees "draining" first), 0 s in the sandbox; 0–120 s', () => {
    expect(loadConfig(LIVE).shutdownDelaySeconds).toBe(5);
    expect(loadConfig({}, 'sandbox').shutdownDelaySeconds).toBe(0);
    expect(loadConfig({ ...LIVE, SHUTDOWN_DELAY_SECONDS: '0' }).shutdownDelaySeconds).toBe(0);
    expect(problem({ ...LIVE, SHUTDOWN_DELAY_SECONDS: '121' })).toBe('SHUTDOWN_DELAY_SECONDS: must be between 0 and 120, got 121');
    expect(problem({ ...LIVE, SHUTDOWN_DELAY_SECONDS: '5s' })).toBe('SHUTDOWN_DELAY_SECONDS: must be a whole number, got "5s"');
  });
});
