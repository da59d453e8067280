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
exports.SendRefusal = void 0;
const typeorm_1 = require("typeorm");
/** The audit log of refused sends: who tried, from which record and number, and which rule said no. */
let SendRefusal = class SendRefusal {
    id;
    userId;
    recordId;
    fromNumber;
    toNumber;
    code;
    details;
    createdAt;
};
exports.SendRefusal = SendRefusal;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 36 }),
    __metadata("design:type", String)
], SendRefusal.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Index)(),
    (0, typeorm_1.Column)({ name: 'user_id', type: 'varchar', length: 36 }),
    __metadata("design:type", String)
], SendRefusal.prototype, "userId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'record_id', type: 'varchar', length: 18, nullable: true }),
    __metadata("design:type", Object)
], SendRefusal.prototype, "recordId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'from_number', type: 'varchar', length: 32, nullable: true }),
    __metadata("design:type", Object)
], SendRefusal.prototype, "fromNumber", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'to_number', type: 'varchar', length: 32, nullable: true }),
    __metadata("design:type", Object)
], SendRefusal.prototype, "toNumber", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 40 }),
    __metadata("design:type", String)
], SendRefusal.prototype, "code", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], SendRefusal.prototype, "details", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'created_at', type: 'varchar', length: 30 }),
    __metadata("design:type", String)
], SendRefusal.prototype, "createdAt", void 0);
exports.SendRefusal = SendRefusal = __decorate([
    (0, typeorm_1.Entity)('send_refusals')
], SendRefusal);
//# sourceMappingURL=send-refusal.entity.js.map