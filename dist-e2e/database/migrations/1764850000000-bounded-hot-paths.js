"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BoundedHotPaths1764850000000 = void 0;
const typeorm_1 = require("typeorm");
/**
 * Indexes that keep every hot path's cost independent of history: each query reaches a bounded
 * number of rows through an index whatever the table sizes (test/query-plans.e2e-spec.ts holds the
 * plans to that on both engines).
 *
 * messages
 * - `(to_number, from_number, direction, created_at, id)`: the last message one of our numbers sent
 *   to a number (what a reply answers, ConversationMatcher) is the first entry of a range, LIMIT 1.
 * - `(from_number | to_number | prospect_id, created_at, id)`: a thread page walks each of its legs
 *   newest first from the cursor and stops after a page. They replace the single-column indexes on
 *   the same first columns, which they cover.
 * notifications
 * - `(user_id, created_at, id)` replaces `(user_id, created_at)`: the list's order (newest first, id
 *   breaking ties) comes from the index, no sort of a rep's whole history; the partial one over the
 *   unread rows serves `?unread=true` without walking past the read ones.
 * outbox
 * - `(status, priority, id)` replaces `(status, priority, next_attempt_at)`: the drain claims due
 *   entries of one kind in id order, LIMIT a batch, straight from the index.
 */
/** A fresh TableIndex each time: TypeORM keeps the object it was given in its table cache. */
const ix = (options) => () => new typeorm_1.TableIndex(options);
const REPLACED = [
    { table: 'messages', drop: 'ix_messages_from_number', create: ix({ name: 'ix_messages_from_created', columnNames: ['from_number', 'created_at', 'id'] }) },
    { table: 'messages', drop: 'ix_messages_to_number', create: ix({ name: 'ix_messages_to_created', columnNames: ['to_number', 'created_at', 'id'] }) },
    { table: 'messages', drop: 'ix_messages_prospect_id', create: ix({ name: 'ix_messages_prospect_created', columnNames: ['prospect_id', 'created_at', 'id'] }) },
    {
        table: 'notifications',
        drop: 'ix_notifications_user_id_created_at',
        create: ix({ name: 'ix_notifications_user_created', columnNames: ['user_id', 'created_at', 'id'] }),
    },
    { table: 'outbox', drop: 'ix_outbox_due', create: ix({ name: 'ix_outbox_claim', columnNames: ['status', 'priority', 'id'] }) },
];
const ADDED = [
    {
        table: 'messages',
        index: ix({ name: 'ix_messages_pair_latest', columnNames: ['to_number', 'from_number', 'direction', 'created_at', 'id'] }),
    },
    {
        table: 'notifications',
        index: ix({ name: 'ix_notifications_user_unread', columnNames: ['user_id', 'created_at', 'id'], where: `"read_at" IS NULL` }),
    },
];
/** The indexes these replaced, as the initial schema created them (for `down`). */
const RESTORED = {
    ix_messages_from_number: ix({ name: 'ix_messages_from_number', columnNames: ['from_number'] }),
    ix_messages_to_number: ix({ name: 'ix_messages_to_number', columnNames: ['to_number'] }),
    ix_messages_prospect_id: ix({ name: 'ix_messages_prospect_id', columnNames: ['prospect_id'] }),
    ix_notifications_user_id_created_at: ix({ name: 'ix_notifications_user_id_created_at', columnNames: ['user_id', 'created_at'] }),
    ix_outbox_due: ix({ name: 'ix_outbox_due', columnNames: ['status', 'priority', 'next_attempt_at'] }),
};
class BoundedHotPaths1764850000000 {
    name = 'BoundedHotPaths1764850000000';
    async up(queryRunner) {
        for (const { table, drop, create } of REPLACED) {
            await queryRunner.createIndex(table, create());
            await queryRunner.dropIndex(table, drop);
        }
        for (const { table, index } of ADDED)
            await queryRunner.createIndex(table, index());
    }
    async down(queryRunner) {
        for (const { table, index } of [...ADDED].reverse())
            await queryRunner.dropIndex(table, index().name);
        for (const { table, drop, create } of [...REPLACED].reverse()) {
            await queryRunner.createIndex(table, RESTORED[drop]());
            await queryRunner.dropIndex(table, create().name);
        }
    }
}
exports.BoundedHotPaths1764850000000 = BoundedHotPaths1764850000000;
//# sourceMappingURL=1764850000000-bounded-hot-paths.js.map