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
exports.SendMessageService = exports.STATUS_CALLBACK_PATH = void 0;
const new_message_1 = require("../new-message");
const node_crypto_1 = require("node:crypto");
const common_1 = require("@nestjs/common");
const domain_error_1 = require("../../common/domain-error");
const config_module_1 = require("../../config/config.module");
const consent_service_1 = require("../../consent/consent.service");
const columns_1 = require("../../database/columns");
const unique_violation_1 = require("../../database/unique-violation");
const unit_of_work_1 = require("../../database/unit-of-work");
const outbox_store_1 = require("../../outbox/outbox.store");
const send_gate_service_1 = require("../gate/send-gate.service");
const message_entity_1 = require("../message.entity");
const messages_store_1 = require("../messages.store");
const message_view_1 = require("../message.view");
const segments_1 = require("../segments");
const sms_provider_port_1 = require("../sms-provider.port");
const delivery_status_service_1 = require("../status/delivery-status.service");
exports.STATUS_CALLBACK_PATH = '/webhooks/twilio/status';
/** error_code of a send Twilio could not be asked about (timeout, 5xx): it may or may not have gone out. */
const UNKNOWN_OUTCOME = 'TEMPORARY';
/**
 * POST /api/messages: the gate, then the message row (queued) and its CRM outbox entry in one unit
 * of work, then Twilio, outside any transaction. An idempotency key returns the first result; a
 * provider failure marks the message failed and is never re-sent on its own.
 */
let SendMessageService = class SendMessageService {
    uow;
    gate;
    messages;
    outbox;
    consent;
    sms;
    statuses;
    config;
    logger = new common_1.Logger('Send');
    constructor(uow, gate, messages, outbox, consent, sms, statuses, config) {
        this.uow = uow;
        this.gate = gate;
        this.messages = messages;
        this.outbox = outbox;
        this.consent = consent;
        this.sms = sms;
        this.statuses = statuses;
        this.config = config;
    }
    async send(principal, dto) {
        const key = dto.idempotencyKey?.trim() || null;
        if (key) {
            const first = await this.findByKey(principal.id, key);
            if (first)
                return this.replay(first);
        }
        const cleared = await this.gate.clear(principal, dto);
        const message = this.newMessage(principal, dto.body, cleared, key);
        try {
            // the queued message and its CRM outbox entry, both or neither
            await this.uow.unit(async (tx) => {
                await this.messages.insert(tx, [message]);
                await this.outbox.enqueue(tx, [{ kind: 'task_upsert', aggregateId: message.id }], message.createdAt);
            });
        }
        catch (error) {
            // the same key raced in from a concurrent retry: its message is the first result
            const first = key && (0, unique_violation_1.isUniqueViolation)(error) ? await this.findByKey(principal.id, key) : null;
            if (first)
                return this.replay(first);
            throw error;
        }
        return this.dispatch(principal, message, cleared);
    }
    async dispatch(principal, message, cleared) {
        let sent;
        try {
            sent = await this.sms.send({ to: message.toNumber, from: message.fromNumber, body: message.body, statusCallbackUrl: this.config.publicBaseUrl + exports.STATUS_CALLBACK_PATH });
        }
        catch (error) {
            throw await this.failed(principal, message, cleared, error);
        }
        const updatedAt = (0, columns_1.nowIso)();
        await this.uow.unit((tx) => this.messages.recordAccepted(tx, message.id, sent.providerMessageId, sent.status, updatedAt));
        Object.assign(message, { providerSid: sent.providerMessageId, status: sent.status, updatedAt });
        if (sent.status === 'queued')
            await this.statuses.sidRecorded(sent.providerMessageId);
        return (0, message_view_1.toMessageView)(message);
    }
    /** Marks the message failed and turns the provider's answer into the API's. */
    async failed(principal, message, cleared, error) {
        const providerError = error instanceof sms_provider_port_1.SmsProviderError ? error : new sms_provider_port_1.SmsProviderError('TEMPORARY', String(error));
        const errorCode = (providerError.providerCode ?? (providerError.kind === 'TEMPORARY' ? UNKNOWN_OUTCOME : providerError.kind)).slice(0, 12);
        const updatedAt = (0, columns_1.nowIso)();
        await this.uow.unit(async (tx) => {
            await this.messages.markFailed(tx, message.id, errorCode, updatedAt);
            if (providerError.kind === 'OPTED_OUT') {
                await this.consent.block(tx.manager, { phoneNumber: message.toNumber, source: 'provider_21610', messageId: message.id, actorUserId: principal.id });
            }
        });
        Object.assign(message, { status: 'failed', errorCode, updatedAt });
        const answer = providerAnswer(message, providerError.kind, providerError.message);
        if (answer.status === 422) {
            await this.gate.recordRefusal(principal.id, { recordIdRaw: cleared.record.id, fromRaw: message.fromNumber, sender: cleared.sender, choice: { kind: 'chosen', recipient: cleared.recipient }, toVerdict: null, toRaw: message.toNumber }, { code: answer.code, message: answer.message, details: answer.details ?? {} });
        }
        if (providerError.kind === 'TEMPORARY' || providerError.kind === 'RATE_LIMITED') {
            this.logger.warn(`message ${message.id} failed at the provider (${providerError.kind} ${errorCode}); not re-sent`);
        }
        return answer;
    }
    newMessage(principal, body, cleared, idempotencyKey) {
        const count = (0, segments_1.countSegments)(body, this.config.smsMaxSegments);
        const now = (0, columns_1.nowIso)();
        return Object.assign(new message_entity_1.Message(), (0, new_message_1.newMessage)({
            id: (0, node_crypto_1.randomUUID)(),
            direction: 'outbound',
            fromNumber: cleared.sender.phoneNumber,
            toNumber: cleared.recipient.phoneNumber,
            body,
            encoding: count.encoding,
            segments: count.segments,
            status: 'queued',
            prospectId: cleared.recipient.prospectId,
            recordId: cleared.record.id,
            userId: principal.id,
            senderNumberId: cleared.sender.id,
            idempotencyKey,
        }, now));
    }
    /** A retry with the same key: the first message, or the first answer when its send failed. */
    replay(first) {
        // failed before the provider took it (a failure reported later by a callback is a normal result)
        if (first.status === 'failed' && first.direction === 'outbound' && !first.providerSid) {
            const code = first.errorCode ?? UNKNOWN_OUTCOME;
            const kind = code === UNKNOWN_OUTCOME ? 'TEMPORARY' : this.sms.errorKindOf(code);
            throw providerAnswer(first, kind, `error ${code}`);
        }
        return (0, message_view_1.toMessageView)(first);
    }
    findByKey(userId, idempotencyKey) {
        return this.messages.findByIdempotencyKey(userId, idempotencyKey);
    }
};
exports.SendMessageService = SendMessageService;
exports.SendMessageService = SendMessageService = __decorate([
    (0, common_1.Injectable)(),
    __param(7, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [unit_of_work_1.UnitOfWork,
        send_gate_service_1.SendGateService,
        messages_store_1.MessagesStore,
        outbox_store_1.OutboxStore,
        consent_service_1.ConsentService,
        sms_provider_port_1.SmsProvider,
        delivery_status_service_1.DeliveryStatusService, Object])
], SendMessageService);
/** The error a provider failure is answered with (the same on a retry with the same key). */
function providerAnswer(message, kind, providerMessage) {
    const details = { messageId: message.id, errorCode: message.errorCode, to: message.toNumber };
    switch (kind) {
        case 'OPTED_OUT':
            return new domain_error_1.DomainError('OPTED_OUT', `The recipient has unsubscribed (provider error ${message.errorCode}); the number is now blocked for everyone.`, details);
        case 'INVALID_RECIPIENT':
            return new domain_error_1.DomainError('INVALID_PHONE', 'The provider refused the recipient as not a valid mobile number.', details);
        case 'REJECTED':
            return new domain_error_1.DomainError('PROVIDER_REJECTED', `The provider refused the message: ${providerMessage}`, details);
        case 'TEMPORARY':
        case 'RATE_LIMITED':
            return new domain_error_1.DomainError('PROVIDER_UNAVAILABLE', 'The SMS provider did not answer; the message was not sent and will not be re-sent automatically.', details);
    }
}
//# sourceMappingURL=send-message.service.js.map