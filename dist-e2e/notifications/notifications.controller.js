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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.NotificationsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const principal_1 = require("../auth/principal");
const notifications_dto_1 = require("./notifications.dto");
const notifications_service_1 = require("./notifications.service");
const notification_stream_service_1 = require("./notification-stream.service");
let NotificationsController = class NotificationsController {
    notifications;
    streams;
    constructor(notifications, streams) {
        this.notifications = notifications;
        this.streams = streams;
    }
    list(principal, query) {
        return this.notifications.list(principal.id, { unreadOnly: query.unread === 'true', limit: query.limit });
    }
    /**
     * Server-Sent Events: one `data:` event (the notification JSON, `id:` its id) per reply to the
     * caller's numbers, comment heartbeats every 25 s. A browser's EventSource cannot send headers,
     * so this route alone also takes the key as `?access_token=`. Reconnecting with Last-Event-ID
     * replays what was missed.
     */
    async stream(principal, request, reply) {
        const header = request.headers['last-event-id'];
        const query = (request.query ?? {});
        const lastEventId = (typeof header === 'string' ? header : undefined) ?? (typeof query.lastEventId === 'string' ? query.lastEventId : undefined);
        // the stream writes to the Node response itself, for as long as the browser holds it open
        reply.hijack();
        await this.streams.open(principal.id, request.raw, reply.raw, lastEventId);
    }
    markRead(principal, id) {
        return this.notifications.markRead(principal.id, id);
    }
};
exports.NotificationsController = NotificationsController;
__decorate([
    (0, common_1.Get)(),
    (0, swagger_1.ApiOperation)({ summary: "The caller's notifications, newest first" }),
    __param(0, (0, principal_1.CurrentPrincipal)()),
    __param(1, (0, common_1.Query)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, notifications_dto_1.ListNotificationsQuery]),
    __metadata("design:returntype", Promise)
], NotificationsController.prototype, "list", null);
__decorate([
    (0, common_1.Get)('stream'),
    (0, principal_1.AllowQueryToken)(),
    (0, swagger_1.ApiOperation)({ summary: 'Server-Sent Events stream of new notifications (key as Bearer or ?access_token=)' }),
    (0, swagger_1.ApiProduces)('text/event-stream'),
    (0, swagger_1.ApiQuery)({ name: 'access_token', required: false, description: 'the API key, for EventSource (cannot send headers)' }),
    __param(0, (0, principal_1.CurrentPrincipal)()),
    __param(1, (0, common_1.Req)()),
    __param(2, (0, common_1.Res)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object, Object]),
    __metadata("design:returntype", Promise)
], NotificationsController.prototype, "stream", null);
__decorate([
    (0, common_1.Post)(':id/read'),
    (0, common_1.HttpCode)(200),
    (0, common_1.Header)('Cache-Control', 'no-store'),
    (0, swagger_1.ApiOkResponse)({ description: 'the notification, now read; 404 for an id that is not the caller’s' }),
    __param(0, (0, principal_1.CurrentPrincipal)()),
    __param(1, (0, common_1.Param)('id')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", Promise)
], NotificationsController.prototype, "markRead", null);
exports.NotificationsController = NotificationsController = __decorate([
    (0, swagger_1.ApiTags)('reps'),
    (0, swagger_1.ApiBearerAuth)(),
    (0, common_1.Controller)('api/notifications'),
    __metadata("design:paramtypes", [notifications_service_1.NotificationsService,
        notification_stream_service_1.NotificationStreamService])
], NotificationsController);
//# sourceMappingURL=notifications.controller.js.map