import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { requestContext } from './request-context';

const VALID_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** The request's id: the caller's X-Request-Id when sane, a new one otherwise (Fastify's `genReqId`). */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && VALID_ID.test(given) ? given : randomUUID();
}

/**
 * Each response carries X-Request-Id (`request.id`); logs written while the request is handled
 * carry it too. The header goes on the Node response as soon as the request arrives, so errors,
 * 404s and hijacked streams carry it as well. The log context is entered before the handler
 * (preHandler): body parsing in between runs on the socket's callbacks, which would drop it.
 */
export function registerRequestId(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.raw.setHeader('X-Request-Id', request.id);
    done();
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    requestContext.run({ requestId: request.id }, done);
  });
}
