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
exports.MeController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const typeorm_1 = require("typeorm");
const principal_1 = require("../auth/principal");
const sender_number_entity_1 = require("./sender-number.entity");
let MeController = class MeController {
    dataSource;
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    /** smsEnabled is true only when the caller holds at least one SMS-enabled direct number. */
    async me(principal) {
        const numbers = await this.dataSource.getRepository(sender_number_entity_1.SenderNumber).find({ where: { userId: principal.id }, order: { createdAt: 'ASC' } });
        return {
            id: principal.id,
            name: principal.name,
            role: principal.role,
            smsEnabled: numbers.some((n) => n.kind === 'direct' && n.smsEnabled),
            senderNumbers: numbers.map((n) => ({ id: n.id, phoneNumber: n.phoneNumber, kind: n.kind, smsEnabled: n.smsEnabled })),
        };
    }
};
exports.MeController = MeController;
__decorate([
    (0, common_1.Get)(),
    __param(0, (0, principal_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], MeController.prototype, "me", null);
exports.MeController = MeController = __decorate([
    (0, swagger_1.ApiTags)('reps'),
    (0, swagger_1.ApiBearerAuth)(),
    (0, common_1.Controller)('api/me'),
    __metadata("design:paramtypes", [typeorm_1.DataSource])
], MeController);
//# sourceMappingURL=me.controller.js.map