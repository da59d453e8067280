"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isApiRoute = isApiRoute;
exports.hasPendingBody = hasPendingBody;
/**
 * Whether the request matched one of the `/api` routes (Bearer key, JSON bodies only). Decided by
 * the route's pattern, so it holds whatever letter case or trailing slash the caller used; an
 * unknown path is no route (404).
 */
function isApiRoute(request) {
    const pattern = request.routeOptions.url;
    return typeof pattern === 'string' && pattern.toLowerCase().startsWith('/api/');
}
/** Whether the request carries a body still to be read (a length above 0, or chunked). */
function hasPendingBody(request) {
    const length = request.headers['content-length'];
    if (length !== undefined)
        return length.trim() !== '0';
    return request.headers['transfer-encoding'] !== undefined;
}
//# sourceMappingURL=api-route.js.map