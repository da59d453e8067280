"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConversationMatcher = exports.conversationKey = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const user_entity_1 = require("../auth/user.entity");
const prospect_entity_1 = require("../crm/prospect.entity");
const prospect_phone_entity_1 = require("../crm/prospect-phone.entity");
const sender_number_entity_1 = require("../numbers/sender-number.entity");
const portable_sql_1 = require("../database/portable-sql");
const conversation_match_1 = require("./conversation-match");
const conversation_queries_1 = require("./conversation-queries");
const conversationKey = (from, to) => `${from}|${to}`;
exports.conversationKey = conversationKey;
/**
 * Matches replies to our numbers and their owners, and their senders to prospects through the
 * phone index (every prospect holding the number). Works on many conversations at once with one
 * query per table, so a batch of webhooks costs a handful of statements, not a handful each, and
 * each reads a bounded number of rows through an index (the last outbound message of a pair is a
 * LIMIT 1, see conversation-queries.ts), however long the history.
 */
let ConversationMatcher = class ConversationMatcher {
    async matchMany(manager, pairs) {
        const froms = unique(pairs.map((p) => p.from));
        const tos = unique(pairs.map((p) => p.to));
        const numbers = await manager.getRepository(sender_number_entity_1.SenderNumber).findBy({ phoneNumber: (0, typeorm_1.In)(tos) });
        const users = numbers.length > 0 ? await manager.getRepository(user_entity_1.User).findBy({ id: (0, typeorm_1.In)(unique(numbers.map((n) => n.userId))) }) : [];
        const phones = await manager.getRepository(prospect_phone_entity_1.ProspectPhone).findBy({ e164: (0, typeorm_1.In)(froms) });
        const prospectIds = unique(phones.map((p) => p.prospectId));
        const prospects = prospectIds.length > 0 ? await manager.getRepository(prospect_entity_1.Prospect).findBy({ id: (0, typeorm_1.In)(prospectIds) }) : [];
        // The last message each rep line sent to each matched number (what a reply answers): one
        // indexed LIMIT 1 per conversation, never the pair's whole history.
        const matched = new Set(phones.map((p) => p.e164));
        const asked = uniquePairs(pairs.filter((p) => matched.has(p.from)));
        const outbound = asked.length > 0 ? await (0, portable_sql_1.runQuery)(manager, (0, conversation_queries_1.lastOutboundQuery)(asked)) : [];
        const numberByPhone = new Map(numbers.map((n) => [n.phoneNumber, n]));
        const userById = new Map(users.map((u) => [u.id, u]));
        const prospectById = new Map(prospects.map((p) => [p.id, p]));
        const prospectsByPhone = new Map();
        for (const phone of phones) {
            const prospect = prospectById.get(phone.prospectId);
            if (!prospect)
                continue;
            const list = prospectsByPhone.get(phone.e164) ?? [];
            if (!list.includes(prospect))
                list.push(prospect);
            prospectsByPhone.set(phone.e164, list);
        }
        const lastByPair = new Map();
        for (const m of outbound)
            lastByPair.set((0, exports.conversationKey)(m.to_number, m.from_number), { prospectId: m.prospect_id, recordId: m.record_id });
        const result = new Map();
        for (const { from, to } of pairs) {
            const key = (0, exports.conversationKey)(from, to);
            if (result.has(key))
                continue;
            const senderNumber = numberByPhone.get(to) ?? null;
            const owner = senderNumber ? (userById.get(senderNumber.userId) ?? null) : null;
            const filed = (0, conversation_match_1.fileUnder)(prospectsByPhone.get(from) ?? [], lastByPair.get(key) ?? null, owner?.salesforceUserId ?? null);
            result.set(key, { from, to, senderNumber, owner, ...filed });
        }
        return result;
    }
};
exports.ConversationMatcher = ConversationMatcher;
exports.ConversationMatcher = ConversationMatcher = __decorate([
    (0, common_1.Injectable)()
], ConversationMatcher);
function unique(values) {
    return [...new Set(values)];
}
function uniquePairs(pairs) {
    const byKey = new Map(pairs.map((p) => [(0, exports.conversationKey)(p.from, p.to), { from: p.from, to: p.to }]));
    return [...byKey.values()];
}
//# sourceMappingURL=conversation-matcher.js.map