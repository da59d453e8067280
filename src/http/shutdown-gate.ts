import type { FastifyInstance } from 'fastify';
import type { ShutdownSignal } from '../common/shutdown-signal';

/**
 * Once the instance is closing (after its drain delay), a request that still reaches it (on a
 * kept-alive connection, or before the listener is shut) is answered 503 SHUTTING_DOWN in the
 * contract's error shape, with `Connection: close`, instead of Fastify's own 503 body or a reset.
 * Fastify's `return503OnClosing` is off for this (create-app.ts).
 */
export function registerShutdownGate(fastify: FastifyInstance, signal: ShutdownSignal): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!signal.closing) return done();
    void reply
      .code(503)
      .header('Connection', 'close')
      .header('Retry-After', '1')
      .type('application/json; charset=utf-8')
      .send({ error: { code: 'SHUTTING_DOWN', message: 'This instance is shutting down; send the request again (another instance will answer it).', requestId: request.id } });
  });
}
