"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.KeywordReplySends1764700000000 = void 0;
const typeorm_1 = require("typeorm");
/**
 * Keyword replies (opt-out confirmation, START, HELP) that the service sends on its own, and
 * their send bookkeeping, so a reply left unsent by a crash or a provider outage is sent later —
 * once (messaging/replies/):
 * - `reply_to_id`: the inbound message a service-generated reply answers. Set only on those, it is
 *   what tells them apart from a rep's send (`POST /api/messages`), which is never re-sent.
 * - `send_attempts`: provider calls begun for the row (claims taken).
 * - `send_claimed_at`: set by the one process that won the right to call the provider, cleared
 *   again only when the provider certainly did not take the message.
 * The partial index covers exactly the rows the sweep looks for: replies still queued.
 *
 * Replies stored before this migration carry no marker and are left alone: nothing tells them
 * apart from a rep's send with certainty.
 */
class KeywordReplySends1764700000000 {
    name = 'KeywordReplySends1764700000000';
    async up(queryRunner) {
        await queryRunner.addColumns('messages', [
            new typeorm_1.TableColumn({ name: 'reply_to_id', type: 'varchar', length: '36', isNullable: true }),
            new typeorm_1.TableColumn({ name: 'send_attempts', type: 'integer', isNullable: false, default: 0 }),
            new typeorm_1.TableColumn({ name: 'send_claimed_at', type: 'varchar', length: '30', isNullable: true }),
        ]);
        await queryRunner.createIndex('messages', new typeorm_1.TableIndex({ name: 'idx_messages_queued_replies', columnNames: ['updated_at'], where: `"status" = 'queued' AND "reply_to_id" IS NOT NULL` }));
    }
    async down(queryRunner) {
        await queryRunner.dropIndex('messages', 'idx_messages_queued_replies');
        await queryRunner.dropColumns('messages', ['send_claimed_at', 'send_attempts', 'reply_to_id']);
    }
}
exports.KeywordReplySends1764700000000 = KeywordReplySends1764700000000;
//# sourceMappingURL=1764700000000-keyword-reply-sends.js.map