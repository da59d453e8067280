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
exports.CrmMappingService = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const domain_error_1 = require("../common/domain-error");
const config_module_1 = require("../config/config.module");
const columns_1 = require("../database/columns");
const unit_of_work_1 = require("../database/unit-of-work");
const sync_watermark_entity_1 = require("./mirror/sync-watermark.entity");
const crm_gateway_port_1 = require("./crm-gateway.port");
const crm_mapping_1 = require("./crm-mapping");
const crm_mapping_record_entity_1 = require("./crm-mapping-record.entity");
const crm_mapping_validation_1 = require("./crm-mapping-validation");
const SAVED_ID = 'active';
/** A mapping saved by another process (a second instance) is seen within this long. */
const CACHE_MS = 5_000;
/**
 * The RevOps mapping in force: the one saved through the API when there is one, else the file of
 * CRM_MAPPING_FILE. Every other module reads names through `active()`.
 */
let CrmMappingService = class CrmMappingService {
    config;
    dataSource;
    uow;
    crm;
    cached = null;
    constructor(config, dataSource, uow, crm) {
        this.config = config;
        this.dataSource = dataSource;
        this.uow = uow;
        this.crm = crm;
    }
    /** The mapping in force (cached for a few seconds). */
    async active() {
        if (this.cached && Date.now() - this.cached.at < CACHE_MS)
            return this.cached.value;
        const value = await this.load();
        this.cached = { value, at: Date.now() };
        return value;
    }
    async mapping() {
        return (await this.active()).mapping;
    }
    /** The shipped/configured file, parsed (shape errors thrown as MappingShapeError). */
    fileMapping() {
        return (0, crm_mapping_1.loadMappingFile)(this.config.crmMappingFile);
    }
    /**
     * Problems of a mapping against the org's describe; [] when it is usable. A describe that fails
     * for a reason other than "no such object" (Salesforce down, limits) is a 503, not a verdict.
     */
    async problemsOf(mapping) {
        const objects = (0, crm_mapping_validation_1.mappingObjects)(mapping);
        const described = await Promise.all(objects.map((name) => this.describe(name)));
        return (0, crm_mapping_validation_1.mappingProblems)(mapping, new Map(objects.map((name, i) => [name, described[i]])));
    }
    /** Parses and validates a document; throws 422 INVALID_MAPPING listing every problem. */
    async validate(document) {
        let mapping;
        try {
            mapping = (0, crm_mapping_1.parseMapping)(document);
        }
        catch (error) {
            if (error instanceof crm_mapping_1.MappingShapeError)
                throw invalidMapping((0, crm_mapping_validation_1.shapeProblems)(error.problems));
            throw error;
        }
        const problems = await this.problemsOf(mapping);
        if (problems.length)
            throw invalidMapping(problems);
        return mapping;
    }
    /**
     * Validates and saves a mapping; nothing is saved on error. When what the mirror reads changed
     * (people or account), the watermarks are reset so the next mirror run re-reads every record
     * under the new mapping.
     */
    async save(document, updatedBy) {
        const mapping = await this.validate(document);
        const previous = await this.active();
        const mirrorChanged = JSON.stringify([previous.mapping.people, previous.mapping.account]) !== JSON.stringify([mapping.people, mapping.account]);
        const updatedAt = (0, columns_1.nowIso)();
        await this.uow.run(async (manager) => {
            await manager.getRepository(crm_mapping_record_entity_1.CrmMappingRecord).save({ id: SAVED_ID, document: JSON.stringify(mapping), updatedAt, updatedBy });
            if (mirrorChanged)
                await manager.getRepository(sync_watermark_entity_1.SyncWatermark).deleteAll();
        });
        this.cached = null;
        return this.active();
    }
    /** Drops the saved mapping: the file is in force again. */
    async revertToFile() {
        await this.uow.run(async (manager) => {
            await manager.getRepository(crm_mapping_record_entity_1.CrmMappingRecord).delete({ id: SAVED_ID });
            await manager.getRepository(sync_watermark_entity_1.SyncWatermark).deleteAll();
        });
        this.cached = null;
        return this.active();
    }
    async load() {
        const saved = await this.dataSource.getRepository(crm_mapping_record_entity_1.CrmMappingRecord).findOneBy({ id: SAVED_ID });
        if (saved) {
            return { mapping: (0, crm_mapping_1.parseMapping)(JSON.parse(saved.document)), source: 'saved', file: null, updatedAt: saved.updatedAt, updatedBy: saved.updatedBy };
        }
        return { mapping: this.fileMapping(), source: 'file', file: this.config.crmMappingFile, updatedAt: null, updatedBy: null };
    }
    async describe(objectName) {
        try {
            return await this.crm.describe(objectName);
        }
        catch (error) {
            if (error instanceof crm_gateway_port_1.CrmError && (error.kind === 'NOT_FOUND' || error.kind === 'INVALID_DATA'))
                return error;
            const reason = error instanceof Error ? error.message : String(error);
            throw new domain_error_1.DomainError('CRM_UNAVAILABLE', `Salesforce could not describe ${objectName}, so the mapping cannot be checked now: ${reason}`);
        }
    }
};
exports.CrmMappingService = CrmMappingService;
exports.CrmMappingService = CrmMappingService = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object, typeorm_1.DataSource,
        unit_of_work_1.UnitOfWork,
        crm_gateway_port_1.CrmGateway])
], CrmMappingService);
function invalidMapping(fields) {
    const summary = fields
        .slice(0, 3)
        .map((f) => f.message)
        .join(' ');
    const more = fields.length > 3 ? ` (and ${fields.length - 3} more)` : '';
    return new domain_error_1.DomainError('INVALID_MAPPING', `The CRM mapping has ${fields.length} problem${fields.length === 1 ? '' : 's'}: ${summary}${more}`, { fields });
}
//# sourceMappingURL=crm-mapping.service.js.map