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
exports.ConsentController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const principal_1 = require("../auth/principal");
const consent_dto_1 = require("./consent.dto");
const consent_ledger_service_1 = require("./consent-ledger.service");
let ConsentController = class ConsentController {
    ledger;
    constructor(ledger) {
        this.ledger = ledger;
    }
    /** Who blocked this number, when and how: the current state and every block and unblock, oldest first. */
    report(query) {
        return this.ledger.report(query.phone);
    }
};
exports.ConsentController = ConsentController;
__decorate([
    (0, common_1.Get)(),
    (0, swagger_1.ApiOperation)({ summary: 'The consent ledger and current opt-out state of one phone number' }),
    __param(0, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [consent_dto_1.ConsentQuery]),
    __metadata("design:returntype", Promise)
], ConsentController.prototype, "report", null);
exports.ConsentController = ConsentController = __decorate([
    (0, swagger_1.ApiTags)('admin'),
    (0, swagger_1.ApiBearerAuth)(),
    (0, principal_1.Roles)('admin'),
    (0, common_1.Controller)('api/admin/consent'),
    __metadata("design:paramtypes", [consent_ledger_service_1.ConsentLedgerService])
], ConsentController);
//# sourceMappingURL=consent.controller.js.map