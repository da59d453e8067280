"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ApiKeyGuard = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const domain_error_1 = require("../common/domain-error");
const api_key_hook_1 = require("./api-key.hook");
const auth_service_1 = require("./auth.service");
const principal_1 = require("./principal");
/**
 * Every /api route needs `Authorization: Bearer <apiKey>`; @Roles narrows who may call it. The key
 * was usually checked already, before the body was read (api-key.hook.ts); routes outside /api
 * that are not @Public are checked here.
 */
let ApiKeyGuard = class ApiKeyGuard {
    reflector;
    auth;
    constructor(reflector, auth) {
        this.reflector = reflector;
        this.auth = auth;
    }
    async canActivate(context) {
        const targets = [context.getHandler(), context.getClass()];
        if (this.reflector.getAllAndOverride(principal_1.PUBLIC_KEY, targets))
            return true;
        const request = context.switchToHttp().getRequest();
        const queryAllowed = this.reflector.getAllAndOverride(principal_1.QUERY_TOKEN_KEY, targets) === true;
        if (!request.principal || (request.apiKeyVia === 'query' && !queryAllowed)) {
            const fromHeader = (0, api_key_hook_1.bearerKey)(request.headers.authorization);
            const key = fromHeader ?? (queryAllowed ? (0, api_key_hook_1.queryKey)(request) : null);
            if (!key)
                throw new domain_error_1.DomainError('UNAUTHORIZED', api_key_hook_1.MISSING_KEY);
            const principal = await this.auth.authenticate(key);
            if (!principal)
                throw new domain_error_1.DomainError('UNAUTHORIZED', api_key_hook_1.INVALID_KEY);
            request.principal = principal;
            request.apiKeyVia = fromHeader ? 'header' : 'query';
        }
        const roles = this.reflector.getAllAndOverride(principal_1.ROLES_KEY, targets);
        if (roles && !roles.includes(request.principal.role) && request.principal.role !== 'admin') {
            throw new domain_error_1.DomainError('FORBIDDEN', `This needs the ${roles.join(' or ')} role.`);
        }
        return true;
    }
};
exports.ApiKeyGuard = ApiKeyGuard;
exports.ApiKeyGuard = ApiKeyGuard = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [core_1.Reflector,
        auth_service_1.AuthService])
], ApiKeyGuard);
//# sourceMappingURL=api-key.guard.js.map