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
exports.SenderNumber = void 0;
const typeorm_1 = require("typeorm");
/** A Direct Inbound Number (or LocalPresence number) held by one rep. */
let SenderNumber = class SenderNumber {
    id;
    /** E.164 */
    phoneNumber;
    userId;
    kind;
    smsEnabled;
    createdAt;
};
exports.SenderNumber = SenderNumber;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 36 }),
    __metadata("design:type", String)
], SenderNumber.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'phone_number', type: 'varchar', length: 16, unique: true }),
    __metadata("design:type", String)
], SenderNumber.prototype, "phoneNumber", void 0);
__decorate([
    (0, typeorm_1.Index)(),
    (0, typeorm_1.Column)({ name: 'user_id', type: 'varchar', length: 36 }),
    __metadata("design:type", String)
], SenderNumber.prototype, "userId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 16 }),
    __metadata("design:type", String)
], SenderNumber.prototype, "kind", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'sms_enabled', type: 'boolean' }),
    __metadata("design:type", Boolean)
], SenderNumber.prototype, "smsEnabled", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'created_at', type: 'varchar', length: 30 }),
    __metadata("design:type", String)
], SenderNumber.prototype, "createdAt", void 0);
exports.SenderNumber = SenderNumber = __decorate([
    (0, typeorm_1.Entity)('sender_numbers')
], SenderNumber);
//# sourceMappingURL=sender-number.entity.js.map