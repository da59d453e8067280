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
exports.ConsentLedgerService = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const domain_error_1 = require("../common/domain-error");
const phone_number_1 = require("../common/phone-number");
const prospect_entity_1 = require("../crm/prospect.entity");
const prospect_phone_entity_1 = require("../crm/prospect-phone.entity");
const consent_messages_port_1 = require("./consent-messages.port");
const consent_service_1 = require("./consent.service");
/** The answer to "who blocked this number, when, how" (GET /api/admin/consent?phone=). */
let ConsentLedgerService = class ConsentLedgerService {
    dataSource;
    consent;
    messages;
    constructor(dataSource, consent, messages) {
        this.dataSource = dataSource;
        this.consent = consent;
        this.messages = messages;
    }
    async report(phone) {
        const phoneNumber = (0, phone_number_1.normalizePhone)(phone.trim())?.e164;
        if (!phoneNumber)
            throw new domain_error_1.DomainError('INVALID_PHONE', `"${phone}" is not a valid phone number.`);
        const [state, events, phones] = await Promise.all([
            this.consent.state(phoneNumber),
            this.consent.ledger(phoneNumber),
            this.dataSource.getRepository(prospect_phone_entity_1.ProspectPhone).findBy({ e164: phoneNumber }),
        ]);
        const messageIds = [...new Set(events.map((e) => e.messageId).filter((id) => !!id))];
        const prospectIds = [...new Set(phones.map((p) => p.prospectId))];
        const [messages, prospects] = await Promise.all([
            this.messages.findByIds(messageIds),
            prospectIds.length > 0 ? this.dataSource.getRepository(prospect_entity_1.Prospect).find({ where: { id: (0, typeorm_1.In)(prospectIds) }, order: { id: 'ASC' } }) : [],
        ]);
        const byId = new Map(messages.map((m) => [m.id, m]));
        return {
            ...state,
            prospects: prospects.map((p) => ({ id: p.id, name: p.name, objectType: p.objectType, doNotSms: p.doNotSms, doNotCall: p.doNotCall })),
            events: events.map((e) => {
                const m = e.messageId ? byId.get(e.messageId) : undefined;
                return {
                    id: e.id,
                    action: e.action,
                    source: e.source,
                    messageId: e.messageId,
                    message: m ? { direction: m.direction, body: m.body, from: m.from, to: m.to, createdAt: m.createdAt } : null,
                    actorUserId: e.actorUserId,
                    needsReview: e.needsReview,
                    note: e.note,
                    createdAt: e.createdAt,
                };
            }),
        };
    }
};
exports.ConsentLedgerService = ConsentLedgerService;
exports.ConsentLedgerService = ConsentLedgerService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource,
        consent_service_1.ConsentService,
        consent_messages_port_1.ConsentMessages])
], ConsentLedgerService);
//# sourceMappingURL=consent-ledger.service.js.map