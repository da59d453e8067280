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
exports.ConsentBlock = void 0;
const typeorm_1 = require("typeorm");
/** The current org-wide opt-out state of one phone number (the ledger says how it got there). */
let ConsentBlock = class ConsentBlock {
    /** E.164 */
    phoneNumber;
    blocked;
    source;
    updatedAt;
};
exports.ConsentBlock = ConsentBlock;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ name: 'phone_number', type: 'varchar', length: 16 }),
    __metadata("design:type", String)
], ConsentBlock.prototype, "phoneNumber", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'boolean' }),
    __metadata("design:type", Boolean)
], ConsentBlock.prototype, "blocked", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 20 }),
    __metadata("design:type", String)
], ConsentBlock.prototype, "source", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'updated_at', type: 'varchar', length: 30 }),
    __metadata("design:type", String)
], ConsentBlock.prototype, "updatedAt", void 0);
exports.ConsentBlock = ConsentBlock = __decorate([
    (0, typeorm_1.Entity)('consent_blocks')
], ConsentBlock);
//# sourceMappingURL=consent-block.entity.js.map