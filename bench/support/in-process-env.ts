import { salesforceStandInEnv, SCHEDULES_OFF } from '../../src/sandbox/sandbox';
import type { SalesforceStandIn } from '../../src/sandbox/salesforce';

/**
 * The settings of a service the bench runs in its own process against the Salesforce stand-in (no
 * Twilio stand-in: these benches send nothing), every scheduled job off, with `settings` on top.
 */
export function inProcessEnv(sf: SalesforceStandIn, settings: Record<string, string>): Record<string, string> {
  return {
    ADMIN_API_KEY: 'bench-admin-key-0123456789',
    ...salesforceStandInEnv(sf),
    TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
    TWILIO_AUTH_TOKEN: 'bench-twilio-auth-token',
    ...SCHEDULES_OFF,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    ...settings,
  };
}
