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
exports.SmsRequestsService = void 0;
const node_crypto_1 = require("node:crypto");
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const domain_error_1 = require("../common/domain-error");
const columns_1 = require("../database/columns");
const unit_of_work_1 = require("../database/unit-of-work");
const sender_number_entity_1 = require("./sender-number.entity");
const sms_request_entity_1 = require("./sms-request.entity");
/** A rep asks for SMS on one of their numbers; an admin approves (the number becomes SMS-enabled) or rejects. */
let SmsRequestsService = class SmsRequestsService {
    dataSource;
    uow;
    constructor(dataSource, uow) {
        this.dataSource = dataSource;
        this.uow = uow;
    }
    /** A pending request for the same number is answered again rather than duplicated. */
    async request(principal, numberId) {
        const number = await this.dataSource.getRepository(sender_number_entity_1.SenderNumber).findOneBy({ id: numberId });
        // Someone else's number is reported as unknown: a rep cannot probe other reps' numbers.
        if (!number || (number.userId !== principal.id && principal.role !== 'admin')) {
            throw new domain_error_1.DomainError('NOT_FOUND', `You hold no number with id ${numberId}.`);
        }
        if (number.smsEnabled)
            throw new domain_error_1.DomainError('CONFLICT', `SMS is already enabled on ${number.phoneNumber}.`);
        const repo = this.dataSource.getRepository(sms_request_entity_1.SmsRequest);
        const pending = await repo.findOneBy({ numberId, status: 'pending' });
        if (pending)
            return toView(pending, number);
        const request = repo.create({ id: (0, node_crypto_1.randomUUID)(), numberId, userId: number.userId, status: 'pending', decidedBy: null, decidedAt: null, createdAt: (0, columns_1.nowIso)() });
        await this.uow.run((manager) => manager.getRepository(sms_request_entity_1.SmsRequest).insert(request));
        return toView(request, number);
    }
    async list(status) {
        const requests = await this.dataSource.getRepository(sms_request_entity_1.SmsRequest).find({ where: status ? { status } : {}, order: { createdAt: 'ASC' } });
        const numbers = await this.dataSource.getRepository(sender_number_entity_1.SenderNumber).findBy({ id: (0, typeorm_1.In)([...new Set(requests.map((r) => r.numberId))]) });
        const byId = new Map(numbers.map((n) => [n.id, n]));
        return requests.map((r) => toView(r, byId.get(r.numberId) ?? null));
    }
    /** The number becomes SMS-enabled, in the same transaction as the decision; never a LocalPresence number. */
    approve(admin, id) {
        return this.decide(admin, id, 'approved');
    }
    reject(admin, id) {
        return this.decide(admin, id, 'rejected');
    }
    async decide(admin, id, status) {
        const request = await this.dataSource.getRepository(sms_request_entity_1.SmsRequest).findOneBy({ id });
        if (!request)
            throw new domain_error_1.DomainError('NOT_FOUND', `No SMS request with id ${id}.`);
        if (request.status !== 'pending') {
            throw new domain_error_1.DomainError('REQUEST_ALREADY_DECIDED', `This request was ${request.status} already.`, { status: request.status });
        }
        const number = await this.dataSource.getRepository(sender_number_entity_1.SenderNumber).findOneBy({ id: request.numberId });
        if (!number)
            throw new domain_error_1.DomainError('NOT_FOUND', `The number of request ${id} no longer exists.`);
        if (status === 'approved' && number.kind === 'local_presence') {
            throw new domain_error_1.DomainError('LOCAL_PRESENCE_NUMBER', 'LocalPresence numbers cannot be used to send SMS.', { phoneNumber: number.phoneNumber });
        }
        const decidedAt = (0, columns_1.nowIso)();
        const decided = await this.uow.run(async (manager) => {
            const result = await manager
                .getRepository(sms_request_entity_1.SmsRequest)
                .update({ id, status: 'pending' }, { status, decidedBy: admin.id, decidedAt });
            if (!result.affected)
                return false;
            if (status === 'approved')
                await manager.getRepository(sender_number_entity_1.SenderNumber).update({ id: number.id }, { smsEnabled: true });
            return true;
        });
        if (!decided)
            throw new domain_error_1.DomainError('REQUEST_ALREADY_DECIDED', 'This request was decided already.');
        return toView({ ...request, status, decidedBy: admin.id, decidedAt }, number);
    }
};
exports.SmsRequestsService = SmsRequestsService;
exports.SmsRequestsService = SmsRequestsService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource,
        unit_of_work_1.UnitOfWork])
], SmsRequestsService);
function toView(r, number) {
    return {
        id: r.id,
        numberId: r.numberId,
        userId: r.userId,
        phoneNumber: number?.phoneNumber ?? null,
        status: r.status,
        decidedBy: r.decidedBy,
        decidedAt: r.decidedAt,
        createdAt: r.createdAt,
    };
}
//# sourceMappingURL=sms-requests.service.js.map