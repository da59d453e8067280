import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, SalesforceStandIn } from '../../src/sandbox/salesforce';

/**
 * The settings of a service the bench runs in its own process against the Salesforce stand-in,
 * every scheduled job off (the bench drives the work it measures), with `settings` on top.
 */
export function inProcessEnv(sf: SalesforceStandIn, settings: Record<string, string>): Record<string, string> {
  return {
    ADMIN_API_KEY: 'bench-admin-key-0123456789',
    SALESFORCE_INSTANCE_URL: sf.url,
    SALESFORCE_LOGIN_URL: sf.url,
    SALESFORCE_CLIENT_ID: DEFAULT_CLIENT_ID,
    SALESFORCE_CLIENT_SECRET: DEFAULT_CLIENT_SECRET,
    TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
    TWILIO_AUTH_TOKEN: 'bench-twilio-auth-token',
    MIRROR_CRON: 'off',
    FULL_RESYNC_CRON: 'off',
    ACTIVITY_FLUSH_CRON: 'off',
    RECONCILE_CRON: 'off',
    REPLY_SWEEP_CRON: 'off',
    DELIVERY_RECONCILE_CRON: 'off',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    ...settings,
  };
}
