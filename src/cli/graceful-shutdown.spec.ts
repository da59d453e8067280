import type { INestApplication } from '@nestjs/common';
import { ShutdownSignal } from '../common/shutdown-signal';
import { installGracefulShutdown } from './graceful-shutdown';
import type { RunningService } from './serve.command';
import type { AppConfig } from '../config/app-config';

describe('graceful shutdown', () => {
  const signalName = 'SIGUSR2' as NodeJS.Signals;
  afterEach(() => process.removeAllListeners(signalName));

  function service(close: () => Promise<void>) {
    const signal = new ShutdownSignal();
    const app = { get: () => signal } as unknown as INestApplication;
    const running: RunningService = { app, config: {} as AppConfig, close };
    return { signal, running };
  }

  it('drains at once, keeps answering for the delay, then closes and exits 0', async () => {
    jest.useFakeTimers();
    try {
      const events: string[] = [];
      const { signal, running } = service(async () => {
        events.push(`close (closing=${signal.closing})`);
      });
      signal.onDrain(() => events.push('drain'));
      const exit = jest.fn((code: number) => void events.push(`exit ${code}`));
      installGracefulShutdown(running, { delaySeconds: 5, exit, signals: [signalName] });

      process.emit(signalName, signalName);
      expect(events).toEqual(['drain']);
      expect(signal.draining).toBe(true);
      expect(signal.closing).toBe(false);
      await jest.advanceTimersByTimeAsync(4_900);
      expect(events).toEqual(['drain']);
      await jest.advanceTimersByTimeAsync(200);
      expect(events).toEqual(['drain', 'close (closing=true)', 'exit 0']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('exits 1 at once on a second signal, and after the hard timeout when closing hangs', async () => {
    jest.useFakeTimers();
    try {
      const { running } = service(() => new Promise<void>(() => undefined));
      const exit = jest.fn();
      installGracefulShutdown(running, { delaySeconds: 0, hardTimeoutMs: 30_000, exit, signals: [signalName] });
      process.emit(signalName, signalName);
      await jest.advanceTimersByTimeAsync(29_000);
      expect(exit).not.toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(1_001);
      expect(exit).toHaveBeenCalledWith(1);

      exit.mockClear();
      process.emit(signalName, signalName);
      expect(exit).toHaveBeenCalledWith(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('exits 1 when closing fails', async () => {
    const { running } = service(() => Promise.reject(new Error('pool gone')));
    const exit = jest.fn();
    installGracefulShutdown(running, { delaySeconds: 0, exit, signals: [signalName] });
    process.emit(signalName, signalName);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(exit).toHaveBeenCalledWith(1);
  });
});
