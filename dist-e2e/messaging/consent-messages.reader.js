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
exports.ConsentMessagesModule = exports.ConsentMessagesReader = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const consent_messages_port_1 = require("../consent/consent-messages.port");
const message_entity_1 = require("./message.entity");
/** Messaging's side of the consent ledger's port: the messages behind consent events. */
let ConsentMessagesReader = class ConsentMessagesReader extends consent_messages_port_1.ConsentMessages {
    dataSource;
    constructor(dataSource) {
        super();
        this.dataSource = dataSource;
    }
    async findByIds(ids) {
        if (ids.length === 0)
            return [];
        const messages = await this.dataSource.getRepository(message_entity_1.Message).findBy({ id: (0, typeorm_1.In)(ids) });
        return messages.map((m) => ({ id: m.id, direction: m.direction, body: m.body, from: m.fromNumber, to: m.toNumber, createdAt: m.createdAt }));
    }
};
exports.ConsentMessagesReader = ConsentMessagesReader;
exports.ConsentMessagesReader = ConsentMessagesReader = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource])
], ConsentMessagesReader);
/** Global, so the consent context's ledger finds its port without importing messaging. */
let ConsentMessagesModule = class ConsentMessagesModule {
};
exports.ConsentMessagesModule = ConsentMessagesModule;
exports.ConsentMessagesModule = ConsentMessagesModule = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({ providers: [{ provide: consent_messages_port_1.ConsentMessages, useClass: ConsentMessagesReader }], exports: [consent_messages_port_1.ConsentMessages] })
], ConsentMessagesModule);
//# sourceMappingURL=consent-messages.reader.js.map