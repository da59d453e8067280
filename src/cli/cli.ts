import { ConfigError, detectMode, loadConfig, readDotEnv } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { CliError } from './cli-error';
import { mappingCommand } from './mapping.command';
import { segmentsCommand } from './segments.command';
import { serve } from './serve.command';
import { installGracefulShutdown } from './graceful-shutdown';
import { syncCommand } from './sync.command';

export { CliError };

/**
 * `npx sms-crm-sync <command>` (CONTRACT §5). Every command reads the same settings as the
 * service. Exit status 0 on success; on failure one clear line on stderr and a non-zero status.
 */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  isTty: boolean;
  /** writes without a newline (a progress bar redraws its line); stdout when absent */
  write?: (text: string) => void;
}

type Env = Record<string, string | undefined>;
type Command = (args: string[], io: CliIo, config: () => Promise<AppConfig>, env: Env) => Promise<number | 'keep-running'>;

export const COMMANDS: Record<string, { usage: string; run: Command }> = {
  serve: {
    usage: 'serve                       run the HTTP service (the default)',
    run: async (_args, io, config, env) => {
      // on a terminal the banner is coloured; piped, it goes to stderr and stdout keeps JSON lines only
      const service = await serve(await config(), env, { print: io.isTty ? io.out : io.err, color: io.isTty });
      installGracefulShutdown(service, { delaySeconds: service.config.shutdownDelaySeconds });
      return 'keep-running';
    },
  },
  sync: {
    usage: 'sync mirror|full-resync|activity-flush|reconcile   run a sync job now and print its summary',
    run: syncCommand,
  },
  mapping: {
    usage: "mapping validate [--file PATH]   check the CRM mapping against the org's describe",
    run: mappingCommand,
  },
  segments: {
    usage: 'segments "<text>"          count encoding and segments of a message (exit 1 when too long)',
    run: segmentsCommand,
  },
};

export async function runCli(argv: string[], io: CliIo, env: Env = process.env): Promise<number | 'keep-running'> {
  const [name = 'serve', ...args] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    io.out('usage: sms-crm-sync <command>\n' + Object.values(COMMANDS).map((c) => `  ${c.usage}`).join('\n'));
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`sms-crm-sync: unknown command "${name}" (try: ${Object.keys(COMMANDS).join(', ')})`);
    return 2;
  }
  const config = async () => {
    readDotEnv();
    return loadConfig(env, detectMode(env));
  };
  try {
    return await command.run(args, io, config, env);
  } catch (error) {
    if (error instanceof ConfigError) io.err(`sms-crm-sync: configuration error: ${error.message}`);
    else if (error instanceof CliError) io.err(`sms-crm-sync: ${error.message}`);
    else io.err(`sms-crm-sync: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
