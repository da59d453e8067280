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
exports.SyncWatermark = void 0;
const typeorm_1 = require("typeorm");
/**
 * Where the incremental mirror of one object stopped: the (SystemModstamp, Id) of the last
 * committed record (the pair, not the timestamp alone, because many records share a stamp), or,
 * once a run has read up to its cutoff, that cutoff with an empty id: everything stamped before
 * it is read, the next poll starts at it (mirror-spec.ts, Watermark).
 */
let SyncWatermark = class SyncWatermark {
    objectName;
    lastModstamp;
    lastId;
    updatedAt;
};
exports.SyncWatermark = SyncWatermark;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ name: 'object_name', type: 'varchar', length: 80 }),
    __metadata("design:type", String)
], SyncWatermark.prototype, "objectName", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'last_modstamp', type: 'varchar', length: 30 }),
    __metadata("design:type", String)
], SyncWatermark.prototype, "lastModstamp", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'last_id', type: 'varchar', length: 18 }),
    __metadata("design:type", String)
], SyncWatermark.prototype, "lastId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'updated_at', type: 'varchar', length: 30 }),
    __metadata("design:type", String)
], SyncWatermark.prototype, "updatedAt", void 0);
exports.SyncWatermark = SyncWatermark = __decorate([
    (0, typeorm_1.Entity)('sync_watermarks')
], SyncWatermark);
//# sourceMappingURL=sync-watermark.entity.js.map