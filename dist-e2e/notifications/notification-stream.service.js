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
var NotificationStreamService_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.NotificationStreamService = exports.RETRY_MS = exports.HEARTBEAT_MS = void 0;
exports.formatEvent = formatEvent;
const common_1 = require("@nestjs/common");
const notification_bus_1 = require("./notification-bus");
const notifications_service_1 = require("./notifications.service");
exports.HEARTBEAT_MS = 25_000;
exports.RETRY_MS = 3_000;
/**
 * Holds the Server-Sent Events connections a browser keeps open. Each connection subscribes to the
 * bus for its user; events carry the notification id so a reconnect (EventSource sends
 * Last-Event-ID by itself) replays from the database what the connection missed in between.
 * Events have no `event:` name, so `EventSource.onmessage` receives them.
 */
let NotificationStreamService = NotificationStreamService_1 = class NotificationStreamService {
    bus;
    notifications;
    logger = new common_1.Logger(NotificationStreamService_1.name);
    open_ = new Set();
    constructor(bus, notifications) {
        this.bus = bus;
        this.notifications = notifications;
    }
    async open(userId, request, response, lastEventId) {
        response.statusCode = 200;
        response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
        response.setHeader('Cache-Control', 'no-cache, no-transform');
        response.setHeader('Connection', 'keep-alive');
        response.setHeader('X-Accel-Buffering', 'no'); // nginx: do not buffer the stream
        response.flushHeaders();
        request.socket.setKeepAlive(true);
        request.socket.setNoDelay(true);
        request.socket.setTimeout(0);
        this.open_.add(response);
        // Subscribe before replaying, so nothing published meanwhile falls between the two; the
        // replay's ids are remembered to drop the duplicate a race could deliver.
        const buffered = [];
        let replaying = true;
        let sent = new Set();
        const send = (n) => {
            if (sent?.has(n.id))
                return;
            sent?.add(n.id);
            response.write(formatEvent(n));
        };
        const unsubscribe = this.bus.subscribe(userId, (n) => (replaying ? buffered.push(n) : send(n)));
        const heartbeat = setInterval(() => response.write(`: ping\n\n`), exports.HEARTBEAT_MS);
        heartbeat.unref();
        const close = () => {
            clearInterval(heartbeat);
            unsubscribe();
            this.open_.delete(response);
        };
        request.on('close', close);
        response.on('error', close);
        response.write(`retry: ${exports.RETRY_MS}\n: connected\n\n`);
        try {
            if (lastEventId)
                for (const n of await this.notifications.after(userId, lastEventId))
                    send(n);
        }
        catch (error) {
            this.logger.warn(`Replay after ${lastEventId} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        replaying = false;
        for (const n of buffered)
            send(n);
        buffered.length = 0;
        sent = null; // duplicates can only come from the replay race, which is over
    }
    get openCount() {
        return this.open_.size;
    }
    /** Ends every stream before the HTTP server closes (it waits for open connections). */
    beforeApplicationShutdown() {
        for (const response of this.open_)
            response.end();
        this.open_.clear();
    }
};
exports.NotificationStreamService = NotificationStreamService;
exports.NotificationStreamService = NotificationStreamService = NotificationStreamService_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [notification_bus_1.NotificationBus,
        notifications_service_1.NotificationsService])
], NotificationStreamService);
function formatEvent(n) {
    return `id: ${n.id}\ndata: ${JSON.stringify(n)}\n\n`;
}
//# sourceMappingURL=notification-stream.service.js.map