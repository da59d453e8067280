"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CliError = void 0;
/** A failure the command line reports as one line on stderr, exit status 1. */
class CliError extends Error {
}
exports.CliError = CliError;
//# sourceMappingURL=cli-error.js.map