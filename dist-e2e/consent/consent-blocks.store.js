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
exports.ConsentBlocksStore = void 0;
const common_1 = require("@nestjs/common");
const sql_1 = require("../database/sql");
/** The hot read of `consent_blocks` (the send gate's, on every send), in plain SQL. */
let ConsentBlocksStore = class ConsentBlocksStore {
    sql;
    constructor(sql) {
        this.sql = sql;
    }
    /** Whether this number is opted out, org-wide. */
    async isBlocked(e164) {
        const row = await this.sql.one('SELECT blocked FROM consent_blocks WHERE phone_number = $1', [e164]);
        return row !== null && (0, sql_1.bool)(row.blocked);
    }
};
exports.ConsentBlocksStore = ConsentBlocksStore;
exports.ConsentBlocksStore = ConsentBlocksStore = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [sql_1.Sql])
], ConsentBlocksStore);
//# sourceMappingURL=consent-blocks.store.js.map