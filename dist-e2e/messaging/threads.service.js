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
exports.ThreadsService = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const domain_error_1 = require("../common/domain-error");
const salesforce_id_1 = require("../common/salesforce-id");
const prospect_entity_1 = require("../crm/prospect.entity");
const prospect_phone_entity_1 = require("../crm/prospect-phone.entity");
const message_view_1 = require("./message.view");
const thread_page_reader_1 = require("./thread-page.reader");
/**
 * The single view of a prospect's conversation (seed: "all SMS threads with a prospect in a single
 * view"): every message to or from any of the prospect's numbers, whichever rep and sender number
 * it went through, plus any filed under the prospect. Paged by cursor, newest page first, each
 * page oldest first; a page costs the same however long the thread and the history are.
 */
let ThreadsService = class ThreadsService {
    dataSource;
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    async forProspect(salesforceId, before, limit) {
        const id = (0, salesforce_id_1.toId18)(salesforceId);
        if (!id)
            throw new domain_error_1.DomainError('VALIDATION_FAILED', `"${salesforceId}" is not a Salesforce record id (15 or 18 characters).`);
        const [prospect, phones] = await Promise.all([
            this.dataSource.getRepository(prospect_entity_1.Prospect).existsBy({ id }),
            this.dataSource.getRepository(prospect_phone_entity_1.ProspectPhone).findBy({ prospectId: id }),
        ]);
        const numbers = [...new Set(phones.map((p) => p.e164))];
        const legs = [
            ...numbers.flatMap((value) => [
                { column: 'from_number', value },
                { column: 'to_number', value },
            ]),
            { column: 'prospect_id', value: id },
        ];
        const page = await (0, thread_page_reader_1.readThreadPage)(this.dataSource.manager, legs, before, limit);
        if (!prospect && page.messages.length === 0 && !before)
            throw new domain_error_1.DomainError('RECORD_NOT_FOUND', `No prospect with id ${id}.`);
        return { messages: page.messages.map(message_view_1.toMessageView), next: page.next };
    }
};
exports.ThreadsService = ThreadsService;
exports.ThreadsService = ThreadsService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource])
], ThreadsService);
//# sourceMappingURL=threads.service.js.map