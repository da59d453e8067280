import { LoggerService } from '@nestjs/common';
import { currentRequestId } from './request-context';
import { redactor } from './redact';

/**
 * Structured JSON logs, one object a line. Every line passes through the redactor (secrets,
 * phone numbers) and carries the request id when there is one, and `sandbox: true` in sandbox mode.
 */
export class JsonLogger implements LoggerService {
  static sandbox = false;
  static get silent(): boolean {
    return process.env.LOG_LEVEL === 'silent';
  }

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.write('error', message, context, trace);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    if (process.env.LOG_LEVEL === 'debug') this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    if (process.env.LOG_LEVEL === 'debug') this.write('verbose', message, context);
  }

  private write(level: string, message: unknown, context?: string, trace?: string): void {
    if (JsonLogger.silent) return;
    const line: Record<string, unknown> = { time: new Date().toISOString(), level };
    if (JsonLogger.sandbox) line.sandbox = true;
    if (context) line.context = context;
    const requestId = currentRequestId();
    if (requestId) line.requestId = requestId;
    if (message instanceof Error) {
      line.msg = message.message;
      line.trace = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(line, message);
    } else {
      line.msg = String(message);
    }
    if (trace && typeof trace === 'string') line.trace = trace;
    const out = redactor.redact(JSON.stringify(line));
    (level === 'error' ? process.stderr : process.stdout).write(out + '\n');
  }
}
