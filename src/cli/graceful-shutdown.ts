import { Logger } from '@nestjs/common';
import { ShutdownSignal } from '../common/shutdown-signal';
import type { RunningService } from './serve.command';

/** After the drain delay, how long closing may take before the process exits anyway. */
export const SHUTDOWN_HARD_TIMEOUT_MS = 30_000;

export interface ShutdownOptions {
  /** SHUTDOWN_DELAY_SECONDS */
  delaySeconds: number;
  hardTimeoutMs?: number;
  exit?: (code: number) => void;
  signals?: NodeJS.Signals[];
}

/**
 * The one place that stops the service on SIGTERM or SIGINT:
 * 1. drain: /health/ready answers 503 "draining", schedules stop, running jobs are asked to stop
 *    after the batch in hand (ShutdownSignal listeners); requests are still answered, for
 *    SHUTDOWN_DELAY_SECONDS, while the load balancer notices;
 * 2. close: later requests get 503 SHUTTING_DOWN; Nest's shutdown hooks wait for the jobs (their runs
 *    recorded, leases closed), release the outbox claims still held, end SSE streams with a retry
 *    hint and close the HTTP server; then the database pool closes and the process exits 0.
 * A second signal, or closing that takes longer than the hard timeout, exits 1 at once.
 */
export function installGracefulShutdown(service: RunningService, options: ShutdownOptions): void {
  const logger = new Logger('Shutdown');
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signal = service.app.get(ShutdownSignal);
  let stopping = false;
  const onSignal = (name: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ msg: `${name} again: exiting now` });
      return exit(1);
    }
    stopping = true;
    void stop(name);
  };
  const stop = async (name: NodeJS.Signals) => {
    const delayMs = options.delaySeconds * 1000;
    const hard = setTimeout(() => {
      logger.error({ msg: 'shutdown took too long: exiting now' });
      exit(1);
    }, delayMs + (options.hardTimeoutMs ?? SHUTDOWN_HARD_TIMEOUT_MS));
    hard.unref();
    logger.log({ msg: `${name}: draining (readiness says "draining"; requests answered for ${options.delaySeconds} s more)` });
    signal.beginDrain();
    try {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      signal.beginClose();
      await service.close();
      logger.log({ msg: 'shutdown complete' });
      exit(0);
    } catch (error) {
      logger.error({ msg: 'shutdown failed', reason: error instanceof Error ? error.message : String(error) });
      exit(1);
    }
  };
  for (const name of options.signals ?? (['SIGTERM', 'SIGINT'] as NodeJS.Signals[])) process.on(name, () => onSignal(name));
}
