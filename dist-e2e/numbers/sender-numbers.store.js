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
exports.SenderNumbersStore = void 0;
const common_1 = require("@nestjs/common");
const sql_1 = require("../database/sql");
/** The hot reads of `sender_numbers` (the send gate's, on every send), in plain SQL. */
let SenderNumbersStore = class SenderNumbersStore {
    sql;
    constructor(sql) {
        this.sql = sql;
    }
    /** Every number the user holds, oldest first. */
    async ofUser(userId) {
        const rows = await this.sql.query('SELECT id, phone_number, user_id, kind, sms_enabled FROM sender_numbers WHERE user_id = $1 ORDER BY created_at ASC', [userId]);
        return rows.map((n) => ({ id: n.id, phoneNumber: n.phone_number, userId: n.user_id, kind: n.kind, smsEnabled: (0, sql_1.bool)(n.sms_enabled) }));
    }
};
exports.SenderNumbersStore = SenderNumbersStore;
exports.SenderNumbersStore = SenderNumbersStore = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [sql_1.Sql])
], SenderNumbersStore);
//# sourceMappingURL=sender-numbers.store.js.map