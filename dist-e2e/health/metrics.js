"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.httpRequests = exports.metricsRegistry = void 0;
exports.registerLiveGauge = registerLiveGauge;
const prom_client_1 = require("prom-client");
/**
 * The process-wide Prometheus registry. Metrics are created once per process; collectors that
 * read live state (API usage, outbox depth) are registered by the modules that own that state.
 */
exports.metricsRegistry = new prom_client_1.Registry();
(0, prom_client_1.collectDefaultMetrics)({ register: exports.metricsRegistry });
exports.httpRequests = new prom_client_1.Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [exports.metricsRegistry],
});
/** Gauges whose value is read at scrape time from a callback its owner registers. */
const liveValues = new Map();
function registerLiveGauge(name, help, read) {
    liveValues.set(name, read);
    if (exports.metricsRegistry.getSingleMetric(name))
        return;
    new prom_client_1.Gauge({
        name,
        help,
        registers: [exports.metricsRegistry],
        async collect() {
            const reader = liveValues.get(name);
            if (reader)
                this.set(await reader());
        },
    });
}
//# sourceMappingURL=metrics.js.map