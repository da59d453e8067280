"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const cli_1 = require("./cli/cli");
const io = {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    isTty: Boolean(process.stdout.isTTY),
    write: (text) => process.stdout.write(text),
};
(0, cli_1.runCli)(process.argv.slice(2), io).then((status) => {
    if (status !== 'keep-running')
        process.exit(status);
}, (error) => {
    io.err(`sms-crm-sync: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
});
//# sourceMappingURL=main.js.map