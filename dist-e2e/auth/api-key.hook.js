"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.INVALID_KEY = exports.MISSING_KEY = void 0;
exports.bearerKey = bearerKey;
exports.queryKey = queryKey;
exports.registerApiKeyPrecheck = registerApiKeyPrecheck;
const api_route_1 = require("../common/api-route");
const domain_error_1 = require("../common/domain-error");
exports.MISSING_KEY = 'Send your API key as "Authorization: Bearer <key>".';
exports.INVALID_KEY = 'The API key is not valid.';
/** The key of `Authorization: Bearer <key>`, or null. */
function bearerKey(header) {
    return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? null;
}
function queryKey(request) {
    const token = request.query?.access_token;
    return typeof token === 'string' && token ? token : null;
}
/**
 * Checks the API key of every `/api` request as soon as its headers are in, before the body is
 * read: a request without a valid key is answered 401 at once (and the connection closed when a
 * body was on its way), so an anonymous client cannot make the service read, buffer or parse a body.
 * The principal found is left on the request; ApiKeyGuard applies the route's rules to it.
 */
function registerApiKeyPrecheck(fastify, auth) {
    fastify.addHook('onRequest', async (request, reply) => {
        if (!(0, api_route_1.isApiRoute)(request))
            return;
        const fromHeader = bearerKey(request.headers.authorization);
        const key = fromHeader ?? queryKey(request);
        const principal = key ? await auth.authenticate(key) : null;
        if (!principal) {
            if ((0, api_route_1.hasPendingBody)(request))
                reply.raw.setHeader('Connection', 'close');
            throw new domain_error_1.DomainError('UNAUTHORIZED', key ? exports.INVALID_KEY : exports.MISSING_KEY);
        }
        const keyed = request;
        keyed.principal = principal;
        keyed.apiKeyVia = fromHeader ? 'header' : 'query';
    });
}
//# sourceMappingURL=api-key.hook.js.map