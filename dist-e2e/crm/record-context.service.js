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
exports.RecordContextService = void 0;
const common_1 = require("@nestjs/common");
const domain_error_1 = require("../common/domain-error");
const salesforce_id_1 = require("../common/salesforce-id");
const crm_gateway_port_1 = require("./crm-gateway.port");
const prospect_directory_service_1 = require("./prospect-directory.service");
/**
 * Resolves the Salesforce record a rep texts from (CONTRACT §2, the Ad-hoc SMS screen and the send
 * gate) into the people it leads to. Contacts, Leads and Accounts come from the mirror; a Task is
 * read live (`SELECT Id, WhoId, WhatId FROM Task`, CONTRACT §3), since Tasks are not mirrored.
 */
let RecordContextService = class RecordContextService {
    crm;
    directory;
    constructor(crm, directory) {
        this.crm = crm;
        this.directory = directory;
    }
    /**
     * null when the id (15 or 18 characters) is malformed, of another object, or unknown. A Task
     * that cannot be read because Salesforce is down throws 503 CRM_UNAVAILABLE.
     */
    async find(recordId) {
        const id = (0, salesforce_id_1.toId18)(recordId.trim());
        if (!id)
            return null;
        const type = (0, salesforce_id_1.objectOfId)(id);
        switch (type) {
            case 'Contact':
            case 'Lead': {
                const prospect = await this.directory.findById(id);
                return prospect ? { record: { id, type, name: prospect.name }, prospects: [prospect], whatId: prospect.accountId } : null;
            }
            case 'Account': {
                const account = await this.directory.findAccount(id);
                return account ? { record: { id, type, name: account.name }, prospects: await this.directory.contactsOfAccount(id), whatId: null } : null;
            }
            case 'Task':
                return this.task(id);
            default:
                return null;
        }
    }
    async task(id) {
        let task;
        try {
            // id is a checked 18-character Salesforce id: nothing to escape
            task = (await this.crm.query(`SELECT Id, WhoId, WhatId FROM Task WHERE Id = '${id}'`)).records[0];
        }
        catch (error) {
            if (error instanceof crm_gateway_port_1.CrmError && error.kind === 'NOT_FOUND')
                return null;
            throw new domain_error_1.DomainError('CRM_UNAVAILABLE', 'Salesforce did not answer; try again shortly.', {
                reason: error instanceof crm_gateway_port_1.CrmError ? error.kind : 'UNKNOWN',
            });
        }
        if (!task)
            return null;
        const whoId = typeof task.WhoId === 'string' ? (0, salesforce_id_1.toId18)(task.WhoId) : null;
        const who = whoId ? await this.directory.findById(whoId) : null;
        return {
            record: { id, type: 'Task', name: who ? who.name : 'Task' },
            prospects: who ? [who] : [],
            whatId: typeof task.WhatId === 'string' ? (0, salesforce_id_1.toId18)(task.WhatId) : null,
        };
    }
};
exports.RecordContextService = RecordContextService;
exports.RecordContextService = RecordContextService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [crm_gateway_port_1.CrmGateway,
        prospect_directory_service_1.ProspectDirectory])
], RecordContextService);
//# sourceMappingURL=record-context.service.js.map