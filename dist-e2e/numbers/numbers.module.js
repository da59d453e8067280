"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.NumbersModule = void 0;
const common_1 = require("@nestjs/common");
const me_controller_1 = require("./me.controller");
const numbers_admin_controller_1 = require("./numbers-admin.controller");
const numbers_service_1 = require("./numbers.service");
const sender_numbers_store_1 = require("./sender-numbers.store");
const sms_requests_controller_1 = require("./sms-requests.controller");
const sms_requests_service_1 = require("./sms-requests.service");
let NumbersModule = class NumbersModule {
};
exports.NumbersModule = NumbersModule;
exports.NumbersModule = NumbersModule = __decorate([
    (0, common_1.Module)({
        controllers: [me_controller_1.MeController, numbers_admin_controller_1.NumbersAdminController, sms_requests_controller_1.SmsRequestsController],
        providers: [numbers_service_1.NumbersService, sms_requests_service_1.SmsRequestsService, sender_numbers_store_1.SenderNumbersStore],
        exports: [numbers_service_1.NumbersService, sender_numbers_store_1.SenderNumbersStore],
    })
], NumbersModule);
//# sourceMappingURL=numbers.module.js.map