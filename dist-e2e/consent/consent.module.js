"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConsentModule = void 0;
const common_1 = require("@nestjs/common");
const consent_controller_1 = require("./consent.controller");
const consent_ledger_service_1 = require("./consent-ledger.service");
const consent_service_1 = require("./consent.service");
const consent_blocks_store_1 = require("./consent-blocks.store");
let ConsentModule = class ConsentModule {
};
exports.ConsentModule = ConsentModule;
exports.ConsentModule = ConsentModule = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({ controllers: [consent_controller_1.ConsentController], providers: [consent_service_1.ConsentService, consent_ledger_service_1.ConsentLedgerService, consent_blocks_store_1.ConsentBlocksStore], exports: [consent_service_1.ConsentService, consent_blocks_store_1.ConsentBlocksStore] })
], ConsentModule);
//# sourceMappingURL=consent.module.js.map