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
exports.CrmMappingRecord = void 0;
const typeorm_1 = require("typeorm");
/** The mapping saved through PUT /api/admin/crm-mapping; it overrides the file while present. */
let CrmMappingRecord = class CrmMappingRecord {
    id;
    /** the mapping as JSON */
    document;
    updatedAt;
    updatedBy;
};
exports.CrmMappingRecord = CrmMappingRecord;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 20 }),
    __metadata("design:type", String)
], CrmMappingRecord.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], CrmMappingRecord.prototype, "document", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'updated_at', type: 'varchar', length: 30 }),
    __metadata("design:type", String)
], CrmMappingRecord.prototype, "updatedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'updated_by', type: 'varchar', length: 36, nullable: true }),
    __metadata("design:type", Object)
], CrmMappingRecord.prototype, "updatedBy", void 0);
exports.CrmMappingRecord = CrmMappingRecord = __decorate([
    (0, typeorm_1.Entity)('crm_mapping')
], CrmMappingRecord);
//# sourceMappingURL=crm-mapping-record.entity.js.map