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
exports.OutboxEntry = void 0;
const typeorm_1 = require("typeorm");
let OutboxEntry = class OutboxEntry {
    id;
    kind;
    aggregateId;
    payload;
    /** lower drains first: opt-out write-backs are 0, activity 10 */
    priority;
    status;
    attempts;
    nextAttemptAt;
    lastError;
    createdAt;
    updatedAt;
};
exports.OutboxEntry = OutboxEntry;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)({ type: 'integer' }),
    __metadata("design:type", Number)
], OutboxEntry.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 20 }),
    __metadata("design:type", String)
], OutboxEntry.prototype, "kind", void 0);
__decorate([
    (0, typeorm_1.Index)(),
    (0, typeorm_1.Column)({ name: 'aggregate_id', type: 'varchar', length: 36 }),
    __metadata("design:type", String)
], OutboxEntry.prototype, "aggregateId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], OutboxEntry.prototype, "payload", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer', default: 10 }),
    __metadata("design:type", Number)
], OutboxEntry.prototype, "priority", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 10 }),
    __metadata("design:type", String)
], OutboxEntry.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer', default: 0 }),
    __metadata("design:type", Number)
], OutboxEntry.prototype, "attempts", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'next_attempt_at', type: 'varchar', length: 30 }),
    __metadata("design:type", String)
], OutboxEntry.prototype, "nextAttemptAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'last_error', type: 'text', nullable: true }),
    __metadata("design:type", Object)
], OutboxEntry.prototype, "lastError", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'created_at', type: 'varchar', length: 30 }),
    __metadata("design:type", String)
], OutboxEntry.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'updated_at', type: 'varchar', length: 30 }),
    __metadata("design:type", String)
], OutboxEntry.prototype, "updatedAt", void 0);
exports.OutboxEntry = OutboxEntry = __decorate([
    (0, typeorm_1.Entity)('outbox'),
    (0, typeorm_1.Index)('ix_outbox_claim', ['status', 'priority', 'id'])
], OutboxEntry);
//# sourceMappingURL=outbox-entry.entity.js.map