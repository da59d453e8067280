"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.forEngine = forEngine;
exports.runQuery = runQuery;
/**
 * One SQL text for both engines: written with `?` placeholders (SQLite's), numbered `$1, $2, …`
 * for PostgreSQL. The texts passed here hold no `?` inside string literals.
 */
function forEngine(sql, type) {
    if (type !== 'postgres')
        return sql;
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
}
/** Runs a portable query on the manager's connection (inside its transaction, if any). */
function runQuery(manager, query) {
    return manager.query(forEngine(query.sql, manager.connection.options.type), query.params);
}
//# sourceMappingURL=portable-sql.js.map