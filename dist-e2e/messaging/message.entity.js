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
exports.Message = void 0;
const typeorm_1 = require("typeorm");
/** One SMS, either direction. Becomes exactly one Salesforce Task (crmActivityId once logged). */
let Message = class Message {
    id;
    direction;
    /** E.164 */
    fromNumber;
    /** E.164 */
    toNumber;
    body;
    encoding;
    segments;
    status;
    errorCode;
    /** Twilio MessageSid; unique so a replayed webhook cannot store a message twice */
    providerSid;
    prospectId;
    /** the record the rep texted from (Contact, Lead, Account or Task id, 18 chars) */
    recordId;
    /** the rep who sent it, or for an inbound reply the owner of the number it came to */
    userId;
    senderNumberId;
    idempotencyKey;
    /** an inbound message a person should look at (e.g. a plain-language opt-out) */
    needsReview;
    createdAt;
    updatedAt;
    /**
     * The inbound message this one answers: set only on the keyword replies the service sends by
     * itself (opt-out confirmation, START, HELP), never on a rep's send.
     */
    replyToId;
    /** provider calls begun for this message by the keyword-reply sender (see messaging/replies/) */
    sendAttempts;
    /** when a process claimed this reply to call the provider; null while nobody holds it */
    sendClaimedAt;
    /** the Salesforce Task id, null until logged */
    crmActivityId;
};
exports.Message = Message;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 36 }),
    __metadata("design:type", String)
], Message.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 10 }),
    __metadata("design:type", String)
], Message.prototype, "direction", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'from_number', type: 'varchar', length: 16 }),
    __metadata("design:type", String)
], Message.prototype, "fromNumber", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'to_number', type: 'varchar', length: 16 }),
    __metadata("design:type", String)
], Message.prototype, "toNumber", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], Message.prototype, "body", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 8 }),
    __metadata("design:type", String)
], Message.prototype, "encoding", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer' }),
    __metadata("design:type", Number)
], Message.prototype, "segments", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 12 }),
    __metadata("design:type", String)
], Message.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'error_code', type: 'varchar', length: 12, nullable: true }),
    __metadata("design:type", Object)
], Message.prototype, "errorCode", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'provider_sid', type: 'varchar', length: 64, nullable: true, unique: true }),
    __metadata("design:type", Object)
], Message.prototype, "providerSid", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'prospect_id', type: 'varchar', length: 18, nullable: true }),
    __metadata("design:type", Object)
], Message.prototype, "prospectId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'record_id', type: 'varchar', length: 18, nullable: true }),
    __metadata("design:type", Object)
], Message.prototype, "recordId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'user_id', type: 'varchar', length: 36, nullable: true }),
    __metadata("design:type", Object)
], Message.prototype, "userId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'sender_number_id', type: 'varchar', length: 36, nullable: true }),
    __metadata("design:type", Object)
], Message.prototype, "senderNumberId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true }),
    __metadata("design:type", Object)
], Message.prototype, "idempotencyKey", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'needs_review', type: 'boolean', default: false }),
    __metadata("design:type", Boolean)
], Message.prototype, "needsReview", void 0);
__decorate([
    (0, typeorm_1.Index)(),
    (0, typeorm_1.Column)({ name: 'created_at', type: 'varchar', length: 30 }),
    __metadata("design:type", String)
], Message.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'updated_at', type: 'varchar', length: 30 }),
    __metadata("design:type", String)
], Message.prototype, "updatedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'reply_to_id', type: 'varchar', length: 36, nullable: true }),
    __metadata("design:type", Object)
], Message.prototype, "replyToId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'send_attempts', type: 'integer', default: 0 }),
    __metadata("design:type", Number)
], Message.prototype, "sendAttempts", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'send_claimed_at', type: 'varchar', length: 30, nullable: true }),
    __metadata("design:type", Object)
], Message.prototype, "sendClaimedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'crm_activity_id', type: 'varchar', length: 18, nullable: true }),
    __metadata("design:type", Object)
], Message.prototype, "crmActivityId", void 0);
exports.Message = Message = __decorate([
    (0, typeorm_1.Entity)('messages'),
    (0, typeorm_1.Index)('uq_messages_user_idempotency', ['userId', 'idempotencyKey'], { unique: true })
    // the hot paths' indexes (migration 1764850000000-bounded-hot-paths): thread legs and the pair's last send
    ,
    (0, typeorm_1.Index)('ix_messages_from_created', ['fromNumber', 'createdAt', 'id']),
    (0, typeorm_1.Index)('ix_messages_to_created', ['toNumber', 'createdAt', 'id']),
    (0, typeorm_1.Index)('ix_messages_prospect_created', ['prospectId', 'createdAt', 'id']),
    (0, typeorm_1.Index)('ix_messages_pair_latest', ['toNumber', 'fromNumber', 'direction', 'createdAt', 'id'])
], Message);
//# sourceMappingURL=message.entity.js.map