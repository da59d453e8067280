"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.messageStatements = messageStatements;
exports.messageParams = messageParams;
exports.outboxParams = outboxParams;
const outbox_service_1 = require("../outbox/outbox.service");
const MESSAGE_COLUMNS = {
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
const cache = new WeakMap();
/** The statements of this connection, prepared once. */
function messageStatements(db) {
    let statements = cache.get(db);
    if (!statements) {
        const columns = Object.keys(MESSAGE_COLUMNS);
        statements = {
            insertMessage: db.prepare(`INSERT INTO messages (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`),
            insertOutbox: db.prepare('INSERT INTO outbox (kind, aggregate_id, payload, priority, status, attempts, next_attempt_at, last_error, created_at, updated_at) ' +
                "VALUES (@kind, @aggregateId, @payload, @priority, 'pending', 0, @now, NULL, @now, @now)"),
        };
        cache.set(db, statements);
    }
    return statements;
}
/** Named parameters of a message row; booleans as SQLite stores them (0/1, as TypeORM writes them). */
function messageParams(m) {
    const params = {};
    for (const [column, property] of Object.entries(MESSAGE_COLUMNS)) {
        const value = m[property];
        params[column] = typeof value === 'boolean' ? Number(value) : value;
    }
    return params;
}
/** Parameters of an outbox entry due now (OutboxService.enqueue's row). */
function outboxParams(kind, aggregateId, now, payload) {
    return { kind, aggregateId, payload: payload ? JSON.stringify(payload) : null, priority: outbox_service_1.OUTBOX_PRIORITY[kind], now };
}
//# sourceMappingURL=message-statements.js.map