"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_URL_LENGTH = exports.BODY_LIMIT_BYTES = void 0;
exports.timeoutOptions = timeoutOptions;
exports.clientErrorHandler = clientErrorHandler;
exports.frameworkErrors = frameworkErrors;
exports.registerEdgeChecks = registerEdgeChecks;
exports.jsonBodyParser = jsonBodyParser;
const node_http_1 = require("node:http");
const api_route_1 = require("../common/api-route");
const domain_error_1 = require("../common/domain-error");
const json_body_1 = require("./json-body");
/**
 * The edge of the HTTP server: what is refused before a route handler runs, and every answer the
 * HTTP layer gives itself (408, 414, 431, a malformed request or URL), in the contract's error
 * shape `{error: {code, message}}` (CONTRACT §2).
 */
/** The largest request body accepted (413 PAYLOAD_TOO_LARGE above it). */
exports.BODY_LIMIT_BYTES = 256 * 1024;
/** A longer URL is answered 414 (Node's parser refuses a request line and headers above 16 KB: 431). */
exports.MAX_URL_LENGTH = 8 * 1024;
/** How often Node looks for requests past their timeout. */
const TIMEOUT_CHECK_INTERVAL_MS = 250;
/**
 * Fastify server options for the timeouts of HTTP_REQUEST_TIMEOUT_SECONDS and
 * HTTP_IDLE_TIMEOUT_SECONDS. Node cuts a request up to one check interval after its timeout
 * passed, so the timeout given to Node is the setting less that interval: a slow request is cut
 * by the setting at the latest.
 */
function timeoutOptions(timeouts) {
    const requestTimeout = timeouts.requestTimeoutSeconds * 1000 - TIMEOUT_CHECK_INTERVAL_MS;
    const idle = timeouts.idleTimeoutSeconds * 1000;
    return {
        // headers and body together must arrive within requestTimeout of the request's first byte
        requestTimeout,
        // a kept-alive connection waiting for its next request
        keepAliveTimeout: idle,
        // a socket on which nothing moves in either direction (SSE streams turn this off for theirs)
        connectionTimeout: idle,
        http: { headersTimeout: requestTimeout, requestTimeout, connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS },
    };
}
function errorBody(code, message, requestId) {
    return JSON.stringify({ error: requestId ? { code, message, requestId } : { code, message } });
}
/**
 * Node's `clientError`: a request that cannot be answered through Fastify because it never became
 * one — too slow (408), a request line and headers above 16 KB (431), not HTTP (400). Written on the
 * raw socket, which is then closed.
 */
function clientErrorHandler(error, socket) {
    if (error.code === 'ECONNRESET' || socket.destroyed)
        return;
    const [code, message] = error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ['REQUEST_TIMEOUT', 'The request did not arrive in time; the connection is closed.']
        : error.code === 'HPE_HEADER_OVERFLOW'
            ? ['HEADERS_TOO_LARGE', 'The request line and headers are larger than 16 KB.']
            : ['BAD_REQUEST', 'The request is not valid HTTP.'];
    const status = domain_error_1.ERROR_STATUS[code];
    const body = errorBody(code, message);
    // never in the middle of a response already on its way (Node's own rule)
    const inFlight = socket._httpMessage;
    if (socket.writable && !inFlight?.headersSent) {
        socket.write(`HTTP/1.1 ${status} ${node_http_1.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    }
    socket.destroy();
}
/** Fastify's router refusals (a malformed URL, an over-long route parameter), before any hook runs. */
function frameworkErrors(error, request, reply) {
    const [code, message] = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? ['URI_TOO_LONG', 'A path segment of the URL is longer than allowed.'] : ['BAD_REQUEST', 'The URL is not valid.'];
    void reply
        .code(domain_error_1.ERROR_STATUS[code])
        .header('X-Request-Id', request.id)
        .type('application/json; charset=utf-8')
        .send(errorBody(code, message, request.id));
}
/**
 * Refusals decided from the request line and headers alone, before the body is read (registered
 * after the request id and the API-key pre-check): a URL above MAX_URL_LENGTH (414), and on `/api`
 * routes a body that is not `application/json` in UTF-8 (415), so a form or a `charset=utf-7`
 * body is never parsed nor acted on. Webhooks keep Twilio's form encoding.
 */
function registerEdgeChecks(fastify) {
    fastify.addHook('onRequest', (request, reply, done) => {
        if (request.raw.url !== undefined && request.raw.url.length > exports.MAX_URL_LENGTH) {
            done(new domain_error_1.DomainError('URI_TOO_LONG', `The URL is longer than ${exports.MAX_URL_LENGTH} characters.`));
            return;
        }
        if ((0, api_route_1.isApiRoute)(request) && (0, api_route_1.hasPendingBody)(request) && !(0, json_body_1.isAcceptedJsonType)(request.headers['content-type'])) {
            reply.raw.setHeader('Connection', 'close');
            done(new domain_error_1.DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json (UTF-8).', { contentType: request.headers['content-type'] ?? null }));
            return;
        }
        done();
    });
}
/**
 * The JSON body parser: an empty body reads as {} (validation answers it); bytes that are not
 * UTF-8 are refused (400 MALFORMED_JSON) rather than turned into U+FFFD; a body nested deeper than
 * JSON_MAX_DEPTH is refused (400 JSON_TOO_DEEP) before any parser or validator recurses into it;
 * then Fastify's parser (which refuses `__proto__` and `constructor.prototype` keys).
 */
function jsonBodyParser(fastify) {
    const parse = fastify.getDefaultJsonParser('error', 'error');
    return (request, body, done) => {
        const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
        if (bytes.length === 0)
            return done(null, {});
        const text = (0, json_body_1.decodeUtf8)(bytes);
        if (text === null)
            return done(new domain_error_1.DomainError('MALFORMED_JSON', 'The request body is not valid UTF-8.'));
        if ((0, json_body_1.nestsDeeperThan)(text, json_body_1.JSON_MAX_DEPTH)) {
            return done(new domain_error_1.DomainError('JSON_TOO_DEEP', `The request body nests objects and arrays deeper than ${json_body_1.JSON_MAX_DEPTH} levels.`, { limit: json_body_1.JSON_MAX_DEPTH }));
        }
        parse(request, text, done);
    };
}
//# sourceMappingURL=http-edge.js.map