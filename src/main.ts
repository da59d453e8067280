import 'reflect-metadata';
import { runCli } from './cli/cli';

const io = {
  out: (line: string) => process.stdout.write(line + '\n'),
  err: (line: string) => process.stderr.write(line + '\n'),
  isTty: Boolean(process.stdout.isTTY),
  write: (text: string) => process.stdout.write(text),
};

runCli(process.argv.slice(2), io).then(
  (status) => {
    if (status !== 'keep-running') process.exit(status);
  },
  (error: unknown) => {
    io.err(`sms-crm-sync: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
