"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.OutboxStore = void 0;
const common_1 = require("@nestjs/common");
const sql_1 = require("../database/sql");
const outbox_service_1 = require("./outbox.service");
const COLUMNS = 5;
/**
 * The writes that fill the `outbox` table: entries queued inside the caller's unit of work (pass
 * its `tx`), so a CRM write exists exactly when the change that needs it was committed. One
 * multi-row statement per batch, due at once, pending, no attempts yet.
 */
let OutboxStore = class OutboxStore {
    async enqueue(tx, entries, now) {
        for (const chunk of (0, sql_1.chunksOf)(entries, COLUMNS)) {
            const params = chunk.flatMap((e) => [e.kind, e.aggregateId, e.payload ? JSON.stringify(e.payload) : null, outbox_service_1.OUTBOX_PRIORITY[e.kind], now]);
            // kind, aggregate_id, payload, priority, then `now` for next_attempt_at, created_at and updated_at
            const values = chunk.map((_, i) => `($${i * COLUMNS + 1}, $${i * COLUMNS + 2}, $${i * COLUMNS + 3}, $${i * COLUMNS + 4}, 'pending', 0, $${i * COLUMNS + 5}, NULL, $${i * COLUMNS + 5}, $${i * COLUMNS + 5})`);
            await tx.run(`INSERT INTO outbox (kind, aggregate_id, payload, priority, status, attempts, next_attempt_at, last_error, created_at, updated_at) VALUES ${values.join(', ')}`, params);
        }
    }
};
exports.OutboxStore = OutboxStore;
exports.OutboxStore = OutboxStore = __decorate([
    (0, common_1.Injectable)()
], OutboxStore);
//# sourceMappingURL=outbox.store.js.map