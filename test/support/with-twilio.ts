import { TwilioStandIn } from '../../src/sandbox/twilio';
import { startTestApp, TestApp } from './test-app';

export interface AppWithTwilio {
  t: TestApp;
  twilio: TwilioStandIn;
  close: () => Promise<void>;
}

/**
 * The real app configured live against the Twilio stand-in (the SDK reaches it over HTTP), with
 * PUBLIC_BASE_URL set to the app's own address so the stand-in's signed webhooks verify.
 * Salesforce points nowhere: the tests that use this seed the mirror tables themselves.
 */
export async function startAppWithTwilio(env: Record<string, string> = {}): Promise<AppWithTwilio> {
  const twilio = await new TwilioStandIn().start();
  const t = await startTestApp({
    SALESFORCE_INSTANCE_URL: 'http://127.0.0.1:9',
    SALESFORCE_ACCESS_TOKEN: 'unused-in-these-tests',
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_API_BASE_URL: twilio.url,
    ...env,
  });
  t.config.publicBaseUrl = t.url;
  twilio.inboundWebhookUrl = `${t.url}/webhooks/twilio/sms`;
  return {
    t,
    twilio,
    close: async () => {
      await twilio.stop();
      await t.close();
    },
  };
}
