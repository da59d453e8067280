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
exports.ProspectPhone = void 0;
const typeorm_1 = require("typeorm");
/** The phone index: one row per (prospect, mapped phone field) holding a valid E.164 number. */
let ProspectPhone = class ProspectPhone {
    prospectId;
    /** the Salesforce field it came from, e.g. MobilePhone */
    field;
    /** priority order of the field in the mapping, 0 first */
    position;
    e164;
};
exports.ProspectPhone = ProspectPhone;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ name: 'prospect_id', type: 'varchar', length: 18 }),
    __metadata("design:type", String)
], ProspectPhone.prototype, "prospectId", void 0);
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 80 }),
    __metadata("design:type", String)
], ProspectPhone.prototype, "field", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer' }),
    __metadata("design:type", Number)
], ProspectPhone.prototype, "position", void 0);
__decorate([
    (0, typeorm_1.Index)(),
    (0, typeorm_1.Column)({ type: 'varchar', length: 16 }),
    __metadata("design:type", String)
], ProspectPhone.prototype, "e164", void 0);
exports.ProspectPhone = ProspectPhone = __decorate([
    (0, typeorm_1.Entity)('prospect_phones')
], ProspectPhone);
//# sourceMappingURL=prospect-phone.entity.js.map