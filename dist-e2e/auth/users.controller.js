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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.UsersController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const auth_service_1 = require("./auth.service");
const principal_1 = require("./principal");
const user_dto_1 = require("./user.dto");
let UsersController = class UsersController {
    auth;
    constructor(auth) {
        this.auth = auth;
    }
    /** The key is in this response only; it is stored hashed. */
    async create(dto) {
        const { user, apiKey } = await this.auth.createUser(dto);
        return { id: user.id, salesforceUserId: user.salesforceUserId, name: user.name, email: user.email, role: user.role, apiKey };
    }
    /** A new key for the user, shown once; the old one is refused from now on. 404 for an unknown user. */
    async rotate(id, admin) {
        return { apiKey: await this.auth.rotateKey(id, admin) };
    }
    /** The user's key is revoked: every request with it is refused (401) until an admin rotates it. */
    async revoke(id, admin) {
        await this.auth.revokeKey(id, admin);
    }
};
exports.UsersController = UsersController;
__decorate([
    (0, common_1.Post)(),
    __param(0, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [user_dto_1.CreateUserDto]),
    __metadata("design:returntype", Promise)
], UsersController.prototype, "create", null);
__decorate([
    (0, common_1.Post)(':id/keys'),
    (0, swagger_1.ApiCreatedResponse)({ description: '{apiKey}: the new key, shown once' }),
    __param(0, (0, common_1.Param)('id')),
    __param(1, (0, principal_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], UsersController.prototype, "rotate", null);
__decorate([
    (0, common_1.Delete)(':id/keys'),
    (0, common_1.HttpCode)(204),
    (0, swagger_1.ApiNoContentResponse)({ description: 'revoked' }),
    __param(0, (0, common_1.Param)('id')),
    __param(1, (0, principal_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object]),
    __metadata("design:returntype", Promise)
], UsersController.prototype, "revoke", null);
exports.UsersController = UsersController = __decorate([
    (0, swagger_1.ApiTags)('admin'),
    (0, swagger_1.ApiBearerAuth)(),
    (0, principal_1.Roles)('admin'),
    (0, common_1.Controller)('api/admin/users'),
    __metadata("design:paramtypes", [auth_service_1.AuthService])
], UsersController);
//# sourceMappingURL=users.controller.js.map