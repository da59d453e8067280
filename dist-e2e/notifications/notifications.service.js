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
exports.NotificationsService = exports.DEFAULT_LIST_LIMIT = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const domain_error_1 = require("../common/domain-error");
const uuid7_1 = require("../common/uuid7");
const columns_1 = require("../database/columns");
const unit_of_work_1 = require("../database/unit-of-work");
const notification_bus_1 = require("./notification-bus");
const notification_entity_1 = require("./notification.entity");
const notification_view_1 = require("./notification.view");
exports.DEFAULT_LIST_LIMIT = 50;
const insertStatements = new WeakMap();
function insertStatement(db) {
    let statement = insertStatements.get(db);
    if (!statement) {
        statement = db.prepare('INSERT INTO notifications (id, user_id, type, message_id, record_id, prospect_name, preview, created_at, read_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
        insertStatements.set(db, statement);
    }
    return statement;
}
/**
 * A rep's notifications: written in the same unit of work as the reply that caused them, then
 * published on the bus once committed (`publish`), so a stream never shows a rolled-back reply.
 */
let NotificationsService = class NotificationsService {
    dataSource;
    uow;
    bus;
    constructor(dataSource, uow, bus) {
        this.dataSource = dataSource;
        this.uow = uow;
        this.bus = bus;
    }
    async createForReply(manager, reply) {
        const [view] = await this.createForReplies(manager, [reply]);
        return view;
    }
    /**
     * One notification per reply, inside the caller's unit of work: on SQLite a prepared statement
     * per row, joining its transaction on the one connection; elsewhere one multi-row statement.
     */
    async createForReplies(manager, replies) {
        if (replies.length === 0)
            return [];
        const now = (0, columns_1.nowIso)();
        const rows = replies.map((reply) => ({
            id: (0, uuid7_1.uuid7)(),
            userId: reply.userId,
            type: 'sms_reply',
            messageId: reply.messageId,
            recordId: reply.recordId,
            prospectName: reply.prospectName,
            preview: (0, notification_view_1.previewOf)(reply.body),
            createdAt: reply.createdAt ?? now,
            readAt: null,
        }));
        const db = this.uow.sqlite;
        if (db) {
            const insert = insertStatement(db);
            for (const n of rows)
                insert.run(n.id, n.userId, n.type, n.messageId, n.recordId, n.prospectName, n.preview, n.createdAt, n.readAt);
        }
        else {
            await manager.createQueryBuilder().insert().into(notification_entity_1.Notification).values(rows).updateEntity(false).execute();
        }
        return rows.map(notification_view_1.toNotificationView);
    }
    /** After commit: tell the user's open streams. */
    publish(userId, notification) {
        this.bus.publish(userId, notification);
    }
    async list(userId, options = {}) {
        const rows = await this.dataSource.getRepository(notification_entity_1.Notification).find({
            where: { userId, ...(options.unreadOnly ? { readAt: (0, typeorm_1.IsNull)() } : {}) },
            order: { createdAt: 'DESC', id: 'DESC' },
            take: options.limit ?? exports.DEFAULT_LIST_LIMIT,
        });
        return rows.map(notification_view_1.toNotificationView);
    }
    /** The user's notifications created after the one given (oldest first): what a reconnecting stream missed. */
    async after(userId, notificationId, limit = 500) {
        const repo = this.dataSource.getRepository(notification_entity_1.Notification);
        const last = await repo.findOneBy({ id: notificationId, userId });
        if (!last)
            return [];
        // (created_at, id) orders notifications totally, so two in the same millisecond are not skipped.
        const rows = await repo
            .createQueryBuilder('n')
            .where('n.user_id = :userId', { userId })
            .andWhere('(n.created_at > :createdAt OR (n.created_at = :createdAt AND n.id > :id))', { createdAt: last.createdAt, id: last.id })
            .orderBy('n.created_at', 'ASC')
            .addOrderBy('n.id', 'ASC')
            .take(limit)
            .getMany();
        return rows.map(notification_view_1.toNotificationView);
    }
    /** Marks one of the user's notifications read; someone else's is 404, as if it did not exist. */
    async markRead(userId, id) {
        return this.uow.run(async (manager) => {
            const repo = manager.getRepository(notification_entity_1.Notification);
            const notification = await repo.findOneBy({ id, userId });
            if (!notification)
                throw (0, domain_error_1.notFound)('notification', id);
            if (notification.readAt === null) {
                notification.readAt = (0, columns_1.nowIso)();
                await repo.update({ id }, { readAt: notification.readAt });
            }
            return (0, notification_view_1.toNotificationView)(notification);
        });
    }
};
exports.NotificationsService = NotificationsService;
exports.NotificationsService = NotificationsService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource,
        unit_of_work_1.UnitOfWork,
        notification_bus_1.NotificationBus])
], NotificationsService);
//# sourceMappingURL=notifications.service.js.map