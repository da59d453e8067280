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
exports.InboundService = exports.MAX_BATCH = void 0;
const new_message_1 = require("./new-message");
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const phone_number_1 = require("../common/phone-number");
const uuid7_1 = require("../common/uuid7");
const config_module_1 = require("../config/config.module");
const consent_service_1 = require("../consent/consent.service");
const keywords_1 = require("../consent/keywords");
const columns_1 = require("../database/columns");
const unique_violation_1 = require("../database/unique-violation");
const unit_of_work_1 = require("../database/unit-of-work");
const notifications_service_1 = require("../notifications/notifications.service");
const outbox_service_1 = require("../outbox/outbox.service");
const conversation_matcher_1 = require("./conversation-matcher");
const keyword_replies_1 = require("./keyword-replies");
const message_entity_1 = require("./message.entity");
const message_statements_1 = require("./message-statements");
const segments_1 = require("./segments");
const keyword_reply_sender_service_1 = require("./replies/keyword-reply-sender.service");
/** The most plain replies written in one transaction (19 columns a message stays far below bind limits). */
exports.MAX_BATCH = 200;
/**
 * Inbound SMS (CONTRACT §2 Webhooks): stores a reply once per MessageSid, files it in the thread of
 * the prospects holding the number, applies opt-out/opt-in keywords to the org-wide consent state,
 * notifies the owner of the number texted and queues the CRM Task — all in one unit of work, so
 * either all of it happened or none did and a replay finds nothing left to do.
 *
 * Plain replies (no keyword: nearly all traffic) are group-committed: those that arrive while a
 * transaction is running are written together by the next one, a handful of statements for the
 * whole batch; the webhook is answered only after its batch committed. Keyword messages go one by
 * one, since each changes consent state the next may read.
 *
 * Keyword replies (opt-out confirmation, HELP) are sent through the SmsProvider port after the
 * commit, not as TwiML `<Message>`: the reply is then a stored outbound message in the thread,
 * logged to the CRM like any other, with its delivery status tracked by the status webhook. It is
 * stored (queued, `replyToId` naming the message it answers) in the same unit of work as the
 * inbound message, so a replayed webhook, which stores nothing, can never send a second
 * confirmation; KeywordReplySender claims it before the provider call, and KeywordReplySweep sends
 * it later if this process dies first or the provider is unavailable (messaging/replies/).
 * Replies bypass the send gate on purpose: the opt-out confirmation is the one text the law allows
 * to a number that has just opted out.
 */
let InboundService = class InboundService {
    uow;
    matcher;
    consent;
    outbox;
    notifications;
    replySender;
    config;
    replies;
    queue = [];
    draining = false;
    constructor(uow, matcher, consent, outbox, notifications, replySender, config) {
        this.uow = uow;
        this.matcher = matcher;
        this.consent = consent;
        this.outbox = outbox;
        this.notifications = notifications;
        this.replySender = replySender;
        this.config = config;
        this.replies = (0, keyword_replies_1.keywordReplies)(config.keywordReplies);
    }
    receive(raw) {
        const sms = { ...raw, from: asPhone(raw.from), to: asPhone(raw.to) };
        const classification = (0, keywords_1.classifyInbound)(sms.body);
        if (classification.kind !== 'none')
            return this.receiveOne(sms, classification);
        return new Promise((resolve, reject) => {
            this.queue.push({ sms, classification, resolve, reject });
            if (this.draining)
                return;
            this.draining = true;
            // Yield to the event loop first: the webhooks whose bytes are already in (the same poll
            // phase) join this batch. better-sqlite3 is synchronous, so without the yield each request
            // would run to its commit before the next one is even parsed, one transaction each.
            setImmediate(() => void this.drain());
        });
    }
    // ---- one message (keywords, and the fallback of a batch) ------------------------------------
    async receiveOne(sms, classification) {
        let result;
        try {
            result = await this.uow.run((manager) => this.recordOne(manager, sms, classification));
        }
        catch (error) {
            // Two deliveries of one MessageSid racing on PostgreSQL: the unique index turns the second away.
            if ((0, unique_violation_1.isUniqueViolation)(error))
                return { duplicate: true, messageSid: sms.messageSid };
            throw error;
        }
        if (result.duplicate)
            return result;
        this.publish(result);
        if (result.reply)
            result.reply = await this.sendReply(result.reply);
        return result;
    }
    async recordOne(manager, sms, classification) {
        if (await manager.getRepository(message_entity_1.Message).existsBy({ providerSid: sms.messageSid }))
            return { duplicate: true, messageSid: sms.messageSid };
        const conversation = (await this.matcher.matchMany(manager, [sms])).get((0, conversation_matcher_1.conversationKey)(sms.from, sms.to));
        const message = inboundMessage(sms, classification, conversation, (0, columns_1.nowIso)());
        await manager.getRepository(message_entity_1.Message).insert(message);
        const outcome = await this.applyKeyword(manager, classification, message);
        // Every message becomes a Task; one from a number no prospect holds is logged without a WhoId
        // (owned by the number's owner), as reconcile would do anyway.
        await this.outbox.enqueue(manager, 'task_upsert', message.id);
        const [notification = null] = await this.notifications.createForReplies(manager, notificationsFor([{ message, conversation }]));
        const replyText = (0, keyword_replies_1.replyFor)(outcome, this.config.optOutConfirmation, this.replies);
        const reply = replyText ? replyTo(message, replyText) : null;
        if (reply)
            await manager.getRepository(message_entity_1.Message).insert(reply);
        return { duplicate: false, message, classification, outcome, notification, reply };
    }
    async applyKeyword(manager, classification, message) {
        switch (classification.kind) {
            case 'opt_out': {
                const source = classification.match === 'reasonable_means' ? 'reasonable_means' : 'keyword';
                const note = classification.keyword ?? (classification.rule ? `reasonable means: ${classification.rule}` : null);
                const { effect } = await this.consent.optOut(manager, {
                    phoneNumber: message.fromNumber,
                    source,
                    messageId: message.id,
                    needsReview: classification.needsReview,
                    note,
                });
                return { kind: 'opt_out', effect };
            }
            case 'opt_in': {
                const { effect } = await this.consent.optIn(manager, { phoneNumber: message.fromNumber, messageId: message.id });
                return { kind: 'opt_in', effect };
            }
            case 'help':
                return { kind: 'help' };
            case 'none':
                return { kind: 'none' };
        }
    }
    // ---- plain replies, group-committed --------------------------------------------------------
    async drain() {
        try {
            while (this.queue.length > 0)
                await this.flush(this.queue.splice(0, exports.MAX_BATCH));
        }
        finally {
            this.draining = false;
        }
    }
    async flush(batch) {
        let results;
        try {
            results = await this.uow.run((manager) => this.recordBatch(manager, batch));
        }
        catch (error) {
            if (!(0, unique_violation_1.isUniqueViolation)(error)) {
                for (const item of batch)
                    item.reject(error);
                return;
            }
            // Another writer stored one of these sids meanwhile (PostgreSQL): settle them one by one.
            await Promise.all(batch.map((item) => this.receiveOne(item.sms, item.classification).then(item.resolve, item.reject)));
            return;
        }
        batch.forEach((item, i) => {
            this.publish(results[i]);
            item.resolve(results[i]);
        });
    }
    async recordBatch(manager, batch) {
        const sids = batch.map((item) => item.sms.messageSid);
        const stored = await manager.getRepository(message_entity_1.Message).find({ select: { providerSid: true }, where: { providerSid: (0, typeorm_1.In)(sids) } });
        const seen = new Set(stored.map((m) => m.providerSid));
        const fresh = [];
        for (const item of batch) {
            if (seen.has(item.sms.messageSid))
                continue;
            seen.add(item.sms.messageSid);
            fresh.push(item);
        }
        const conversations = fresh.length > 0 ? await this.matcher.matchMany(manager, fresh.map((item) => item.sms)) : new Map();
        const now = (0, columns_1.nowIso)();
        const written = new Map();
        for (const item of fresh) {
            const conversation = conversations.get((0, conversation_matcher_1.conversationKey)(item.sms.from, item.sms.to));
            written.set(item, { message: inboundMessage(item.sms, item.classification, conversation, now), conversation });
        }
        const entries = [...written.values()];
        await this.insertReplies(manager, entries.map((e) => e.message), now);
        const notified = entries.filter((e) => e.message.userId);
        const views = await this.notifications.createForReplies(manager, notificationsFor(notified));
        const viewByMessage = new Map(notified.map((e, i) => [e.message.id, views[i]]));
        return batch.map((item) => {
            const entry = written.get(item);
            if (!entry)
                return { duplicate: true, messageSid: item.sms.messageSid };
            return {
                duplicate: false,
                message: entry.message,
                classification: item.classification,
                outcome: { kind: 'none' },
                notification: viewByMessage.get(entry.message.id) ?? null,
                reply: null,
            };
        });
    }
    /**
     * The replies and their CRM outbox entries (every message is logged). On SQLite, prepared
     * statements that join the unit of work's transaction on the one connection (no query building
     * for a few hundred parameters per batch); elsewhere one multi-row statement per table.
     */
    async insertReplies(manager, messages, now) {
        const logged = messages.map((m) => m.id);
        const db = this.uow.sqlite;
        if (db) {
            const s = (0, message_statements_1.messageStatements)(db);
            for (const message of messages)
                s.insertMessage.run((0, message_statements_1.messageParams)(message));
            for (const id of logged)
                s.insertOutbox.run((0, message_statements_1.outboxParams)('task_upsert', id, now));
            return;
        }
        // updateEntity(false): nothing is generated by the database, so skip TypeORM's read-back.
        if (messages.length > 0)
            await manager.createQueryBuilder().insert().into(message_entity_1.Message).values(messages).updateEntity(false).execute();
        await this.outbox.enqueueMany(manager, 'task_upsert', logged);
    }
    // ---- after the commit ----------------------------------------------------------------------
    publish(result) {
        if (!result.duplicate && result.notification && result.message.userId)
            this.notifications.publish(result.message.userId, result.notification);
    }
    /** Claims and sends the reply (KeywordReplySender); what was stored of it afterwards. */
    async sendReply(reply) {
        const outcome = await this.replySender.send(reply);
        if (!outcome)
            return reply;
        const { retrying: _retrying, ...stored } = outcome;
        return { ...reply, ...stored };
    }
};
exports.InboundService = InboundService;
exports.InboundService = InboundService = __decorate([
    (0, common_1.Injectable)(),
    __param(6, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [unit_of_work_1.UnitOfWork,
        conversation_matcher_1.ConversationMatcher,
        consent_service_1.ConsentService,
        outbox_service_1.OutboxService,
        notifications_service_1.NotificationsService,
        keyword_reply_sender_service_1.KeywordReplySender, Object])
], InboundService);
function inboundMessage(sms, classification, c, now) {
    const counted = (0, segments_1.countSegments)(sms.body, segments_1.MAX_CONCATENATED_SEGMENTS);
    return (0, new_message_1.newMessage)({
        id: (0, uuid7_1.uuid7)(),
        direction: 'inbound',
        fromNumber: sms.from,
        toNumber: sms.to,
        body: sms.body,
        encoding: counted.encoding,
        segments: sms.numSegments && sms.numSegments > 0 ? sms.numSegments : Math.max(counted.segments, 1),
        status: 'received',
        providerSid: sms.messageSid,
        prospectId: c.prospect?.id ?? null,
        recordId: c.recordId,
        userId: c.owner?.id ?? null,
        senderNumberId: c.senderNumber?.id ?? null,
        needsReview: classification.needsReview,
    }, now);
}
function notificationsFor(entries) {
    return entries
        .filter((e) => e.message.userId)
        .map(({ message, conversation }) => ({
        userId: message.userId,
        messageId: message.id,
        recordId: message.recordId,
        prospectName: conversation.prospect?.name ?? null,
        body: message.body,
        createdAt: message.createdAt,
    }));
}
function replyTo(inbound, body) {
    const counted = (0, segments_1.countSegments)(body, segments_1.MAX_CONCATENATED_SEGMENTS);
    // just after the message it answers, so the thread reads in order
    const at = new Date(Date.parse(inbound.createdAt) + 1).toISOString();
    return (0, new_message_1.newMessage)({
        id: (0, uuid7_1.uuid7)(),
        direction: 'outbound',
        fromNumber: inbound.toNumber,
        toNumber: inbound.fromNumber,
        body,
        encoding: counted.encoding,
        segments: counted.segments,
        status: 'queued',
        prospectId: inbound.prospectId,
        recordId: inbound.recordId,
        userId: inbound.userId,
        senderNumberId: inbound.senderNumberId,
        replyToId: inbound.id,
    }, at);
}
/** Twilio sends E.164; anything else (a short code, an odd format) is normalised when it can be, kept as sent otherwise. */
function asPhone(raw) {
    const trimmed = raw.trim();
    if (/^\+[1-9]\d{7,14}$/.test(trimmed))
        return trimmed;
    return (0, phone_number_1.normalizePhone)(trimmed)?.e164 ?? trimmed.slice(0, 16);
}
//# sourceMappingURL=inbound.service.js.map