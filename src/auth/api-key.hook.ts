import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasPendingBody, isApiRoute } from '../common/api-route';
import { DomainError } from '../common/domain-error';
import type { AuthService } from './auth.service';
import type { Principal } from './principal';

/** What the pre-check leaves on the request for ApiKeyGuard. */
export interface KeyedRequest {
  principal?: Principal;
  /** where the key came from: the Authorization header, or `?access_token=` (streams only; the guard decides) */
  apiKeyVia?: 'header' | 'query';
}

export const MISSING_KEY = 'Send your API key as "Authorization: Bearer <key>".';
export const INVALID_KEY = 'The API key is not valid.';

/** The key of `Authorization: Bearer <key>`, or null. */
export function bearerKey(header: string | undefined): string | null {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? null;
}

export function queryKey(request: FastifyRequest): string | null {
  const token = (request.query as Record<string, unknown> | undefined)?.access_token;
  return typeof token === 'string' && token ? token : null;
}

/**
 * Checks the API key of every `/api` request as soon as its headers are in, before the body is
 * read: a request without a valid key is answered 401 at once (and the connection closed when a
 * body was on its way), so an anonymous client cannot make the service read, buffer or parse a body.
 * The principal found is left on the request; ApiKeyGuard applies the route's rules to it.
 */
export function registerApiKeyPrecheck(fastify: FastifyInstance, auth: AuthService): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (!isApiRoute(request)) return;
    const fromHeader = bearerKey(request.headers.authorization);
    const key = fromHeader ?? queryKey(request);
    const principal = key ? await auth.authenticate(key) : null;
    if (!principal) {
      if (hasPendingBody(request)) reply.raw.setHeader('Connection', 'close');
      throw new DomainError('UNAUTHORIZED', key ? INVALID_KEY : MISSING_KEY);
    }
    const keyed = request as FastifyRequest & KeyedRequest;
    keyed.principal = principal;
    keyed.apiKeyVia = fromHeader ? 'header' : 'query';
  });
}
