"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.COMMANDS = exports.CliError = void 0;
exports.runCli = runCli;
const app_config_1 = require("../config/app-config");
const cli_error_1 = require("./cli-error");
Object.defineProperty(exports, "CliError", { enumerable: true, get: function () { return cli_error_1.CliError; } });
const mapping_command_1 = require("./mapping.command");
const segments_command_1 = require("./segments.command");
const serve_command_1 = require("./serve.command");
const sync_command_1 = require("./sync.command");
exports.COMMANDS = {
    serve: {
        usage: 'serve                       run the HTTP service (the default)',
        run: async (_args, io, config, env) => {
            // on a terminal the banner is coloured; piped, it goes to stderr and stdout keeps JSON lines only
            const service = await (0, serve_command_1.serve)(await config(), env, { print: io.isTty ? io.out : io.err, color: io.isTty });
            process.once('SIGINT', () => void service.close().then(() => process.exit(0)));
            process.once('SIGTERM', () => void service.close().then(() => process.exit(0)));
            return 'keep-running';
        },
    },
    sync: {
        usage: 'sync mirror|full-resync|activity-flush|reconcile   run a sync job now and print its summary',
        run: sync_command_1.syncCommand,
    },
    mapping: {
        usage: "mapping validate [--file PATH]   check the CRM mapping against the org's describe",
        run: mapping_command_1.mappingCommand,
    },
    segments: {
        usage: 'segments "<text>"          count encoding and segments of a message (exit 1 when too long)',
        run: segments_command_1.segmentsCommand,
    },
};
async function runCli(argv, io, env = process.env) {
    const [name = 'serve', ...args] = argv;
    if (name === 'help' || name === '--help' || name === '-h') {
        io.out('usage: sms-crm-sync <command>\n' + Object.values(exports.COMMANDS).map((c) => `  ${c.usage}`).join('\n'));
        return 0;
    }
    const command = exports.COMMANDS[name];
    if (!command) {
        io.err(`sms-crm-sync: unknown command "${name}" (try: ${Object.keys(exports.COMMANDS).join(', ')})`);
        return 2;
    }
    const config = async () => {
        (0, app_config_1.readDotEnv)();
        return (0, app_config_1.loadConfig)(env, (0, app_config_1.detectMode)(env));
    };
    try {
        return await command.run(args, io, config, env);
    }
    catch (error) {
        if (error instanceof app_config_1.ConfigError)
            io.err(`sms-crm-sync: configuration error: ${error.message}`);
        else if (error instanceof cli_error_1.CliError)
            io.err(`sms-crm-sync: ${error.message}`);
        else
            io.err(`sms-crm-sync: ${error instanceof Error ? error.message : String(error)}`);
        return 1;
    }
}
//# sourceMappingURL=cli.js.map