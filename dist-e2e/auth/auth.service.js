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
exports.AuthService = void 0;
const node_crypto_1 = require("node:crypto");
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const config_module_1 = require("../config/config.module");
const domain_error_1 = require("../common/domain-error");
const salesforce_id_1 = require("../common/salesforce-id");
const columns_1 = require("../database/columns");
const unit_of_work_1 = require("../database/unit-of-work");
const api_key_1 = require("./api-key");
const user_entity_1 = require("./user.entity");
/**
 * API keys: checked on every request against the database (one indexed read, no cache), so a
 * rotated or revoked key is refused at once, by every instance sharing the database.
 */
let AuthService = class AuthService {
    dataSource;
    uow;
    logger = new common_1.Logger('ApiKeys');
    bootstrapHash;
    constructor(dataSource, uow, config) {
        this.dataSource = dataSource;
        this.uow = uow;
        this.bootstrapHash = config.adminApiKey ? Buffer.from((0, api_key_1.hashApiKey)(config.adminApiKey), 'hex') : null;
    }
    async authenticate(apiKey) {
        const hash = (0, api_key_1.hashApiKey)(apiKey);
        if (this.bootstrapHash && (0, node_crypto_1.timingSafeEqual)(this.bootstrapHash, Buffer.from(hash, 'hex'))) {
            return { id: 'bootstrap-admin', name: 'Bootstrap admin', role: 'admin', salesforceUserId: null, bootstrap: true };
        }
        const user = await this.dataSource.getRepository(user_entity_1.User).findOneBy({ apiKeyHash: hash });
        if (!user)
            return null;
        return { id: user.id, name: user.name, role: user.role, salesforceUserId: user.salesforceUserId, bootstrap: false };
    }
    /** A new key for the user (shown once); the old one is refused from the moment this returns. */
    async rotateKey(userId, by) {
        const apiKey = (0, api_key_1.newApiKey)();
        await this.setKeyHash(userId, (0, api_key_1.hashApiKey)(apiKey));
        this.logger.log(`API key of user ${userId} rotated by ${by.bootstrap ? 'the bootstrap admin' : `user ${by.id}`}`);
        return apiKey;
    }
    /** The user keeps no valid key until the next rotation. Revoking twice is harmless. */
    async revokeKey(userId, by) {
        await this.setKeyHash(userId, null);
        this.logger.log(`API key of user ${userId} revoked by ${by.bootstrap ? 'the bootstrap admin' : `user ${by.id}`}`);
    }
    async setKeyHash(userId, apiKeyHash) {
        const result = await this.uow.run((manager) => manager.getRepository(user_entity_1.User).update({ id: userId }, { apiKeyHash }));
        if (!result.affected)
            throw (0, domain_error_1.notFound)('user', userId);
    }
    async createUser(dto) {
        const salesforceUserId = (0, salesforce_id_1.toId18)(dto.salesforceUserId);
        if (!salesforceUserId || !salesforceUserId.startsWith('005')) {
            throw new domain_error_1.DomainError('VALIDATION_FAILED', 'salesforceUserId must be a Salesforce User id (005…, 15 or 18 characters).');
        }
        const repo = this.dataSource.getRepository(user_entity_1.User);
        if (await repo.existsBy({ salesforceUserId })) {
            throw new domain_error_1.DomainError('ALREADY_EXISTS', `A user with Salesforce user id ${salesforceUserId} exists already.`);
        }
        const apiKey = (0, api_key_1.newApiKey)();
        const user = repo.create({
            id: (0, node_crypto_1.randomUUID)(),
            salesforceUserId,
            name: dto.name.trim(),
            email: dto.email.trim().toLowerCase(),
            role: dto.role,
            apiKeyHash: (0, api_key_1.hashApiKey)(apiKey),
            createdAt: (0, columns_1.nowIso)(),
        });
        try {
            // Through the unit of work like every write: on SQLite the connection is shared.
            await this.uow.run((manager) => manager.getRepository(user_entity_1.User).insert(user));
        }
        catch (error) {
            if (error instanceof typeorm_1.QueryFailedError) {
                throw new domain_error_1.DomainError('ALREADY_EXISTS', `A user with Salesforce user id ${salesforceUserId} exists already.`);
            }
            throw error;
        }
        return { user, apiKey };
    }
    findUser(id) {
        return this.dataSource.getRepository(user_entity_1.User).findOneBy({ id });
    }
};
exports.AuthService = AuthService;
exports.AuthService = AuthService = __decorate([
    (0, common_1.Injectable)(),
    __param(2, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [typeorm_1.DataSource,
        unit_of_work_1.UnitOfWork, Object])
], AuthService);
//# sourceMappingURL=auth.service.js.map