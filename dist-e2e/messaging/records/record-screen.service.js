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
exports.RecordScreenService = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const domain_error_1 = require("../../common/domain-error");
const send_gate_service_1 = require("../gate/send-gate.service");
const send_rules_1 = require("../gate/send-rules");
const message_view_1 = require("../message.view");
const thread_page_1 = require("../thread-page");
const thread_page_reader_1 = require("../thread-page.reader");
const record_recipients_service_1 = require("./record-recipients.service");
/**
 * The Ad-hoc SMS screen of a record (CONTRACT §2): who can be texted, from which of the rep's
 * numbers, whether the gate would let a message through now (every rule but the body's), and the
 * thread with those people — the latest page (THREAD_PAGE_DEFAULT messages) with their numbers,
 * all reps, oldest first; older pages through the prospect's thread (GET /api/prospects/:id/messages).
 */
let RecordScreenService = class RecordScreenService {
    dataSource;
    records;
    gate;
    constructor(dataSource, records, gate) {
        this.dataSource = dataSource;
        this.records = records;
        this.gate = gate;
    }
    async screen(principal, recordId) {
        const [record, repNumbers] = await Promise.all([this.records.load(recordId), this.gate.numbersOf(principal.id)]);
        if (!record)
            throw new domain_error_1.DomainError('RECORD_NOT_FOUND', `No Contact, Lead, Account or Task with id ${recordId}.`, { recordId });
        const senders = repNumbers.filter((n) => n.kind === 'direct' && n.smsEnabled);
        const recipients = screenRecipients(record);
        const { canSend, blockedReason } = await this.sendability(principal, record, repNumbers, senders, recipients);
        return {
            record: { id: record.id, type: record.type, name: record.name },
            recipients: recipients.map((r) => ({ prospectId: r.prospectId, name: r.name, phoneNumber: r.phoneNumber })),
            senderNumbers: senders.map((n) => ({ id: n.id, phoneNumber: n.phoneNumber, kind: n.kind, smsEnabled: n.smsEnabled })),
            canSend,
            blockedReason,
            messages: await this.thread(record),
        };
    }
    /** Sendable when at least one recipient passes every rule but the body's from the rep's first SMS number. */
    async sendability(principal, record, repNumbers, senders, recipients) {
        const from = senders[0]?.phoneNumber ?? repNumbers[0]?.phoneNumber ?? '';
        const targets = recipients.length ? [...new Set(recipients.map((r) => r.phoneNumber))] : [null];
        let firstReason = null;
        for (const to of targets) {
            const { ctx } = await this.gate.loadContext(principal.id, { recordId: record.id, from, to, body: '' }, { repNumbers, record });
            const refusal = this.gate.evaluate(ctx, null, send_rules_1.BODY_RULES);
            if (!refusal)
                return { canSend: true, blockedReason: null };
            firstReason ??= refusal.code;
        }
        return { canSend: false, blockedReason: firstReason };
    }
    async thread(record) {
        const phones = [...new Set(record.candidates.map((c) => c.phoneNumber))];
        if (phones.length === 0)
            return [];
        const legs = phones.flatMap((value) => [
            { column: 'to_number', value, direction: 'outbound' },
            { column: 'from_number', value, direction: 'inbound' },
        ]);
        const page = await (0, thread_page_reader_1.readThreadPage)(this.dataSource.manager, legs, null, thread_page_1.THREAD_PAGE_DEFAULT);
        return page.messages.map(message_view_1.toMessageView);
    }
};
exports.RecordScreenService = RecordScreenService;
exports.RecordScreenService = RecordScreenService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource,
        record_recipients_service_1.RecordRecipientsService,
        send_gate_service_1.SendGateService])
], RecordScreenService);
/** An Account's recipients are its enrolled Contacts; any other record lists each of its people's phones. */
function screenRecipients(record) {
    return record.type === 'Account' ? record.candidates.filter((c) => c.enrolled) : record.candidates;
}
//# sourceMappingURL=record-screen.service.js.map