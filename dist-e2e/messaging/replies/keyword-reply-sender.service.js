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
exports.KeywordReplySender = void 0;
const common_1 = require("@nestjs/common");
const clock_1 = require("../../common/clock");
const config_module_1 = require("../../config/config.module");
const unit_of_work_1 = require("../../database/unit-of-work");
const outbox_service_1 = require("../../outbox/outbox.service");
const message_entity_1 = require("../message.entity");
const send_message_service_1 = require("../send/send-message.service");
const sms_provider_port_1 = require("../sms-provider.port");
const delivery_status_service_1 = require("../status/delivery-status.service");
const reply_send_policy_1 = require("./reply-send-policy");
/**
 * Sends a keyword reply (opt-out confirmation, START, HELP) the inbound service stored as queued:
 * right after the inbound commit, and again from the sweep when that did not happen. The one
 * rule: a reply reaches the provider at most once.
 *
 * 1. Claim: a conditional UPDATE that only a queued, unsent, unclaimed reply of the service
 *    passes (`reply_to_id` set: a rep's send never does). Exactly one caller, in this process or
 *    another, wins it; the others do nothing. Its own short unit of work.
 * 2. The provider call, outside any transaction.
 * 3. The outcome, like a rep's send records it: the sid and status with the CRM Task queued; or
 *    failed with the provider's code; or — only when the provider certainly did not take the
 *    message (reply-send-policy.ts) and attempts remain — the claim released for the next sweep.
 *
 * A process that dies during step 2 leaves the claim held: the sweep gives such a reply up as
 * failed (UNCONFIRMED) after a while instead of risking a second text.
 */
let KeywordReplySender = class KeywordReplySender {
    uow;
    outbox;
    sms;
    statuses;
    clock;
    config;
    logger = new common_1.Logger('KeywordReplies');
    constructor(uow, outbox, sms, statuses, clock, config) {
        this.uow = uow;
        this.outbox = outbox;
        this.sms = sms;
        this.statuses = statuses;
        this.clock = clock;
        this.config = config;
    }
    /** Sends the reply if this caller wins its claim; null when it was not ours to send. */
    async send(reply) {
        const claimedAt = this.clock.now().toISOString();
        const attempts = await this.claim(reply.id, claimedAt);
        if (attempts === null)
            return null;
        let sent;
        try {
            sent = await this.sms.send({ to: reply.toNumber, from: reply.fromNumber, body: reply.body, statusCallbackUrl: this.config.publicBaseUrl + send_message_service_1.STATUS_CALLBACK_PATH });
        }
        catch (error) {
            return this.failed(reply, claimedAt, attempts, error);
        }
        const updatedAt = this.clock.now().toISOString();
        await this.uow.run(async (manager) => {
            await manager.getRepository(message_entity_1.Message).update({ id: reply.id, status: 'queued' }, { providerSid: sent.providerMessageId, status: sent.status, errorCode: null, updatedAt });
            if (reply.prospectId && sent.status !== 'failed')
                await this.outbox.enqueue(manager, 'task_upsert', reply.id);
        });
        await this.statuses.sidRecorded(sent.providerMessageId);
        return { status: sent.status, providerSid: sent.providerMessageId, errorCode: null, updatedAt, sendAttempts: attempts, retrying: false };
    }
    /** The conditional UPDATE only one caller can win; the reply's attempt count with this one, or null. */
    claim(id, claimedAt) {
        return this.uow.run(async (manager) => {
            const result = await manager
                .createQueryBuilder()
                .update(message_entity_1.Message)
                .set({ sendClaimedAt: claimedAt, sendAttempts: () => 'send_attempts + 1' })
                .where('id = :id', { id })
                .andWhere("status = 'queued' AND provider_sid IS NULL AND reply_to_id IS NOT NULL AND send_claimed_at IS NULL AND send_attempts < :max", { max: reply_send_policy_1.MAX_REPLY_SEND_ATTEMPTS })
                .execute();
            if (result.affected !== 1)
                return null;
            const row = await manager.getRepository(message_entity_1.Message).findOneOrFail({ where: { id }, select: { id: true, sendAttempts: true } });
            return row.sendAttempts;
        });
    }
    async failed(reply, claimedAt, attempts, error) {
        const failure = (0, reply_send_policy_1.classifyReplySendFailure)(error);
        const retrying = failure.retry && attempts < reply_send_policy_1.MAX_REPLY_SEND_ATTEMPTS;
        const updatedAt = this.clock.now().toISOString();
        if (retrying) {
            await this.uow.run((manager) => manager.getRepository(message_entity_1.Message).update({ id: reply.id, status: 'queued', sendClaimedAt: claimedAt }, { sendClaimedAt: null, errorCode: failure.errorCode, updatedAt }));
            this.logger.warn(`keyword reply ${reply.id} not sent (attempt ${attempts} of ${reply_send_policy_1.MAX_REPLY_SEND_ATTEMPTS}, ${failure.errorCode}): left queued for the next sweep`);
        }
        else {
            await this.uow.run((manager) => manager.getRepository(message_entity_1.Message).update({ id: reply.id, status: 'queued' }, { status: 'failed', errorCode: failure.errorCode, updatedAt }));
            this.logger.warn(`keyword reply ${reply.id} failed (${failure.errorCode}, attempt ${attempts}): ${failure.reason}; not re-sent`);
        }
        return { status: retrying ? 'queued' : 'failed', providerSid: null, errorCode: failure.errorCode, updatedAt, sendAttempts: attempts, retrying };
    }
};
exports.KeywordReplySender = KeywordReplySender;
exports.KeywordReplySender = KeywordReplySender = __decorate([
    (0, common_1.Injectable)(),
    __param(5, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [unit_of_work_1.UnitOfWork,
        outbox_service_1.OutboxService,
        sms_provider_port_1.SmsProvider,
        delivery_status_service_1.DeliveryStatusService,
        clock_1.Clock, Object])
], KeywordReplySender);
//# sourceMappingURL=keyword-reply-sender.service.js.map