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
exports.MessagesStore = void 0;
exports.toMessage = toMessage;
const common_1 = require("@nestjs/common");
const sql_1 = require("../database/sql");
/** Every column of `messages` and the Message property it holds. */
const COLUMNS = {
    id: 'id',
    direction: 'direction',
    from_number: 'fromNumber',
    to_number: 'toNumber',
    body: 'body',
    encoding: 'encoding',
    segments: 'segments',
    status: 'status',
    error_code: 'errorCode',
    provider_sid: 'providerSid',
    prospect_id: 'prospectId',
    record_id: 'recordId',
    user_id: 'userId',
    sender_number_id: 'senderNumberId',
    idempotency_key: 'idempotencyKey',
    needs_review: 'needsReview',
    created_at: 'createdAt',
    updated_at: 'updatedAt',
    crm_activity_id: 'crmActivityId',
    reply_to_id: 'replyToId',
    send_attempts: 'sendAttempts',
    send_claimed_at: 'sendClaimedAt',
};
const COLUMN_NAMES = Object.keys(COLUMNS);
const SELECT_ALL = `SELECT ${COLUMN_NAMES.join(', ')} FROM messages`;
/**
 * The hot reads and writes of the `messages` table, in plain SQL through the executor (one text for
 * both engines). Writes take the caller's unit of work (`tx`); reads outside one use the `Sql`
 * injected here.
 */
let MessagesStore = class MessagesStore {
    sql;
    constructor(sql) {
        this.sql = sql;
    }
    /** New messages, each exactly as given: one multi-row statement per chunk. */
    async insert(tx, messages) {
        for (const chunk of (0, sql_1.chunksOf)(messages, COLUMN_NAMES.length)) {
            const params = [];
            for (const m of chunk)
                for (const column of COLUMN_NAMES)
                    params.push(m[COLUMNS[column]]);
            await tx.run(`INSERT INTO messages (${COLUMN_NAMES.join(', ')}) VALUES ${(0, sql_1.valuesList)(chunk.length, COLUMN_NAMES.length)}`, params);
        }
    }
    /** The message a rep sent with this idempotency key, if any. */
    async findByIdempotencyKey(userId, idempotencyKey) {
        const row = await this.sql.one(`${SELECT_ALL} WHERE user_id = $1 AND idempotency_key = $2`, [userId, idempotencyKey]);
        return row ? toMessage(row) : null;
    }
    /** Which of these provider sids are stored already. */
    async storedSids(tx, sids) {
        if (sids.length === 0)
            return new Set();
        const rows = await tx.query(`SELECT provider_sid FROM messages WHERE provider_sid IN (${(0, sql_1.placeholders)(sids.length)})`, sids);
        return new Set(rows.map((r) => r.provider_sid));
    }
    /** The provider took a queued message: its sid and status, unless a callback moved it on already. */
    recordAccepted(tx, id, providerSid, status, updatedAt) {
        return tx.run("UPDATE messages SET provider_sid = $1, status = $2, updated_at = $3 WHERE id = $4 AND status = 'queued'", [providerSid, status, updatedAt, id]);
    }
    /** A send the provider refused or never answered. */
    markFailed(tx, id, errorCode, updatedAt) {
        return tx.run("UPDATE messages SET status = 'failed', error_code = $1, updated_at = $2 WHERE id = $3", [errorCode, updatedAt, id]);
    }
    /** The message a delivery-status callback is about, by its provider sid. */
    async statusTarget(tx, providerSid) {
        const row = await tx.one('SELECT id, status, error_code, crm_activity_id FROM messages WHERE provider_sid = $1', [providerSid]);
        return row ? { id: row.id, status: row.status, errorCode: row.error_code, crmActivityId: row.crm_activity_id } : null;
    }
    /** Moves a message to `status`, only from one of `from` (forward only, whoever wrote last). */
    advanceStatus(tx, id, from, status, errorCode, updatedAt) {
        return tx.run(`UPDATE messages SET status = $1, error_code = $2, updated_at = $3 WHERE id = $4 AND status IN (${(0, sql_1.placeholders)(from.length, 5)})`, [
            status,
            errorCode,
            updatedAt,
            id,
            ...from,
        ]);
    }
};
exports.MessagesStore = MessagesStore;
exports.MessagesStore = MessagesStore = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [sql_1.Sql])
], MessagesStore);
/** A `messages` row (either engine's types) as a Message. */
function toMessage(row) {
    const m = {};
    for (const column of COLUMN_NAMES)
        m[COLUMNS[column]] = row[column];
    m.needsReview = (0, sql_1.bool)(row.needs_review);
    m.segments = (0, sql_1.int)(row.segments);
    m.sendAttempts = (0, sql_1.int)(row.send_attempts);
    return m;
}
//# sourceMappingURL=messages.store.js.map