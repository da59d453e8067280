"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requestIdOf = requestIdOf;
exports.registerRequestId = registerRequestId;
const node_crypto_1 = require("node:crypto");
const common_1 = require("@nestjs/common");
const request_context_1 = require("./request-context");
const VALID_ID = /^[A-Za-z0-9._-]{1,100}$/;
/** The request's id: the caller's X-Request-Id when sane, a new one otherwise (Fastify's `genReqId`). */
function requestIdOf(request) {
    const given = request.headers['x-request-id'];
    return typeof given === 'string' && VALID_ID.test(given) ? given : (0, node_crypto_1.randomUUID)();
}
const http = new common_1.Logger('HTTP');
function logAccess(line) {
    http.log({ msg: 'request completed', ...line });
}
/**
 * Each response carries X-Request-Id (`request.id`); logs written while the request is handled
 * carry it too, and one access line is written per answered request. The header goes on the Node
 * response as soon as the request arrives, so errors, 404s and hijacked streams carry it as well;
 * registered first, the hooks also see requests that later hooks refuse (401, 415, …). The log
 * context is entered before the handler (preHandler): body parsing in between runs on the
 * socket's callbacks, which would drop it.
 */
function registerRequestId(fastify, access = logAccess) {
    fastify.addHook('onRequest', (request, reply, done) => {
        reply.raw.setHeader('X-Request-Id', request.id);
        done();
    });
    fastify.addHook('preHandler', (request, _reply, done) => {
        request_context_1.requestContext.run({ requestId: request.id }, done);
    });
    fastify.addHook('onResponse', (request, reply, done) => {
        const query = request.url.indexOf('?');
        access({
            method: request.method,
            path: query === -1 ? request.url : request.url.slice(0, query),
            status: reply.statusCode,
            ms: Math.round(reply.elapsedTime * 10) / 10,
            requestId: request.id,
        });
        done();
    });
}
//# sourceMappingURL=request-id.hook.js.map