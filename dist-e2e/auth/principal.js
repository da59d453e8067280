"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CurrentPrincipal = exports.AllowQueryToken = exports.QUERY_TOKEN_KEY = exports.Public = exports.PUBLIC_KEY = exports.Roles = exports.ROLES_KEY = void 0;
const common_1 = require("@nestjs/common");
exports.ROLES_KEY = 'roles';
/** Restricts a route or controller to these roles (admins may do whatever reps may). */
const Roles = (...roles) => (0, common_1.SetMetadata)(exports.ROLES_KEY, roles);
exports.Roles = Roles;
exports.PUBLIC_KEY = 'public';
/** Marks a route that needs no Bearer key (health, webhooks, docs). */
const Public = () => (0, common_1.SetMetadata)(exports.PUBLIC_KEY, true);
exports.Public = Public;
exports.QUERY_TOKEN_KEY = 'queryToken';
/**
 * Also accepts the API key as `?access_token=` on this route: a browser's EventSource cannot send
 * an Authorization header. Only for streams; a key in a URL can end up in proxy logs.
 */
const AllowQueryToken = () => (0, common_1.SetMetadata)(exports.QUERY_TOKEN_KEY, true);
exports.AllowQueryToken = AllowQueryToken;
exports.CurrentPrincipal = (0, common_1.createParamDecorator)((_, ctx) => {
    return ctx.switchToHttp().getRequest().principal;
});
//# sourceMappingURL=principal.js.map