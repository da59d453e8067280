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
exports.RecordSmsController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const principal_1 = require("../../auth/principal");
const record_screen_service_1 = require("./record-screen.service");
let RecordSmsController = class RecordSmsController {
    screens;
    constructor(screens) {
        this.screens = screens;
    }
    /** The Ad-hoc SMS screen of a Contact, Lead, Account or Task (15- or 18-character id). */
    screen(principal, id) {
        return this.screens.screen(principal, id);
    }
};
exports.RecordSmsController = RecordSmsController;
__decorate([
    (0, common_1.Get)(':id/sms'),
    __param(0, (0, principal_1.CurrentPrincipal)()),
    __param(1, (0, common_1.Param)('id')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, String]),
    __metadata("design:returntype", void 0)
], RecordSmsController.prototype, "screen", null);
exports.RecordSmsController = RecordSmsController = __decorate([
    (0, swagger_1.ApiTags)('reps'),
    (0, swagger_1.ApiBearerAuth)(),
    (0, common_1.Controller)('api/records'),
    __metadata("design:paramtypes", [record_screen_service_1.RecordScreenService])
], RecordSmsController);
//# sourceMappingURL=record-sms.controller.js.map