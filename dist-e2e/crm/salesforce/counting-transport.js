"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.responseDateScope = exports.callScope = void 0;
exports.observeTransports = observeTransports;
const node_async_hooks_1 = require("node:async_hooks");
/** The HTTP status of the last answer inside the current call (AsyncLocalStorage scope). */
exports.callScope = new node_async_hooks_1.AsyncLocalStorage();
/** The `Date` header of the last answer inside this scope: the server's clock, to the second. */
exports.responseDateScope = new node_async_hooks_1.AsyncLocalStorage();
function observeTransports(conn, observer, timeoutMs) {
    const internal = conn;
    internal._transport = wrap(internal._transport, observer, timeoutMs);
    internal.oauth2._transport = wrap(internal.oauth2._transport, observer, timeoutMs);
}
function wrap(inner, observer, timeoutMs) {
    const wrapped = Object.create(inner);
    wrapped.httpRequest = (req, options = {}) => {
        observer.onRequest();
        const pending = inner.httpRequest(req, { ...options, timeout: timeoutMs, retry: { ...options.retry, methods: [] } });
        const scope = exports.callScope.getStore();
        const dated = exports.responseDateScope.getStore();
        pending.then((res) => {
            if (scope)
                scope.status = res.statusCode;
            if (dated && res.headers?.date)
                dated.date = res.headers.date;
            const match = /api-usage=(\d+)\/(\d+)/.exec(res.headers?.['sforce-limit-info'] ?? '');
            if (match)
                observer.onLimitInfo(Number(match[1]), Number(match[2]));
        }, () => undefined);
        return pending;
    };
    return wrapped;
}
//# sourceMappingURL=counting-transport.js.map