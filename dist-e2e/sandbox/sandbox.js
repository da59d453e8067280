"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startSandbox = startSandbox;
exports.standInEnv = standInEnv;
exports.seedSandboxReps = seedSandboxReps;
exports.sandboxBanner = sandboxBanner;
const node_crypto_1 = require("node:crypto");
const node_util_1 = require("node:util");
const api_key_1 = require("../auth/api-key");
const user_entity_1 = require("../auth/user.entity");
const columns_1 = require("../database/columns");
const sender_number_entity_1 = require("../numbers/sender-number.entity");
const salesforce_1 = require("./salesforce");
const twilio_1 = require("./twilio");
async function startSandbox(givenEnv) {
    const salesforce = new salesforce_1.SalesforceStandIn();
    await salesforce.start();
    const demo = (0, salesforce_1.seedDemoOrg)(salesforce);
    const twilio = await new twilio_1.TwilioStandIn().start();
    const env = {
        ...standInEnv(salesforce, twilio),
        ADMIN_API_KEY: givenEnv.ADMIN_API_KEY || `sandbox_${(0, node_crypto_1.randomBytes)(18).toString('base64url')}`,
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
function standInEnv(salesforce, twilio) {
    return {
        SALESFORCE_INSTANCE_URL: salesforce.url,
        SALESFORCE_LOGIN_URL: salesforce.url,
        SALESFORCE_CLIENT_ID: salesforce_1.DEFAULT_CLIENT_ID,
        SALESFORCE_CLIENT_SECRET: salesforce_1.DEFAULT_CLIENT_SECRET,
        TWILIO_ACCOUNT_SID: twilio.accountSid,
        TWILIO_AUTH_TOKEN: twilio.authToken,
        TWILIO_API_BASE_URL: twilio.url,
    };
}
const REPS = [
    {
        key: 'alice',
        name: 'Alice Rep',
        email: 'alice@demo.example',
        numbers: [
            { phoneNumber: '+12125550190', kind: 'direct', smsEnabled: true },
            { phoneNumber: '+13125550191', kind: 'local_presence', smsEnabled: false },
        ],
    },
    {
        key: 'bob',
        name: 'Bob Rep',
        email: 'bob@demo.example',
        numbers: [
            { phoneNumber: '+14165550192', kind: 'direct', smsEnabled: true },
            { phoneNumber: '+16045550193', kind: 'direct', smsEnabled: false },
        ],
    },
];
/**
 * The demo reps and their numbers in our own database. Their API keys are issued anew at every
 * sandbox boot (only hashes are stored, so a key cannot be shown twice).
 */
async function seedSandboxReps(dataSource, demo) {
    const reps = [];
    await dataSource.transaction(async (manager) => {
        for (const rep of REPS) {
            const apiKey = (0, api_key_1.newApiKey)();
            const salesforceUserId = demo.users[rep.key];
            const users = manager.getRepository(user_entity_1.User);
            let user = await users.findOneBy({ salesforceUserId });
            if (user)
                await users.update({ id: user.id }, { apiKeyHash: (0, api_key_1.hashApiKey)(apiKey) });
            else {
                user = users.create({ id: (0, node_crypto_1.randomUUID)(), salesforceUserId, name: rep.name, email: rep.email, role: 'rep', apiKeyHash: (0, api_key_1.hashApiKey)(apiKey), createdAt: (0, columns_1.nowIso)() });
                await users.insert(user);
            }
            const numbers = manager.getRepository(sender_number_entity_1.SenderNumber);
            for (const n of rep.numbers) {
                if (!(await numbers.existsBy({ phoneNumber: n.phoneNumber }))) {
                    await numbers.insert({ id: (0, node_crypto_1.randomUUID)(), userId: user.id, createdAt: (0, columns_1.nowIso)(), ...n });
                }
            }
            reps.push({ name: rep.name, apiKey, numbers: rep.numbers });
        }
    });
    return reps;
}
/**
 * What `npm start` prints in sandbox mode before any log line: the console, the keys and a few
 * lines to paste, between two rules; in colour on a terminal.
 */
function sandboxBanner(facts, color = false) {
    const { baseUrl, consoleUrl, adminKey, reps, demo, quietHours } = facts;
    const paint = (format, text) => (color ? (0, node_util_1.styleText)(format, text) : text);
    const alice = reps[0];
    const rule = paint('yellow', '='.repeat(78));
    const lines = [
        rule,
        `${paint(['bold', 'inverse', 'yellow'], ' SANDBOX ')} sms-crm-sync: Salesforce and Twilio are in-process stand-ins`,
        rule,
        `  console:       ${paint('bold', consoleUrl)}`,
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
//# sourceMappingURL=sandbox.js.map