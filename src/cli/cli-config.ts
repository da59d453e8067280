import type { AppConfig } from '../config/app-config';

/**
 * The settings as a command (`sync`, `mapping validate`) runs with them: no schedules (they belong
 * to the service), and job runs held under a name of its own (INSTANCE_NAME + `:cli-` + pid), so
 * that a command started beside a service of the same INSTANCE_NAME never takes that service's
 * runs for dead runs of its own.
 */
export function asCommandLine(config: AppConfig, pid: number = process.pid): AppConfig {
  return {
    ...config,
    instanceName: `${config.instanceName.slice(0, 48)}:cli-${pid}`,
    schedules: { mirror: null, fullResync: null, activityFlush: null, reconcile: null, replySweep: null, deliveryReconcile: null },
  };
}
