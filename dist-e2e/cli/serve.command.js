"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.serve = serve;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const create_app_1 = require("../create-app");
const app_config_1 = require("../config/app-config");
const sandbox_1 = require("../sandbox/sandbox");
async function serve(config, env, banner) {
    if (config.mode === 'sandbox')
        return serveSandbox(config, env, banner);
    const app = await (0, create_app_1.createApp)(config);
    await app.listen(config.port);
    new common_1.Logger('Boot').log({ msg: `sms-crm-sync listening on port ${config.port}`, mode: config.mode, publicBaseUrl: config.publicBaseUrl });
    return { app, close: () => app.close() };
}
/**
 * The banner comes first: the log lines of the boot are held until it is printed (and written
 * anyway if the boot fails).
 */
async function serveSandbox(base, env, banner) {
    const sandbox = await (0, sandbox_1.startSandbox)(env);
    const config = (0, app_config_1.loadConfig)({ ...env, ...sandbox.env }, 'sandbox');
    sandbox.twilio.inboundWebhookUrl = `${config.publicBaseUrl}/webhooks/twilio/sms`;
    const app = await (0, create_app_1.createApp)(config, undefined, { holdLogs: true });
    try {
        const reps = await (0, sandbox_1.seedSandboxReps)(app.get(typeorm_1.DataSource), sandbox.demo);
        await app.listen(base.port);
        const facts = {
            baseUrl: config.publicBaseUrl,
            consoleUrl: `http://127.0.0.1:${config.port}/`,
            adminKey: config.adminApiKey ?? '',
            reps,
            demo: sandbox.demo,
            quietHours: config.quietHours?.label ?? null,
        };
        banner.print((0, sandbox_1.sandboxBanner)(facts, banner.color));
    }
    finally {
        app.flushLogs();
    }
    new common_1.Logger('Boot').log({ msg: `sms-crm-sync listening on port ${config.port} (sandbox)`, publicBaseUrl: config.publicBaseUrl });
    return {
        app,
        close: async () => {
            await app.close();
            await sandbox.stop();
        },
    };
}
//# sourceMappingURL=serve.command.js.map