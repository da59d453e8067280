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
exports.CrmMappingController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const principal_1 = require("../auth/principal");
const crm_mapping_service_1 = require("./crm-mapping.service");
/**
 * The RevOps mapping (CONTRACT §4). The body of PUT is the mapping itself, the same structure as
 * config/crm-mapping.yaml in JSON; GET answers it with a `meta` block PUT ignores, so what GET
 * returns can be edited and PUT back.
 */
let CrmMappingController = class CrmMappingController {
    mappings;
    constructor(mappings) {
        this.mappings = mappings;
    }
    async get() {
        return view(await this.mappings.active());
    }
    async put(body, principal) {
        return view(await this.mappings.save(body, principal.bootstrap ? null : principal.id));
    }
    async revert() {
        return view(await this.mappings.revertToFile());
    }
};
exports.CrmMappingController = CrmMappingController;
__decorate([
    (0, common_1.Get)(),
    (0, swagger_1.ApiOperation)({ summary: 'The mapping in force (saved through the API, else the file)' }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], CrmMappingController.prototype, "get", null);
__decorate([
    (0, common_1.Put)(),
    (0, swagger_1.ApiOperation)({ summary: "Validate against the org's describe and save; 422 INVALID_MAPPING lists every problem, nothing saved" }),
    (0, swagger_1.ApiBody)({ schema: { type: 'object', properties: { people: { type: 'array' }, account: { type: 'object' }, activity: { type: 'object' } } } }),
    __param(0, (0, common_1.Body)()),
    __param(1, (0, principal_1.CurrentPrincipal)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], CrmMappingController.prototype, "put", null);
__decorate([
    (0, common_1.Delete)(),
    (0, swagger_1.ApiOperation)({ summary: 'Drop the saved mapping: the file is in force again' }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", Promise)
], CrmMappingController.prototype, "revert", null);
exports.CrmMappingController = CrmMappingController = __decorate([
    (0, swagger_1.ApiTags)('admin'),
    (0, swagger_1.ApiBearerAuth)(),
    (0, principal_1.Roles)('admin'),
    (0, common_1.Controller)('api/admin/crm-mapping'),
    __metadata("design:paramtypes", [crm_mapping_service_1.CrmMappingService])
], CrmMappingController);
function view(active) {
    return {
        ...active.mapping,
        meta: { source: active.source, file: active.file, updatedAt: active.updatedAt, updatedBy: active.updatedBy },
    };
}
//# sourceMappingURL=crm-mapping.controller.js.map