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
exports.SmsRequest = void 0;
const typeorm_1 = require("typeorm");
/** A rep's request to have SMS enabled on one of their numbers, decided by an admin. */
let SmsRequest = class SmsRequest {
    id;
    numberId;
    userId;
    status;
    decidedBy;
    decidedAt;
    createdAt;
};
exports.SmsRequest = SmsRequest;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 36 }),
    __metadata("design:type", String)
], SmsRequest.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Index)(),
    (0, typeorm_1.Column)({ name: 'number_id', type: 'varchar', length: 36 }),
    __metadata("design:type", String)
], SmsRequest.prototype, "numberId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'user_id', type: 'varchar', length: 36 }),
    __metadata("design:type", String)
], SmsRequest.prototype, "userId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 10 }),
    __metadata("design:type", String)
], SmsRequest.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'decided_by', type: 'varchar', length: 36, nullable: true }),
    __metadata("design:type", Object)
], SmsRequest.prototype, "decidedBy", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'decided_at', type: 'varchar', length: 30, nullable: true }),
    __metadata("design:type", Object)
], SmsRequest.prototype, "decidedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'created_at', type: 'varchar', length: 30 }),
    __metadata("design:type", String)
], SmsRequest.prototype, "createdAt", void 0);
exports.SmsRequest = SmsRequest = __decorate([
    (0, typeorm_1.Entity)('sms_requests')
], SmsRequest);
//# sourceMappingURL=sms-request.entity.js.map