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
exports.Notification = void 0;
const typeorm_1 = require("typeorm");
let Notification = class Notification {
    id;
    userId;
    type;
    messageId;
    recordId;
    prospectName;
    preview;
    createdAt;
    readAt;
};
exports.Notification = Notification;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'varchar', length: 36 }),
    __metadata("design:type", String)
], Notification.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'user_id', type: 'varchar', length: 36 }),
    __metadata("design:type", String)
], Notification.prototype, "userId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 20 }),
    __metadata("design:type", String)
], Notification.prototype, "type", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'message_id', type: 'varchar', length: 36 }),
    __metadata("design:type", String)
], Notification.prototype, "messageId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'record_id', type: 'varchar', length: 18, nullable: true }),
    __metadata("design:type", Object)
], Notification.prototype, "recordId", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'prospect_name', type: 'varchar', length: 255, nullable: true }),
    __metadata("design:type", Object)
], Notification.prototype, "prospectName", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'varchar', length: 200 }),
    __metadata("design:type", String)
], Notification.prototype, "preview", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'created_at', type: 'varchar', length: 30 }),
    __metadata("design:type", String)
], Notification.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'read_at', type: 'varchar', length: 30, nullable: true }),
    __metadata("design:type", Object)
], Notification.prototype, "readAt", void 0);
exports.Notification = Notification = __decorate([
    (0, typeorm_1.Entity)('notifications'),
    (0, typeorm_1.Index)('ix_notifications_user_created', ['userId', 'createdAt', 'id']),
    (0, typeorm_1.Index)('ix_notifications_user_unread', ['userId', 'createdAt', 'id'], { where: '"read_at" IS NULL' })
], Notification);
//# sourceMappingURL=notification.entity.js.map