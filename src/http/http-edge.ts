import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasPendingBody, isApiRoute } from '../common/api-route';
import { DomainError, ERROR_STATUS, ErrorCode } from '../common/domain-error';
import type { HttpTimeouts } from '../config/app-config';
import { decodeUtf8, isAcceptedJsonType, JSON_MAX_DEPTH, nestsDeeperThan } from './json-body';

/**
 * The edge of the HTTP server: what is refused before a route handler runs, and every answer the
 * HTTP layer gives itself (408, 414, 431, a malformed request or URL), in the contract's error
 * shape `{error: {code, message}}` (CONTRACT §2).
 */

/** The largest request body accepted (413 PAYLOAD_TOO_LARGE above it). */
export const BODY_LIMIT_BYTES = 256 * 1024;
/** A longer URL is answered 414 (Node's parser refuses a request line and headers above 16 KB: 431). */
export const MAX_URL_LENGTH = 8 * 1024;
/** How often Node looks for requests past their timeout. */
const TIMEOUT_CHECK_INTERVAL_MS = 250;

/**
 * Fastify server options for the timeouts of HTTP_REQUEST_TIMEOUT_SECONDS and
 * HTTP_IDLE_TIMEOUT_SECONDS. Node cuts a request up to one check interval after its timeout
 * passed, so the timeout given to Node is the setting less that interval: a slow request is cut
 * by the setting at the latest.
 */
export function timeoutOptions(timeouts: HttpTimeouts) {
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

function errorBody(code: ErrorCode, message: string, requestId?: string): string {
  return JSON.stringify({ error: requestId ? { code, message, requestId } : { code, message } });
}

/**
 * Node's `clientError`: a request that cannot be answered through Fastify because it never became
 * one — too slow (408), a request line and headers above 16 KB (431), not HTTP (400). Written on the
 * raw socket, which is then closed.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [code, message]: [ErrorCode, string] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? ['REQUEST_TIMEOUT', 'The request did not arrive in time; the connection is closed.']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? ['HEADERS_TOO_LARGE', 'The request line and headers are larger than 16 KB.']
        : ['BAD_REQUEST', 'The request is not valid HTTP.'];
  const status = ERROR_STATUS[code];
  const body = errorBody(code, message);
  // never in the middle of a response already on its way (Node's own rule)
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** Fastify's router refusals (a malformed URL, an over-long route parameter), before any hook runs. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const [code, message]: [ErrorCode, string] =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? ['URI_TOO_LONG', 'A path segment of the URL is longer than allowed.'] : ['BAD_REQUEST', 'The URL is not valid.'];
  void reply
    .code(ERROR_STATUS[code])
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
export function registerEdgeChecks(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.raw.url !== undefined && request.raw.url.length > MAX_URL_LENGTH) {
      done(new DomainError('URI_TOO_LONG', `The URL is longer than ${MAX_URL_LENGTH} characters.`));
      return;
    }
    if (isApiRoute(request) && hasPendingBody(request) && !isAcceptedJsonType(request.headers['content-type'])) {
      reply.raw.setHeader('Connection', 'close');
      done(new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json (UTF-8).', { contentType: request.headers['content-type'] ?? null }));
      return;
    }
    done();
  });
}

type JsonParser = ReturnType<FastifyInstance['getDefaultJsonParser']>;

/**
 * The JSON body parser: an empty body reads as {} (validation answers it); bytes that are not
 * UTF-8 are refused (400 MALFORMED_JSON) rather than turned into U+FFFD; a body nested deeper than
 * JSON_MAX_DEPTH is refused (400 JSON_TOO_DEEP) before any parser or validator recurses into it;
 * then Fastify's parser (which refuses `__proto__` and `constructor.prototype` keys).
 */
export function jsonBodyParser(fastify: FastifyInstance) {
  const parse: JsonParser = fastify.getDefaultJsonParser('error', 'error');
  return (request: FastifyRequest, body: string | Buffer, done: (error: Error | null, value?: unknown) => void): void => {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    if (bytes.length === 0) return done(null, {});
    const text = decodeUtf8(bytes);
    if (text === null) return done(new DomainError('MALFORMED_JSON', 'The request body is not valid UTF-8.'));
    if (nestsDeeperThan(text, JSON_MAX_DEPTH)) {
      return done(new DomainError('JSON_TOO_DEEP', `The request body nests objects and arrays deeper than ${JSON_MAX_DEPTH} levels.`, { limit: JSON_MAX_DEPTH }));
    }
    // callback style: Fastify's default parser reports through `done` (its Promise type is for async parsers)
    void parse(request, text, done);
  };
}
