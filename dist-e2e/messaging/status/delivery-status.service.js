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
exports.DeliveryStatusService = void 0;
const common_1 = require("@nestjs/common");
const columns_1 = require("../../database/columns");
const unit_of_work_1 = require("../../database/unit-of-work");
const outbox_store_1 = require("../../outbox/outbox.store");
const messages_store_1 = require("../messages.store");
const delivery_status_1 = require("./delivery-status");
const EARLY_TTL_MS = 5 * 60_000;
const EARLY_MAX = 10_000;
/**
 * Applies delivery statuses to outbound messages, forward only. A change after the message was
 * logged to the CRM (crmActivityId set) queues a `task_status` write in the same transaction.
 *
 * A callback can outrun the send that caused it (Twilio answers the create, then calls back before
 * we stored the sid). Such a status is held here briefly and applied when the send records its sid.
 * The buffer is per process: with several instances behind a balancer the race is still possible.
 */
let DeliveryStatusService = class DeliveryStatusService {
    uow;
    messages;
    outbox;
    logger = new common_1.Logger('DeliveryStatus');
    early = new Map();
    constructor(uow, messages, outbox) {
        this.uow = uow;
        this.messages = messages;
        this.outbox = outbox;
    }
    async apply(providerSid, status, errorCode) {
        const outcome = await this.uow.unit(async (tx) => {
            const message = await this.messages.statusTarget(tx, providerSid);
            if (!message)
                return 'unknown';
            if (!(0, delivery_status_1.canAdvance)(message.status, status))
                return 'ignored';
            const nextError = errorCode ?? (status === 'undelivered' || status === 'failed' ? message.errorCode : null);
            const now = (0, columns_1.nowIso)();
            // the status condition keeps the rule forward-only whatever else wrote the row meanwhile
            if ((await this.messages.advanceStatus(tx, message.id, (0, delivery_status_1.statusesBefore)(status), status, nextError, now)) === 0)
                return 'ignored';
            if (message.crmActivityId)
                await this.outbox.enqueue(tx, [{ kind: 'task_status', aggregateId: message.id, payload: { status, errorCode: nextError } }], now);
            return 'applied';
        });
        if (outcome === 'unknown')
            this.holdEarly(providerSid, status, errorCode);
        return outcome;
    }
    /** Called by the send once it stored the sid: applies callbacks that arrived before it. */
    async sidRecorded(providerSid) {
        const held = this.early.get(providerSid);
        if (!held)
            return;
        this.early.delete(providerSid);
        for (const { status, errorCode } of held)
            await this.apply(providerSid, status, errorCode);
    }
    holdEarly(providerSid, status, errorCode) {
        const now = Date.now();
        if (this.early.size >= EARLY_MAX) {
            for (const [sid, list] of this.early)
                if (now - list[0].at > EARLY_TTL_MS || this.early.size >= EARLY_MAX)
                    this.early.delete(sid);
        }
        const list = this.early.get(providerSid) ?? [];
        list.push({ status, errorCode, at: now });
        this.early.set(providerSid, list);
        this.logger.debug?.(`status ${status} for unknown message ${providerSid} held until its send records it`);
    }
};
exports.DeliveryStatusService = DeliveryStatusService;
exports.DeliveryStatusService = DeliveryStatusService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [unit_of_work_1.UnitOfWork,
        messages_store_1.MessagesStore,
        outbox_store_1.OutboxStore])
], DeliveryStatusService);
//# sourceMappingURL=delivery-status.service.js.map