"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var NotificationBus_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.NotificationBus = void 0;
const common_1 = require("@nestjs/common");
/**
 * The in-process event bus behind `GET /api/notifications/stream`: a notification committed to
 * the database is published here, and every open stream of its user receives it.
 *
 * One process only: with several instances behind a load balancer, a stream sees the
 * notifications of the instance that took the webhook. The stream replays what it missed from the
 * database on reconnect (Last-Event-ID), so nothing is lost, only delayed to the next reconnect;
 * PostgreSQL LISTEN/NOTIFY would be the next step for fan-out across instances.
 */
let NotificationBus = NotificationBus_1 = class NotificationBus {
    logger = new common_1.Logger(NotificationBus_1.name);
    listeners = new Map();
    publish(userId, notification) {
        for (const listener of this.listeners.get(userId) ?? []) {
            try {
                listener(notification);
            }
            catch (error) {
                this.logger.warn(`A notification listener failed: ${error instanceof Error ? error.message : String(error)}`);
            }
        }
    }
    /** Returns the function that unsubscribes. */
    subscribe(userId, listener) {
        let set = this.listeners.get(userId);
        if (!set)
            this.listeners.set(userId, (set = new Set()));
        set.add(listener);
        return () => {
            set.delete(listener);
            if (set.size === 0 && this.listeners.get(userId) === set)
                this.listeners.delete(userId);
        };
    }
    listenerCount(userId) {
        if (userId)
            return this.listeners.get(userId)?.size ?? 0;
        let total = 0;
        for (const set of this.listeners.values())
            total += set.size;
        return total;
    }
};
exports.NotificationBus = NotificationBus;
exports.NotificationBus = NotificationBus = NotificationBus_1 = __decorate([
    (0, common_1.Injectable)()
], NotificationBus);
//# sourceMappingURL=notification-bus.js.map