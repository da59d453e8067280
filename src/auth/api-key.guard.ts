import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error';
import { bearerKey, INVALID_KEY, KeyedRequest, MISSING_KEY, queryKey } from './api-key.hook';
import { AuthService } from './auth.service';
import { PUBLIC_KEY, QUERY_TOKEN_KEY, ROLES_KEY } from './principal';
import type { Role } from './user.entity';

/**
 * Every /api route needs `Authorization: Bearer <apiKey>`; @Roles narrows who may call it. The key
 * was usually checked already, before the body was read (api-key.hook.ts); routes outside /api
 * that are not @Public are checked here.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & KeyedRequest>();
    const queryAllowed = this.reflector.getAllAndOverride<boolean>(QUERY_TOKEN_KEY, targets) === true;
    if (!request.principal || (request.apiKeyVia === 'query' && !queryAllowed)) {
      const fromHeader = bearerKey(request.headers.authorization);
      const key = fromHeader ?? (queryAllowed ? queryKey(request) : null);
      if (!key) throw new DomainError('UNAUTHORIZED', MISSING_KEY);
      const principal = await this.auth.authenticate(key);
      if (!principal) throw new DomainError('UNAUTHORIZED', INVALID_KEY);
      request.principal = principal;
      request.apiKeyVia = fromHeader ? 'header' : 'query';
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.principal.role) && request.principal.role !== 'admin') {
      throw new DomainError('FORBIDDEN', `This needs the ${roles.join(' or ')} role.`);
    }
    return true;
  }
}
