import { Global, Injectable, Module } from '@nestjs/common';

/**
 * Where this instance stands in a graceful shutdown (cli/graceful-shutdown.ts drives it):
 * - `draining`: SIGTERM arrived. /health/ready answers 503 "draining" so the load balancer stops
 *   routing here, schedules start no run, running jobs are asked to stop after the batch in hand;
 *   requests are still answered.
 * - `closing`: the drain delay is over and the HTTP server is closing: a request that still
 *   arrives is answered 503 SHUTTING_DOWN (create-app.ts) instead of a reset.
 */
@Injectable()
export class ShutdownSignal {
  private draining_ = false;
  private closing_ = false;
  private readonly drainListeners: (() => void)[] = [];

  get draining(): boolean {
    return this.draining_;
  }

  get closing(): boolean {
    return this.closing_;
  }

  /** Runs `listener` once when the drain begins (at once if it has begun). */
  onDrain(listener: () => void): void {
    if (this.draining_) listener();
    else this.drainListeners.push(listener);
  }

  beginDrain(): void {
    if (this.draining_) return;
    this.draining_ = true;
    for (const listener of this.drainListeners.splice(0)) listener();
  }

  beginClose(): void {
    this.beginDrain();
    this.closing_ = true;
  }
}

/** Provides the one ShutdownSignal of the application to every module. */
@Global()
@Module({ providers: [ShutdownSignal], exports: [ShutdownSignal] })
export class ShutdownSignalModule {}
