import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { requestContext } from './request-context';

const VALID_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** The request's id: the caller's X-Request-Id when sane, a new one otherwise (Fastify's `genReqId`). */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && VALID_ID.test(given) ? given : randomUUID();
}

/** The access line of one answered request. */
export interface AccessLine {
  method: string;
  /** without the query string (which may carry an access token), decoded (pathOf) */
  path: string;
  status: number;
  ms: number;
  requestId: string;
}

const http = new Logger('HTTP');

function logAccess(line: AccessLine): void {
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
export function registerRequestId(fastify: FastifyInstance, access: (line: AccessLine) => void = logAccess): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.raw.setHeader('X-Request-Id', request.id);
    done();
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    requestContext.run({ requestId: request.id }, done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    access({
      method: request.method,
      path: pathOf(request.url),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      requestId: request.id,
    });
    done();
  });
}

/**
 * The path as logged: without the query string, percent-decoded (so that the log's redaction sees
 * an encoded phone number or key as it is), control characters replaced (no forged log lines).
 */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  const raw = query === -1 ? url : url.slice(0, query);
  let path = raw;
  try {
    path = decodeURIComponent(raw);
  } catch {
    // a malformed escape: logged as it came
  }
  return path.replace(/[\u0000-\u001f\u007f]/g, '\uFFFD');
}
