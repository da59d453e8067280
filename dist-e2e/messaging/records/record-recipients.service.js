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
exports.RecordRecipientsService = void 0;
exports.toRecordFacts = toRecordFacts;
const common_1 = require("@nestjs/common");
const record_context_service_1 = require("../../crm/record-context.service");
/**
 * The send gate's and the record screen's view of a record: the CRM's RecordContextService
 * (src/crm/record-context.service.ts) resolves it; this flattens its people into one candidate per
 * phone, person by person in the mapping's field priority, as the gate's rules expect.
 */
let RecordRecipientsService = class RecordRecipientsService {
    records;
    constructor(records) {
        this.records = records;
    }
    /** null when the id is malformed, of another object, or unknown; a Task during a CRM outage throws 503 CRM_UNAVAILABLE. */
    async load(recordId) {
        const context = await this.records.find(recordId);
        return context ? toRecordFacts(context) : null;
    }
};
exports.RecordRecipientsService = RecordRecipientsService;
exports.RecordRecipientsService = RecordRecipientsService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [record_context_service_1.RecordContextService])
], RecordRecipientsService);
function toRecordFacts({ record, prospects, whatId }) {
    const candidates = prospects.flatMap((p) => p.phones.map((phone) => ({
        prospectId: p.id,
        name: p.name,
        objectType: p.objectType,
        phoneNumber: phone.e164,
        field: phone.field,
        enrolled: p.enrolled,
        doNotCall: p.doNotCall,
        doNotSms: p.doNotSms,
    })));
    return { id: record.id, type: record.type, name: record.name, candidates, ...(record.type === 'Task' ? { whatId } : {}) };
}
//# sourceMappingURL=record-recipients.service.js.map