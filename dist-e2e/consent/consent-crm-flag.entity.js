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
exports.ConsentCrmFlag = void 0;
const typeorm_1 = require("typeorm");
/**
 * A prospect whose CRM Do-Not-SMS flag the service set because the number opted out.
 * `setBefore` records that the flag was already set (by people) when the opt-out came: an opt-in
 * then leaves it alone, since only what the prospect did may be undone by the prospect.
 */
let ConsentCrmFlag = class ConsentCrmFlag {
    /** E.164 */
    phoneNumber;
    prospectId;
    setBefore;
    createdAt;
};
exports.ConsentCrmFlag = ConsentCrmFlag;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ name: 'phone_number', type: 'varchar', length: 16 }),
    __metadata("design:type", String)
], ConsentCrmFlag.prototype, "phoneNumber", void 0);
__decorate([
    (0, typeorm_1.PrimaryColumn)({ name: 'prospect_id', type: 'varchar', length: 18 }),
    __metadata("design:type", String)
], ConsentCrmFlag.prototype, "prospectId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'set_before', type: 'boolean' }),
    __metadata("design:type", Boolean)
], ConsentCrmFlag.prototype, "setBefore", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'created_at', type: 'varchar', length: 30 }),
    __metadata("design:type", String)
], ConsentCrmFlag.prototype, "createdAt", void 0);
exports.ConsentCrmFlag = ConsentCrmFlag = __decorate([
    (0, typeorm_1.Entity)('consent_crm_flags')
], ConsentCrmFlag);
//# sourceMappingURL=consent-crm-flag.entity.js.map