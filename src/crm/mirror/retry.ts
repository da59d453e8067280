import { Injectable } from '@nestjs/common';
import { CrmError } from '../crm-gateway.port';

/**
 * Back-off for a mirror page that fails with a transient CrmError (503, REQUEST_LIMIT_EXCEEDED,
 * network): one try plus one per delay. A provider, so tests shorten the delays.
 */
@Injectable()
export class MirrorRetryPolicy {
  delaysMs: number[] = [1_000, 4_000, 15_000];
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `call`, retrying retryable CrmErrors after each delay in turn; `onAttempt` is told of
 * every try (each is one Salesforce API call) and `onRetry` of every retry.
 */
export async function withRetry<T>(
  call: () => Promise<T>,
  policy: MirrorRetryPolicy,
  hooks: { onAttempt: () => void; onRetry: (error: CrmError, attempt: number) => void },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    hooks.onAttempt();
    try {
      return await call();
    } catch (error) {
      const retryable = error instanceof CrmError && error.retryable;
      if (!retryable || attempt >= policy.delaysMs.length) throw error;
      hooks.onRetry(error, attempt + 1);
      await policy.sleep(policy.delaysMs[attempt]);
    }
  }
}
