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
exports.NumbersService = exports.toNumberView = void 0;
exports.supportedE164 = supportedE164;
const node_crypto_1 = require("node:crypto");
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const user_entity_1 = require("../auth/user.entity");
const domain_error_1 = require("../common/domain-error");
const phone_policy_1 = require("../common/phone-policy");
const columns_1 = require("../database/columns");
const unit_of_work_1 = require("../database/unit-of-work");
const sender_number_entity_1 = require("./sender-number.entity");
const toNumberView = (n) => ({
    id: n.id,
    phoneNumber: n.phoneNumber,
    userId: n.userId,
    kind: n.kind,
    smsEnabled: n.smsEnabled,
});
exports.toNumberView = toNumberView;
/** Direct Inbound Numbers and LocalPresence numbers assigned to reps (the seed's "Setting Up SMS"). */
let NumbersService = class NumbersService {
    dataSource;
    uow;
    constructor(dataSource, uow) {
        this.dataSource = dataSource;
        this.uow = uow;
    }
    /** Normalises to E.164; US and Canada only; a local-presence number never sends SMS; one holder per number. */
    async assign(dto) {
        const phoneNumber = supportedE164(dto.phoneNumber);
        if (dto.kind === 'local_presence' && dto.smsEnabled) {
            throw new domain_error_1.DomainError('LOCAL_PRESENCE_NUMBER', 'A LocalPresence number cannot be used to send SMS; assign it with smsEnabled false.', {
                phoneNumber,
            });
        }
        if (!(await this.dataSource.getRepository(user_entity_1.User).existsBy({ id: dto.userId }))) {
            throw new domain_error_1.DomainError('NOT_FOUND', `No user with id ${dto.userId}.`);
        }
        const repo = this.dataSource.getRepository(sender_number_entity_1.SenderNumber);
        const taken = () => new domain_error_1.DomainError('NUMBER_TAKEN', `${phoneNumber} is assigned already.`, { phoneNumber });
        if (await repo.existsBy({ phoneNumber }))
            throw taken();
        const number = repo.create({ id: (0, node_crypto_1.randomUUID)(), phoneNumber, userId: dto.userId, kind: dto.kind, smsEnabled: dto.smsEnabled, createdAt: (0, columns_1.nowIso)() });
        try {
            await this.uow.run((manager) => manager.getRepository(sender_number_entity_1.SenderNumber).insert(number));
        }
        catch (error) {
            if (error instanceof typeorm_1.QueryFailedError)
                throw taken();
            throw error;
        }
        return number;
    }
    list(userId) {
        return this.dataSource.getRepository(sender_number_entity_1.SenderNumber).find({ where: userId ? { userId } : {}, order: { createdAt: 'ASC' } });
    }
    async get(id) {
        const number = await this.dataSource.getRepository(sender_number_entity_1.SenderNumber).findOneBy({ id });
        if (!number)
            throw new domain_error_1.DomainError('NOT_FOUND', `No sender number with id ${id}.`);
        return number;
    }
};
exports.NumbersService = NumbersService;
exports.NumbersService = NumbersService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource,
        unit_of_work_1.UnitOfWork])
], NumbersService);
/** E.164 of a US or Canadian number typed in any common format; 422 otherwise. */
function supportedE164(raw) {
    const verdict = (0, phone_policy_1.classifyPhone)(raw);
    if (verdict.kind === 'invalid')
        throw new domain_error_1.DomainError('INVALID_PHONE', `"${raw}" is not a valid phone number.`, { phoneNumber: raw });
    if (verdict.kind === 'unsupported_country') {
        throw new domain_error_1.DomainError('UNSUPPORTED_COUNTRY', 'SMS is only available for numbers in the United States and Canada.', {
            phoneNumber: verdict.e164,
            region: verdict.region,
        });
    }
    return verdict.e164;
}
//# sourceMappingURL=numbers.service.js.map