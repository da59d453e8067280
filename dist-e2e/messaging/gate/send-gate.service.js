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
exports.SendGateService = void 0;
exports.findSender = findSender;
const node_crypto_1 = require("node:crypto");
const common_1 = require("@nestjs/common");
const clock_1 = require("../../common/clock");
const domain_error_1 = require("../../common/domain-error");
const phone_policy_1 = require("../../common/phone-policy");
const config_module_1 = require("../../config/config.module");
const columns_1 = require("../../database/columns");
const unit_of_work_1 = require("../../database/unit-of-work");
const send_refusal_entity_1 = require("../send-refusal.entity");
const send_context_1 = require("./send-context");
const send_facts_reader_1 = require("./send-facts.reader");
const send_rules_1 = require("./send-rules");
const RECORD_RULE_INDEX = send_rules_1.SEND_RULES.findIndex((r) => r.code === 'RECORD_NOT_FOUND');
/**
 * The one place a send is allowed or refused (STYLE.md: consent checked in one place). It loads
 * everything the rules need, runs them in the contract's order, and writes every refusal to the
 * audit log (`send_refusals`) before answering 422 (404 for RECORD_NOT_FOUND) with `details`.
 */
let SendGateService = class SendGateService {
    uow;
    facts;
    clock;
    config;
    constructor(uow, facts, clock, config) {
        this.uow = uow;
        this.facts = facts;
        this.clock = clock;
        this.config = config;
    }
    /** Passes, or throws the first refusal after recording it. */
    async clear(principal, attempt) {
        const { ctx, recordError } = await this.loadContext(principal.id, attempt);
        const refusal = this.evaluate(ctx, recordError);
        if (refusal) {
            await this.recordRefusal(principal.id, ctx, refusal);
            throw new domain_error_1.DomainError(refusal.code, refusal.message, refusal.details);
        }
        if (!ctx.sender || !ctx.record || ctx.choice.kind !== 'chosen')
            throw new Error('the gate passed an incomplete send');
        return { sender: ctx.sender, recipient: ctx.choice.recipient, record: ctx.record };
    }
    /**
     * The first refusal, or null. A Salesforce outage while reading a Task only matters once the
     * rules before RECORD_NOT_FOUND have passed: then it is answered 503, not as a refusal.
     */
    evaluate(ctx, recordError, skip) {
        const refusal = (0, send_rules_1.firstRefusal)(ctx, skip);
        if (recordError) {
            const index = refusal ? send_rules_1.SEND_RULES.findIndex((r) => r.code === refusal.code) : send_rules_1.SEND_RULES.length;
            if (index >= RECORD_RULE_INDEX)
                throw recordError;
        }
        return refusal;
    }
    /** Loads what the rules need; the record screen passes what it has loaded already. */
    async loadContext(userId, attempt, preloaded) {
        const toRaw = attempt.to === undefined || attempt.to === null ? null : String(attempt.to);
        const toVerdict = toRaw === null ? null : (0, phone_policy_1.classifyPhone)(toRaw);
        const [repNumbers, recordResult] = preloaded
            ? [preloaded.repNumbers, { record: preloaded.record, error: null }]
            : await Promise.all([this.numbersOf(userId), this.loadRecord(attempt.recordId)]);
        const toE164 = toVerdict && toVerdict.kind !== 'invalid' ? toVerdict.e164 : null;
        const choice = (0, send_context_1.chooseRecipient)(recordResult.record, toE164, toRaw !== null);
        const partial = { choice, toVerdict };
        const to = (0, send_context_1.recipientNumber)(partial);
        const { optedOut, holders } = to && choice.kind === 'chosen' ? await this.facts.line(to) : { optedOut: false, holders: [] };
        const ctx = {
            userId,
            repNumbers,
            fromRaw: attempt.from,
            sender: findSender(repNumbers, attempt.from),
            toRaw,
            toVerdict,
            record: recordResult.record,
            recordIdRaw: attempt.recordId,
            choice,
            optedOut,
            holders,
            body: attempt.body ?? '',
            maxSegments: this.config.smsMaxSegments,
            quietHours: this.config.quietHours,
            now: this.clock.now(),
        };
        return { ctx, recordError: recordResult.error };
    }
    async recordRefusal(userId, ctx, refusal) {
        const to = (0, send_context_1.recipientNumber)(ctx) ?? ctx.toRaw;
        const row = {
            id: (0, node_crypto_1.randomUUID)(),
            userId,
            recordId: ctx.recordIdRaw.slice(0, 18),
            fromNumber: (ctx.sender?.phoneNumber ?? ctx.fromRaw).slice(0, 32),
            toNumber: to ? to.slice(0, 32) : null,
            code: refusal.code,
            details: JSON.stringify(refusal.details),
            createdAt: (0, columns_1.nowIso)(),
        };
        await this.uow.run((manager) => manager.getRepository(send_refusal_entity_1.SendRefusal).insert(row));
    }
    numbersOf(userId) {
        return this.facts.senderNumbers(userId);
    }
    async loadRecord(recordId) {
        try {
            return { record: await this.facts.record(recordId), error: null };
        }
        catch (error) {
            if (error instanceof domain_error_1.DomainError && error.code === 'CRM_UNAVAILABLE')
                return { record: null, error };
            throw error;
        }
    }
};
exports.SendGateService = SendGateService;
exports.SendGateService = SendGateService = __decorate([
    (0, common_1.Injectable)(),
    __param(3, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [unit_of_work_1.UnitOfWork,
        send_facts_reader_1.SendFactsReader,
        clock_1.Clock, Object])
], SendGateService);
/** `from` names one of the rep's numbers by its phone number (any format) or by its id. */
function findSender(repNumbers, from) {
    const raw = String(from ?? '').trim();
    if (!raw)
        return null;
    const verdict = (0, phone_policy_1.classifyPhone)(raw);
    const e164 = verdict.kind === 'invalid' ? null : verdict.e164;
    return repNumbers.find((n) => (e164 !== null && n.phoneNumber === e164) || n.id === raw) ?? null;
}
//# sourceMappingURL=send-gate.service.js.map