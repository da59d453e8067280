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
exports.SegmentsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const config_module_1 = require("../../config/config.module");
const segments_1 = require("../segments");
const send_message_dto_1 = require("./send-message.dto");
let SegmentsController = class SegmentsController {
    config;
    constructor(config) {
        this.config = config;
    }
    /** The composer's live counter; `ucs2Characters` lists what forces UCS-2 (swap a curly quote, get 160 back). */
    count(dto) {
        return (0, segments_1.countSegments)(dto.body, this.config.smsMaxSegments);
    }
};
exports.SegmentsController = SegmentsController;
__decorate([
    (0, common_1.Post)(),
    (0, common_1.HttpCode)(200),
    __param(0, (0, common_1.Body)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [send_message_dto_1.SegmentsDto]),
    __metadata("design:returntype", void 0)
], SegmentsController.prototype, "count", null);
exports.SegmentsController = SegmentsController = __decorate([
    (0, swagger_1.ApiTags)('reps'),
    (0, swagger_1.ApiBearerAuth)(),
    (0, common_1.Controller)('api/sms/segments'),
    __param(0, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [Object])
], SegmentsController);
//# sourceMappingURL=segments.controller.js.map