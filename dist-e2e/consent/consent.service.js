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
exports.ConsentService = void 0;
const node_crypto_1 = require("node:crypto");
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const prospect_entity_1 = require("../crm/prospect.entity");
const prospect_phone_entity_1 = require("../crm/prospect-phone.entity");
const columns_1 = require("../database/columns");
const outbox_service_1 = require("../outbox/outbox.service");
const consent_block_entity_1 = require("./consent-block.entity");
const consent_crm_flag_entity_1 = require("./consent-crm-flag.entity");
const consent_event_entity_1 = require("./consent-event.entity");
const consent_policy_1 = require("./consent-policy");
/**
 * The org-wide opt-out state of phone numbers and its ledger. A block stops every rep in the
 * organisation; every change is written to the ledger with its source and cause.
 *
 * `block`/`unblock` are the primitives (state + ledger). `optOut`/`optIn` are what a prospect's
 * own keyword does: the primitive plus the CRM Do-Not-SMS write-back (CONTRACT §3), queued in the
 * caller's transaction through the outbox. Every method that writes takes the UnitOfWork's manager.
 */
let ConsentService = class ConsentService {
    dataSource;
    outbox;
    constructor(dataSource, outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }
    async isOptedOut(phoneNumber) {
        const block = await this.dataSource.getRepository(consent_block_entity_1.ConsentBlock).findOneBy({ phoneNumber });
        return block?.blocked === true;
    }
    /** The numbers among these that are opted out. */
    async optedOutAmong(phoneNumbers) {
        if (phoneNumbers.length === 0)
            return new Set();
        const rows = await this.dataSource.getRepository(consent_block_entity_1.ConsentBlock).findBy({ phoneNumber: (0, typeorm_1.In)(phoneNumbers), blocked: true });
        return new Set(rows.map((r) => r.phoneNumber));
    }
    async currentBlock(phoneNumber, manager) {
        return (manager ?? this.dataSource.manager).getRepository(consent_block_entity_1.ConsentBlock).findOneBy({ phoneNumber });
    }
    async state(phoneNumber) {
        const block = await this.currentBlock(phoneNumber);
        return { phoneNumber, optedOut: block?.blocked === true, source: block?.source ?? null, updatedAt: block?.updatedAt ?? null };
    }
    /**
     * Blocks the number (inside the caller's transaction) and writes the ledger entry. A block people
     * made (CRM, admin) keeps its source when a prospect-made block lands on it, so that the
     * prospect's START cannot lift it later.
     */
    async block(manager, change) {
        const current = await this.currentBlock(change.phoneNumber, manager);
        await this.write(manager, change, true, (0, consent_policy_1.sourceAfterBlock)(current, change.source));
    }
    /** Lifts the block and writes the ledger entry. */
    async unblock(manager, change) {
        await this.write(manager, change, false, change.source);
    }
    /**
     * A prospect opts out: the number is blocked org-wide and `Do_Not_SMS__c = true` is queued for
     * every prospect holding it. Whether the flag was set before (by people) is remembered, so an
     * opt-in clears only what this opt-out set.
     */
    async optOut(manager, optOut) {
        const current = await this.currentBlock(optOut.phoneNumber, manager);
        const effect = (0, consent_policy_1.optOutEffect)(current);
        const note = optOut.note ?? (effect === 'repeat' ? 'already opted out' : effect === 'over_people_block' ? `already blocked (${current?.source})` : null);
        await this.write(manager, { ...optOut, note }, true, (0, consent_policy_1.sourceAfterBlock)(current, optOut.source));
        const prospects = await this.prospectsWithPhone(manager, optOut.phoneNumber);
        const flagged = new Set((await manager.getRepository(consent_crm_flag_entity_1.ConsentCrmFlag).findBy({ phoneNumber: optOut.phoneNumber })).map((f) => f.prospectId));
        const toFlag = prospects.filter((p) => !flagged.has(p.id));
        const now = (0, columns_1.nowIso)();
        for (const prospect of toFlag) {
            await manager.getRepository(consent_crm_flag_entity_1.ConsentCrmFlag).insert({ phoneNumber: optOut.phoneNumber, prospectId: prospect.id, setBefore: prospect.doNotSms, createdAt: now });
            await this.outbox.enqueue(manager, 'do_not_sms', prospect.id, { value: true });
        }
        // The mirror shows what the CRM will hold once the write-back lands.
        const ids = toFlag.filter((p) => !p.doNotSms).map((p) => p.id);
        if (ids.length > 0)
            await manager.getRepository(prospect_entity_1.Prospect).update({ id: (0, typeorm_1.In)(ids) }, { doNotSms: true });
        return { effect, flaggedProspectIds: toFlag.map((p) => p.id) };
    }
    /**
     * A prospect opts back in (START/YES/UNSTOP). Lifts only a block the prospect made; clears the
     * CRM flag only on the prospects whose flag that opt-out set. A block or a Do-Not-SMS people set
     * stays in force, and so does a CRM Do-Not-Call (never touched here).
     */
    async optIn(manager, change) {
        const current = await this.currentBlock(change.phoneNumber, manager);
        const effect = (0, consent_policy_1.optInEffect)(current);
        if (effect !== 'lift')
            return { effect, clearedProspectIds: [] };
        await this.write(manager, { phoneNumber: change.phoneNumber, source: 'keyword', messageId: change.messageId }, false, 'keyword');
        const flags = await manager.getRepository(consent_crm_flag_entity_1.ConsentCrmFlag).findBy({ phoneNumber: change.phoneNumber });
        const toClear = flags.filter((f) => !f.setBefore).map((f) => f.prospectId);
        for (const prospectId of toClear)
            await this.outbox.enqueue(manager, 'do_not_sms', prospectId, { value: false });
        if (toClear.length > 0)
            await manager.getRepository(prospect_entity_1.Prospect).update({ id: (0, typeorm_1.In)(toClear) }, { doNotSms: false });
        if (flags.length > 0)
            await manager.getRepository(consent_crm_flag_entity_1.ConsentCrmFlag).delete({ phoneNumber: change.phoneNumber });
        return { effect, clearedProspectIds: toClear };
    }
    /** The ledger of one number, oldest first. */
    ledger(phoneNumber) {
        return this.dataSource.getRepository(consent_event_entity_1.ConsentEvent).find({ where: { phoneNumber }, order: { createdAt: 'ASC' } });
    }
    async prospectsWithPhone(manager, phoneNumber) {
        const phones = await manager.getRepository(prospect_phone_entity_1.ProspectPhone).findBy({ e164: phoneNumber });
        const ids = [...new Set(phones.map((p) => p.prospectId))];
        if (ids.length === 0)
            return [];
        return manager.getRepository(prospect_entity_1.Prospect).find({ where: { id: (0, typeorm_1.In)(ids) }, order: { id: 'ASC' } });
    }
    async write(manager, change, blocked, stateSource) {
        const now = (0, columns_1.nowIso)();
        await manager.getRepository(consent_block_entity_1.ConsentBlock).save({ phoneNumber: change.phoneNumber, blocked, source: stateSource, updatedAt: now });
        await manager.getRepository(consent_event_entity_1.ConsentEvent).insert({
            id: (0, node_crypto_1.randomUUID)(),
            phoneNumber: change.phoneNumber,
            action: blocked ? 'block' : 'unblock',
            source: change.source,
            messageId: change.messageId ?? null,
            actorUserId: change.actorUserId ?? null,
            needsReview: change.needsReview ?? false,
            note: change.note ?? null,
            createdAt: now,
        });
    }
};
exports.ConsentService = ConsentService;
exports.ConsentService = ConsentService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource,
        outbox_service_1.OutboxService])
], ConsentService);
//# sourceMappingURL=consent.service.js.map