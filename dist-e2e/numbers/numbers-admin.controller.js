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
exports.NumbersAdminController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const principal_1 = require("../auth/principal");
const domain_error_1 = require("../common/domain-error");
const number_dto_1 = require("./number.dto");
const numbers_service_1 = require("./numbers.service");
const sms_requests_service_1 = require("./sms-requests.service");
const REQUEST_STATUSES = ['pending', 'approved', 'rejected'];
let NumbersAdminController = class NumbersAdminController {
    numbers;
    requests;
    constructor(numbers, requests) {
        this.numbers = numbers;
        this.requests = requests;
    }
    /** Assigns a number to a rep: 422 UNSUPPORTED_COUNTRY / LOCAL_PRESENCE_NUMBER, 404 unknown user, 409 taken. */
    async assign(dto) {
        return (0, numbers_service_1.toNumberView)(await this.numbers.assign(dto));
    }
    async list(userId) {
        return (await this.numbers.list(userId)).map(numbers_service_1.toNumberView);
    }
    listRequests(status) {
        if (status !== undefined && !REQUEST_STATUSES.includes(status)) {
            throw new domain_error_1.DomainError('VALIDATION_FAILED', `status must be one of ${REQUEST_STATUSES.join(', ')}.`);
        }
        return this.requests.list(status);
    }
    approve(admin, id) {
        return this.requests.approve(admin, id);
    }
    reject(admin, id) {
        return this.requests.reject(admin, id);
    }
};
exports.NumbersAdminController = NumbersAdminController;
__decorate([
    (0, common_1.Post)('numbers'),
    __param(0, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [number_dto_1.AssignNumberDto]),
    __metadata("design:returntype", Promise)
], NumbersAdminController.prototype, "assign", null);
__decorate([
    (0, common_1.Get)('numbers'),
    (0, swagger_1.ApiQuery)({ name: 'userId', required: false }),
    __param(0, (0, common_1.Query)('userId')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", Promise)
], NumbersAdminController.prototype, "list", null);
__decorate([
    (0, common_1.Get)('sms-requests'),
    (0, swagger_1.ApiQuery)({ name: 'status', required: false, enum: REQUEST_STATUSES }),
    __param(0, (0, common_1.Query)('status')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", void 0)
], NumbersAdminController.prototype, "listRequests", null);
__decorate([
    (0, common_1.Post)('sms-requests/:id/approve'),
    (0, common_1.HttpCode)(200),
    __param(0, (0, principal_1.CurrentPrincipal)()),
    __param(1, (0, common_1.Param)('id')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", void 0)
], NumbersAdminController.prototype, "approve", null);
__decorate([
    (0, common_1.Post)('sms-requests/:id/reject'),
    (0, common_1.HttpCode)(200),
    __param(0, (0, principal_1.CurrentPrincipal)()),
    __param(1, (0, common_1.Param)('id')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", void 0)
], NumbersAdminController.prototype, "reject", null);
exports.NumbersAdminController = NumbersAdminController = __decorate([
    (0, swagger_1.ApiTags)('admin'),
    (0, swagger_1.ApiBearerAuth)(),
    (0, principal_1.Roles)('admin'),
    (0, common_1.Controller)('api/admin'),
    __metadata("design:paramtypes", [numbers_service_1.NumbersService,
        sms_requests_service_1.SmsRequestsService])
], NumbersAdminController);
//# sourceMappingURL=numbers-admin.controller.js.map