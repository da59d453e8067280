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
exports.MeKeysController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const domain_error_1 = require("../common/domain-error");
const auth_service_1 = require("./auth.service");
const principal_1 = require("./principal");
let MeKeysController = class MeKeysController {
    auth;
    constructor(auth) {
        this.auth = auth;
    }
    /** The caller's own key rotated: the new key in the answer (shown once), the one used for this call refused from now on. */
    async rotate(principal) {
        if (principal.bootstrap) {
            throw new domain_error_1.DomainError('FORBIDDEN', 'The bootstrap admin key is the ADMIN_API_KEY setting: change the setting to change the key.');
        }
        return { apiKey: await this.auth.rotateKey(principal.id, principal) };
    }
};
exports.MeKeysController = MeKeysController;
__decorate([
    (0, common_1.Post)(),
    (0, swagger_1.ApiCreatedResponse)({ description: '{apiKey}: the new key, shown once' }),
    __param(0, (0, principal_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], MeKeysController.prototype, "rotate", null);
exports.MeKeysController = MeKeysController = __decorate([
    (0, swagger_1.ApiTags)('reps'),
    (0, swagger_1.ApiBearerAuth)(),
    (0, common_1.Controller)('api/me/keys'),
    __metadata("design:paramtypes", [auth_service_1.AuthService])
], MeKeysController);
//# sourceMappingURL=me-keys.controller.js.map