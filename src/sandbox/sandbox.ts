import { randomBytes, randomUUID } from 'node:crypto';
import { styleText } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import { hashApiKey, newApiKey } from '../auth/api-key';
import { UsersStore } from '../auth/users.store';
import { nowIso } from '../database/columns';
import { UnitOfWork } from '../database/unit-of-work';
import type { NumberKind } from '../numbers/sender-number.entity';
import { SenderNumbersStore } from '../numbers/sender-numbers.store';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DemoOrgIds, SalesforceStandIn, seedDemoOrg } from './salesforce';
import { TwilioStandIn } from './twilio';

/**
 * Sandbox mode (CONTRACT §1): with no Salesforce and no Twilio settings, both stand-ins run
 * in-process on 127.0.0.1 and the service talks to them through the real SDKs, exactly as it
 * would to the real services. The demo org is seeded the same way every time (the stand-in's ids
 * are a deterministic sequence), so a sandbox database survives restarts.
 */
export interface Sandbox {
  salesforce: SalesforceStandIn;
  twilio: TwilioStandIn;
  demo: DemoOrgIds;
  /** the settings that point the service at the stand-ins */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startSandbox(givenEnv: Record<string, string | undefined>): Promise<Sandbox> {
  const salesforce = new SalesforceStandIn();
  await salesforce.start();
  const demo = seedDemoOrg(salesforce);
  const twilio = await new TwilioStandIn().start();
  const env: Record<string, string> = {
    ...standInEnv(salesforce, twilio),
    ADMIN_API_KEY: givenEnv.ADMIN_API_KEY || `sandbox_${randomBytes(18).toString('base64url')}`,
  };
  return {
    salesforce,
    twilio,
    demo,
    env,
    stop: async () => {
      await twilio.stop();
      await salesforce.stop();
    },
  };
}

/** The settings that point the service at started stand-ins (Salesforce through client credentials). */
export function standInEnv(salesforce: SalesforceStandIn, twilio: TwilioStandIn): Record<string, string> {
  return {
    ...salesforceStandInEnv(salesforce),
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_API_BASE_URL: twilio.url,
  };
}

/** The settings that point the service at a started Salesforce stand-in, through client credentials. */
export function salesforceStandInEnv(salesforce: SalesforceStandIn): Record<string, string> {
  return {
    SALESFORCE_INSTANCE_URL: salesforce.url,
    SALESFORCE_LOGIN_URL: salesforce.url,
    SALESFORCE_CLIENT_ID: DEFAULT_CLIENT_ID,
    SALESFORCE_CLIENT_SECRET: DEFAULT_CLIENT_SECRET,
  };
}

/** Every scheduled job off, for a service whose work is driven by its caller (a test, a bench). */
export const SCHEDULES_OFF: Readonly<Record<string, string>> = {
  MIRROR_CRON: 'off',
  FULL_RESYNC_CRON: 'off',
  ACTIVITY_FLUSH_CRON: 'off',
  RECONCILE_CRON: 'off',
  REPLY_SWEEP_CRON: 'off',
  DELIVERY_RECONCILE_CRON: 'off',
};

export interface SandboxRep {
  name: string;
  apiKey: string;
  numbers: { phoneNumber: string; kind: NumberKind; smsEnabled: boolean }[];
}

const REPS = [
  {
    key: 'alice' as const,
    name: 'Alice Rep',
    email: 'alice@demo.example',
    numbers: [
      { phoneNumber: '+12125550190', kind: 'direct', smsEnabled: true },
      { phoneNumber: '+13125550191', kind: 'local_presence', smsEnabled: false },
    ],
  },
  {
    key: 'bob' as const,
    name: 'Bob Rep',
    email: 'bob@demo.example',
    numbers: [
      { phoneNumber: '+14165550192', kind: 'direct', smsEnabled: true },
      { phoneNumber: '+16045550193', kind: 'direct', smsEnabled: false },
    ],
  },
] satisfies { key: keyof DemoOrgIds['users']; name: string; email: string; numbers: SandboxRep['numbers'] }[];

/**
 * The demo reps and their numbers in our own database. Their API keys are issued anew at every
 * sandbox boot (only hashes are stored, so a key cannot be shown twice).
 */
export async function seedSandboxReps(app: Pick<INestApplicationContext, 'get'>, demo: DemoOrgIds): Promise<SandboxRep[]> {
  const users = app.get(UsersStore);
  const numbers = app.get(SenderNumbersStore);
  const reps: SandboxRep[] = [];
  await app.get(UnitOfWork).unit(async (tx) => {
    for (const rep of REPS) {
      const apiKey = newApiKey();
      const salesforceUserId = demo.users[rep.key];
      let user = await users.findBySalesforceUserId(salesforceUserId, tx);
      if (user) await users.setKeyHash(tx, user.id, hashApiKey(apiKey));
      else {
        user = { id: randomUUID(), salesforceUserId, name: rep.name, email: rep.email, role: 'rep', apiKeyHash: hashApiKey(apiKey), createdAt: nowIso() };
        await users.insert(tx, user);
      }
      for (const n of rep.numbers) {
        if (!(await numbers.isAssigned(n.phoneNumber, tx))) {
          await numbers.insert(tx, { id: randomUUID(), userId: user.id, createdAt: nowIso(), ...n });
        }
      }
      reps.push({ name: rep.name, apiKey, numbers: rep.numbers });
    }
  });
  return reps;
}

export interface BannerFacts {
  baseUrl: string;
  /** the web console: http://127.0.0.1:PORT/ */
  consoleUrl: string;
  adminKey: string;
  reps: SandboxRep[];
  demo: DemoOrgIds;
  quietHours: string | null;
}

/**
 * What `npm start` prints in sandbox mode before any log line: the console, the keys and a few
 * lines to paste, between two rules; in colour on a terminal.
 */
export function sandboxBanner(facts: BannerFacts, color = false): string {
  const { baseUrl, consoleUrl, adminKey, reps, demo, quietHours } = facts;
  const paint = (format: Parameters<typeof styleText>[0], text: string) => (color ? styleText(format, text) : text);
  const alice = reps[0];
  const rule = paint('yellow', '='.repeat(78));
  const lines = [
    rule,
    `${paint(['bold', 'inverse', 'yellow'], ' SANDBOX ')} sms-crm-sync: Salesforce and Twilio are in-process stand-ins`,
    rule,
    `  console:       ${paint('bold', consoleUrl)}   (sign in with a key below)`,
    `  admin key:     ${paint('bold', adminKey)}`,
    ...reps.map((r) => `  ${`${r.name} key:`.padEnd(15)}${paint('bold', r.apiKey)}   (SMS number ${r.numbers.find((n) => n.smsEnabled)?.phoneNumber})`),
    '',
    '  Try:',
    `  curl -s ${baseUrl}/api/me -H 'Authorization: Bearer ${alice.apiKey}'`,
    `  curl -s ${baseUrl}/api/records/${demo.contacts.jane}/sms -H 'Authorization: Bearer ${alice.apiKey}'`,
    `  curl -s -X POST ${baseUrl}/api/messages -H 'Authorization: Bearer ${alice.apiKey}' -H 'Content-Type: application/json' \\`,
    `       -d '{"recordId":"${demo.contacts.jane}","from":"${alice.numbers[0].phoneNumber}","to":"+12125550101","body":"Hi Jane, do you have 10 minutes tomorrow?"}'`,
    `  curl -s -X POST ${baseUrl}/api/sms/segments -H 'Authorization: Bearer ${alice.apiKey}' -H 'Content-Type: application/json' -d '{"body":"It’s 5pm"}'`,
    `  curl -s ${baseUrl}/api/admin/sync/status -H 'Authorization: Bearer ${adminKey}'`,
    `  open ${baseUrl}/docs for every route`,
    quietHours
      ? `  Quiet hours apply (${quietHours} in the recipient's time zone; Jane is in New York): start with QUIET_HOURS=off to text at any hour.`
      : '  Quiet hours are off (QUIET_HOURS=off).',
    rule,
  ];
  return lines.join('\n');
}
