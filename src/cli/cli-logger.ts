import { LoggerService } from '@nestjs/common';
import { redactor } from '../common/redact';

/**
 * The command line keeps stdout for its own output (progress bar, summary line): warnings and
 * errors of the services go to stderr, one redacted JSON object a line; the rest is dropped
 * unless LOG_LEVEL=info or debug asks for it.
 */
export class CliLogger implements LoggerService {
  log(message: unknown, context?: string): void {
    if (process.env.LOG_LEVEL === 'info' || process.env.LOG_LEVEL === 'debug') this.write('info', message, context);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  error(message: unknown, _trace?: string, context?: string): void {
    this.write('error', message, context);
  }
  debug(): void {}
  verbose(): void {}

  private write(level: string, message: unknown, context?: string): void {
    if (process.env.LOG_LEVEL === 'silent') return;
    const body = message instanceof Error ? { msg: message.message } : typeof message === 'object' && message !== null ? message : { msg: String(message) };
    process.stderr.write(redactor.redact(JSON.stringify({ time: new Date().toISOString(), level, context, ...body })) + '\n');
  }
}
