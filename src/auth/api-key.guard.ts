import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error';
import { AuthService } from './auth.service';
import { Principal, PUBLIC_KEY, QUERY_TOKEN_KEY, ROLES_KEY } from './principal';
import type { Role } from './user.entity';

/** Every /api route needs `Authorization: Bearer <apiKey>`; @Roles narrows who may call it. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const queryToken = this.reflector.getAllAndOverride<boolean>(QUERY_TOKEN_KEY, targets) ? (request.query as Record<string, unknown>).access_token : undefined;
    const key = match?.[1] ?? (typeof queryToken === 'string' && queryToken ? queryToken : null);
    if (!key) throw new DomainError('UNAUTHORIZED', 'Send your API key as "Authorization: Bearer <key>".');
    const principal = await this.auth.authenticate(key);
    if (!principal) throw new DomainError('UNAUTHORIZED', 'The API key is not valid.');
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role) && principal.role !== 'admin') {
      throw new DomainError('FORBIDDEN', `This needs the ${roles.join(' or ')} role.`);
    }
    return true;
  }
}
