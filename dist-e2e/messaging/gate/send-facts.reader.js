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
exports.SendFactsReader = void 0;
const common_1 = require("@nestjs/common");
const salesforce_id_1 = require("../../common/salesforce-id");
const consent_blocks_store_1 = require("../../consent/consent-blocks.store");
const prospects_store_1 = require("../../crm/mirror/prospects.store");
const sender_numbers_store_1 = require("../../numbers/sender-numbers.store");
const record_recipients_service_1 = require("../records/record-recipients.service");
/**
 * The gate's reads, on every send: the rep's numbers, the record's people and phones, the
 * recipient line's consent and holders. A Contact or Lead is one statement (the person joined to
 * their phones); Accounts and Tasks go through RecordRecipientsService (a Task is read live from
 * Salesforce).
 */
let SendFactsReader = class SendFactsReader {
    numbers;
    prospects;
    consent;
    records;
    constructor(numbers, prospects, consent, records) {
        this.numbers = numbers;
        this.prospects = prospects;
        this.consent = consent;
        this.records = records;
    }
    /** Every number the rep holds, oldest first. */
    senderNumbers(userId) {
        return this.numbers.ofUser(userId);
    }
    /** The record a rep texts from (null when unknown); Salesforce errors of a Task propagate. */
    async record(recordId) {
        const id = (0, salesforce_id_1.toId18)(recordId.trim());
        const object = id ? (0, salesforce_id_1.objectOfId)(id) : null;
        if (!id || (object !== 'Contact' && object !== 'Lead'))
            return this.records.load(recordId);
        const p = await this.prospects.person(id);
        if (!p)
            return null;
        const candidates = p.phones.map((phone) => ({
            prospectId: p.id,
            name: p.name,
            objectType: p.objectType,
            phoneNumber: phone.e164,
            field: phone.field,
            enrolled: p.enrolled,
            doNotCall: p.doNotCall,
            doNotSms: p.doNotSms,
        }));
        return { id, type: p.objectType, name: p.name, candidates };
    }
    /** Whether `e164` is opted out org-wide, and the CRM flags of every mirrored person holding it. */
    async line(e164) {
        const [optedOut, holders] = await Promise.all([this.consent.isBlocked(e164), this.prospects.holdersOf(e164)]);
        return { optedOut, holders };
    }
};
exports.SendFactsReader = SendFactsReader;
exports.SendFactsReader = SendFactsReader = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [sender_numbers_store_1.SenderNumbersStore,
        prospects_store_1.ProspectsStore,
        consent_blocks_store_1.ConsentBlocksStore,
        record_recipients_service_1.RecordRecipientsService])
], SendFactsReader);
//# sourceMappingURL=send-facts.reader.js.map