"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.CrmMirrorModule = void 0;
const common_1 = require("@nestjs/common");
const crm_module_1 = require("./crm.module");
const crm_mapping_controller_1 = require("./crm-mapping.controller");
const crm_mapping_service_1 = require("./crm-mapping.service");
const crm_mirror_service_1 = require("./mirror/crm-mirror.service");
const mirror_jobs_1 = require("./mirror/mirror.jobs");
const prospects_store_1 = require("./mirror/prospects.store");
const retry_1 = require("./mirror/retry");
const prospect_directory_service_1 = require("./prospect-directory.service");
const record_context_service_1 = require("./record-context.service");
/**
 * The CRM mirror (issue 3): the RevOps mapping, the mirror jobs, and the lookups the send gate,
 * the send screen and inbound matching use. Needs the CrmGateway port (CrmModule).
 */
let CrmMirrorModule = class CrmMirrorModule {
};
exports.CrmMirrorModule = CrmMirrorModule;
exports.CrmMirrorModule = CrmMirrorModule = __decorate([
    (0, common_1.Module)({
        imports: [crm_module_1.CrmModule],
        controllers: [crm_mapping_controller_1.CrmMappingController],
        providers: [crm_mapping_service_1.CrmMappingService, prospect_directory_service_1.ProspectDirectory, record_context_service_1.RecordContextService, crm_mirror_service_1.CrmMirrorService, retry_1.MirrorRetryPolicy, mirror_jobs_1.MirrorJob, mirror_jobs_1.FullResyncJob, prospects_store_1.ProspectsStore],
        exports: [crm_mapping_service_1.CrmMappingService, prospects_store_1.ProspectsStore, prospect_directory_service_1.ProspectDirectory, record_context_service_1.RecordContextService, crm_mirror_service_1.CrmMirrorService],
    })
], CrmMirrorModule);
//# sourceMappingURL=crm-mirror.module.js.map