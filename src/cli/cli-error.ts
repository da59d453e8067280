/** A failure the command line reports as one line on stderr, exit status 1. */
export class CliError extends Error {}
