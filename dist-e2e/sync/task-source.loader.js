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
var TaskSourceLoader_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.TaskSourceLoader = void 0;
exports.objectTypeOf = objectTypeOf;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const user_entity_1 = require("../auth/user.entity");
const crm_gateway_port_1 = require("../crm/crm-gateway.port");
const prospect_entity_1 = require("../crm/prospect.entity");
const message_entity_1 = require("../messaging/message.entity");
const sender_number_entity_1 = require("../numbers/sender-number.entity");
/**
 * Gathers what a batch of Tasks is built from in a few set-based reads: the messages, their
 * prospects, the owners (the rep who sent; for a reply the owner of the number texted) and, when
 * the mapping links activities to opportunities, each Contact's open Opportunity (one SOQL query
 * per batch).
 */
let TaskSourceLoader = TaskSourceLoader_1 = class TaskSourceLoader {
    dataSource;
    crm;
    logger = new common_1.Logger(TaskSourceLoader_1.name);
    constructor(dataSource, crm) {
        this.dataSource = dataSource;
        this.crm = crm;
    }
    async load(messageIds, mapping) {
        const messages = await this.dataSource.getRepository(message_entity_1.Message).findBy({ id: (0, typeorm_1.In)(unique(messageIds)) });
        const prospects = await this.byId(prospect_entity_1.Prospect, messages.map((m) => m.prospectId));
        const ownerUserIds = await this.ownerUserIds(messages);
        const users = await this.byId(user_entity_1.User, [...ownerUserIds.values()]);
        const contactIds = [...prospects.values()].filter((p) => p.objectType === 'Contact').map((p) => p.id);
        const opportunities = mapping.activity.linkOpenOpportunity ? await this.openOpportunities(contactIds) : new Map();
        const sources = new Map();
        for (const message of messages) {
            const prospect = message.prospectId ? (prospects.get(message.prospectId) ?? null) : null;
            const ownerUserId = ownerUserIds.get(message.id);
            sources.set(message.id, {
                message,
                prospect: prospect
                    ? { id: prospect.id, objectType: prospect.objectType, name: prospect.name, accountId: prospect.accountId }
                    : message.prospectId
                        ? // not (or no longer) in the mirror: still on that person's timeline, named by number
                            { id: message.prospectId, objectType: objectTypeOf(message.prospectId), name: '', accountId: null }
                        : null,
                ownerSalesforceId: ownerUserId ? (users.get(ownerUserId)?.salesforceUserId ?? null) : null,
                openOpportunityId: prospect ? (opportunities.get(prospect.id) ?? null) : null,
            });
        }
        return sources;
    }
    /** Outbound: the rep who sent it. Inbound: the owner of the number texted, else the message's user. */
    async ownerUserIds(messages) {
        const inboundTo = messages.filter((m) => m.direction === 'inbound').map((m) => m.toNumber);
        const numbers = inboundTo.length
            ? await this.dataSource.getRepository(sender_number_entity_1.SenderNumber).findBy({ phoneNumber: (0, typeorm_1.In)(unique(inboundTo)) })
            : [];
        const ownerOfNumber = new Map(numbers.map((n) => [n.phoneNumber, n.userId]));
        const owners = new Map();
        for (const m of messages) {
            const owner = m.direction === 'inbound' ? (ownerOfNumber.get(m.toNumber) ?? m.userId) : m.userId;
            if (owner)
                owners.set(m.id, owner);
        }
        return owners;
    }
    /**
     * The open Opportunity each Contact plays a role in: the primary role first, then the most
     * recent. When the query fails the Tasks fall back to the Account rather than wait.
     */
    async openOpportunities(contactIds) {
        const result = new Map();
        if (contactIds.length === 0)
            return result;
        const soql = 'SELECT ContactId, OpportunityId, IsPrimary, CreatedDate FROM OpportunityContactRole ' +
            `WHERE ContactId IN (${contactIds.map((id) => `'${id}'`).join(',')}) AND Opportunity.IsClosed = false ` +
            'ORDER BY IsPrimary DESC, CreatedDate DESC';
        try {
            let page = await this.crm.query(soql);
            for (;;) {
                for (const role of page.records)
                    if (!result.has(role.ContactId))
                        result.set(role.ContactId, role.OpportunityId);
                if (!page.nextRecordsUrl)
                    break;
                page = await this.crm.queryMore(page.nextRecordsUrl);
            }
        }
        catch (error) {
            this.logger.warn(`open opportunities not read, linking the Accounts instead: ${error.message}`);
        }
        return result;
    }
    async byId(entity, ids) {
        const wanted = unique(ids.filter((id) => !!id));
        if (wanted.length === 0)
            return new Map();
        const rows = await this.dataSource.getRepository(entity).findBy({ id: (0, typeorm_1.In)(wanted) });
        return new Map(rows.map((row) => [row.id, row]));
    }
};
exports.TaskSourceLoader = TaskSourceLoader;
exports.TaskSourceLoader = TaskSourceLoader = TaskSourceLoader_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource,
        crm_gateway_port_1.CrmGateway])
], TaskSourceLoader);
/** Salesforce key prefixes of the People objects. */
function objectTypeOf(salesforceId) {
    return salesforceId.startsWith('00Q') ? 'Lead' : 'Contact';
}
function unique(values) {
    return [...new Set(values)];
}
//# sourceMappingURL=task-source.loader.js.map