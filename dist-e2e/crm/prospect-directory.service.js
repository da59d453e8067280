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
exports.ProspectDirectory = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const salesforce_id_1 = require("../common/salesforce-id");
const unit_of_work_1 = require("../database/unit-of-work");
const account_entity_1 = require("./account.entity");
const prospect_entity_1 = require("./prospect.entity");
const prospect_phone_entity_1 = require("./prospect-phone.entity");
/**
 * Lookups over the mirror, for the send gate, the send screen and inbound matching: decided
 * locally, no Salesforce call. Reads are serialised with the mirror's writes on SQLite (one shared
 * connection), so a page being committed is never seen half-written.
 */
let ProspectDirectory = class ProspectDirectory {
    dataSource;
    uow;
    serialise;
    constructor(dataSource, uow) {
        this.dataSource = dataSource;
        this.uow = uow;
        this.serialise = dataSource.options.type === 'better-sqlite3';
    }
    /** Every prospect holding this E.164 number in a mapped phone field (a shared company line gives several). */
    findByPhone(e164) {
        return this.read(async (manager) => {
            const hits = await manager.getRepository(prospect_phone_entity_1.ProspectPhone).find({ where: { e164 }, select: { prospectId: true } });
            return this.views(manager, [...new Set(hits.map((h) => h.prospectId))]);
        });
    }
    /** A prospect by Salesforce id (15 or 18 characters); null when it is not in the mirror. */
    findById(id) {
        const id18 = (0, salesforce_id_1.toId18)(id);
        if (!id18)
            return Promise.resolve(null);
        return this.read(async (manager) => (await this.views(manager, [id18]))[0] ?? null);
    }
    /** Several prospects by id, in no particular order; unknown ids are left out. */
    findByIds(ids) {
        const ids18 = ids.map(salesforce_id_1.toId18).filter((id) => id !== null);
        return this.read((manager) => this.views(manager, ids18));
    }
    /** The Contacts of an Account, enrolled or not, by name: the people an Account's send context leads to. */
    contactsOfAccount(accountId) {
        const id18 = (0, salesforce_id_1.toId18)(accountId);
        if (!id18)
            return Promise.resolve([]);
        return this.read(async (manager) => {
            const rows = await manager.getRepository(prospect_entity_1.Prospect).find({ where: { accountId: id18, objectType: 'Contact' }, select: { id: true } });
            return this.views(manager, rows.map((r) => r.id));
        });
    }
    findAccount(accountId) {
        const id18 = (0, salesforce_id_1.toId18)(accountId);
        if (!id18)
            return Promise.resolve(null);
        return this.read(async (manager) => {
            const account = await manager.getRepository(account_entity_1.Account).findOneBy({ id: id18 });
            return account ? { id: account.id, name: account.name } : null;
        });
    }
    read(work) {
        return this.serialise ? this.uow.run(work) : work(this.dataSource.manager);
    }
    async views(manager, ids) {
        if (ids.length === 0)
            return [];
        const [prospects, phones] = await Promise.all([
            manager.getRepository(prospect_entity_1.Prospect).find({ where: { id: (0, typeorm_1.In)(ids) } }),
            manager.getRepository(prospect_phone_entity_1.ProspectPhone).find({ where: { prospectId: (0, typeorm_1.In)(ids) }, order: { position: 'ASC' } }),
        ]);
        const phonesOf = new Map();
        for (const phone of phones) {
            const list = phonesOf.get(phone.prospectId) ?? [];
            list.push({ field: phone.field, e164: phone.e164 });
            phonesOf.set(phone.prospectId, list);
        }
        return prospects
            .map((p) => ({
            id: p.id,
            objectType: p.objectType,
            name: p.name,
            accountId: p.accountId,
            ownerId: p.ownerId,
            doNotCall: p.doNotCall,
            doNotSms: p.doNotSms,
            enrolled: p.enrolled,
            systemModstamp: p.systemModstamp,
            phones: phonesOf.get(p.id) ?? [],
        }))
            .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    }
};
exports.ProspectDirectory = ProspectDirectory;
exports.ProspectDirectory = ProspectDirectory = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [typeorm_1.DataSource,
        unit_of_work_1.UnitOfWork])
], ProspectDirectory);
//# sourceMappingURL=prospect-directory.service.js.map