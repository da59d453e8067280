import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from './user.entity';

/** Who is calling: a stored user, or the bootstrap admin of ADMIN_API_KEY (no row, no Salesforce user). */
export interface Principal {
  id: string;
  name: string;
  role: Role;
  salesforceUserId: string | null;
  bootstrap: boolean;
}

export const ROLES_KEY = 'roles';
/** Restricts a route or controller to these roles (admins may do whatever reps may). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const PUBLIC_KEY = 'public';
/** Marks a route that needs no Bearer key (health, webhooks, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const QUERY_TOKEN_KEY = 'queryToken';
/**
 * Also accepts the API key as `?access_token=` on this route: a browser's EventSource cannot send
 * an Authorization header. Only for streams; a key in a URL can end up in proxy logs.
 */
export const AllowQueryToken = () => SetMetadata(QUERY_TOKEN_KEY, true);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
});
