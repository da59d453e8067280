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
exports.ProspectsStore = void 0;
const common_1 = require("@nestjs/common");
const sql_1 = require("../../database/sql");
/** The hot reads of `prospects` and `prospect_phones` (the send gate's, on every send), in plain SQL. */
let ProspectsStore = class ProspectsStore {
    sql;
    constructor(sql) {
        this.sql = sql;
    }
    /** A person (18-character id) and their phones, in one statement; null when not mirrored. */
    async person(id) {
        const rows = await this.sql.query('SELECT p.id, p.object_type, p.name, p.account_id, p.enrolled, p.do_not_call, p.do_not_sms, pp.field, pp.e164 ' +
            'FROM prospects p LEFT JOIN prospect_phones pp ON pp.prospect_id = p.id WHERE p.id = $1 ORDER BY pp.position ASC', [id]);
        if (rows.length === 0)
            return null;
        const p = rows[0];
        return {
            id: p.id,
            objectType: p.object_type,
            name: p.name,
            accountId: p.account_id,
            enrolled: (0, sql_1.bool)(p.enrolled),
            doNotCall: (0, sql_1.bool)(p.do_not_call),
            doNotSms: (0, sql_1.bool)(p.do_not_sms),
            phones: rows.filter((r) => r.e164 !== null && r.field !== null).map((r) => ({ field: r.field, e164: r.e164 })),
        };
    }
    /** Every mirrored person holding this number, once each. */
    async holdersOf(e164) {
        const rows = await this.sql.query('SELECT DISTINCT p.id, p.do_not_call, p.do_not_sms FROM prospect_phones pp JOIN prospects p ON p.id = pp.prospect_id WHERE pp.e164 = $1', [e164]);
        return rows.map((r) => ({ prospectId: r.id, doNotCall: (0, sql_1.bool)(r.do_not_call), doNotSms: (0, sql_1.bool)(r.do_not_sms) }));
    }
};
exports.ProspectsStore = ProspectsStore;
exports.ProspectsStore = ProspectsStore = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [sql_1.Sql])
], ProspectsStore);
//# sourceMappingURL=prospects.store.js.map