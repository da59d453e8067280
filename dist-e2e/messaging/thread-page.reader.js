"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readThreadPage = readThreadPage;
const typeorm_1 = require("typeorm");
const portable_sql_1 = require("../database/portable-sql");
const message_entity_1 = require("./message.entity");
const thread_page_1 = require("./thread-page");
/**
 * One page of the messages on any of these legs: the `limit` newest before the cursor, oldest
 * first. Two bounded reads: the page's ids through the legs' indexes, then those rows by id.
 */
async function readThreadPage(manager, legs, before, limit) {
    if (legs.length === 0)
        return { messages: [], next: null };
    const rows = await (0, portable_sql_1.runQuery)(manager, (0, thread_page_1.threadPageQuery)(legs, before, limit + 1));
    const shown = rows.slice(0, limit);
    const found = shown.length > 0 ? await manager.getRepository(message_entity_1.Message).findBy({ id: (0, typeorm_1.In)(shown.map((r) => r.id)) }) : [];
    const byId = new Map(found.map((m) => [m.id, m]));
    const messages = shown
        .map((r) => byId.get(r.id))
        .filter((m) => m !== undefined)
        .reverse();
    const oldest = messages[0];
    return { messages, next: rows.length > limit && oldest ? { createdAt: oldest.createdAt, id: oldest.id } : null };
}
//# sourceMappingURL=thread-page.reader.js.map