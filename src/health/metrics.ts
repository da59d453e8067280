import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process-wide Prometheus registry. Metrics are created once per process; collectors that
 * read live state (API usage, outbox depth) are registered by the modules that own that state.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const httpRequests = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests answered, by method, route and status',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [metricsRegistry],
});

/** Gauges whose value is read at scrape time from a callback its owner registers. */
const liveValues = new Map<string, () => number | Promise<number>>();

export function registerLiveGauge(name: string, help: string, read: () => number | Promise<number>): void {
  liveValues.set(name, read);
  if (metricsRegistry.getSingleMetric(name)) return;
  new Gauge({
    name,
    help,
    registers: [metricsRegistry],
    async collect() {
      const reader = liveValues.get(name);
      if (reader) this.set(await reader());
    },
  });
}
