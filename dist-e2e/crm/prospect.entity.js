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
exports.Prospect = void 0;
const typeorm_1 = require("typeorm");
/** The local mirror of one Salesforce Contact or Lead: what the send gate decides on. */
let Prospect = class Prospect {
    /** 18-character Salesforce id */
    id;
    objectType;
    name;
    accountId;
    ownerId;
    doNotCall;
    doNotSms;
    enrolled;
    /** Salesforce SystemModstamp, ISO-8601 UTC */
    systemModstamp;
    syncedAt;
};
exports.Prospect = Prospect;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 18 }),
    __metadata("design:type", String)
], Prospect.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'object_type', type: 'varchar', length: 40 }),
    __metadata("design:type", String)
], Prospect.prototype, "objectType", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 255 }),
    __metadata("design:type", String)
], Prospect.prototype, "name", void 0);
__decorate([
    (0, typeorm_1.Index)(),
    (0, typeorm_1.Column)({ name: 'account_id', type: 'varchar', length: 18, nullable: true }),
    __metadata("design:type", Object)
], Prospect.prototype, "accountId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'owner_id', type: 'varchar', length: 18, nullable: true }),
    __metadata("design:type", Object)
], Prospect.prototype, "ownerId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'do_not_call', type: 'boolean', default: false }),
    __metadata("design:type", Boolean)
], Prospect.prototype, "doNotCall", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'do_not_sms', type: 'boolean', default: false }),
    __metadata("design:type", Boolean)
], Prospect.prototype, "doNotSms", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'boolean', default: false }),
    __metadata("design:type", Boolean)
], Prospect.prototype, "enrolled", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'system_modstamp', type: 'varchar', length: 30 }),
    __metadata("design:type", String)
], Prospect.prototype, "systemModstamp", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'synced_at', type: 'varchar', length: 30 }),
    __metadata("design:type", String)
], Prospect.prototype, "syncedAt", void 0);
exports.Prospect = Prospect = __decorate([
    (0, typeorm_1.Entity)('prospects')
], Prospect);
//# sourceMappingURL=prospect.entity.js.map