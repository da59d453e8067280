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
exports.ConsentEvent = void 0;
const typeorm_1 = require("typeorm");
/** The consent ledger: every block and unblock, with its source and the message behind it. */
let ConsentEvent = class ConsentEvent {
    id;
    phoneNumber;
    action;
    source;
    messageId;
    actorUserId;
    needsReview;
    note;
    createdAt;
};
exports.ConsentEvent = ConsentEvent;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 36 }),
    __metadata("design:type", String)
], ConsentEvent.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Index)(),
    (0, typeorm_1.Column)({ name: 'phone_number', type: 'varchar', length: 16 }),
    __metadata("design:type", String)
], ConsentEvent.prototype, "phoneNumber", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 10 }),
    __metadata("design:type", String)
], ConsentEvent.prototype, "action", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 20 }),
    __metadata("design:type", String)
], ConsentEvent.prototype, "source", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'message_id', type: 'varchar', length: 36, nullable: true }),
    __metadata("design:type", Object)
], ConsentEvent.prototype, "messageId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'actor_user_id', type: 'varchar', length: 36, nullable: true }),
    __metadata("design:type", Object)
], ConsentEvent.prototype, "actorUserId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'needs_review', type: 'boolean', default: false }),
    __metadata("design:type", Boolean)
], ConsentEvent.prototype, "needsReview", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], ConsentEvent.prototype, "note", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'created_at', type: 'varchar', length: 30 }),
    __metadata("design:type", String)
], ConsentEvent.prototype, "createdAt", void 0);
exports.ConsentEvent = ConsentEvent = __decorate([
    (0, typeorm_1.Entity)('consent_events')
], ConsentEvent);
//# sourceMappingURL=consent-event.entity.js.map