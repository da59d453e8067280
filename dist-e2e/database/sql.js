"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_PARAMS_PER_STATEMENT = exports.int = exports.bool = exports.Sql = void 0;
exports.placeholders = placeholders;
exports.valuesList = valuesList;
exports.chunksOf = chunksOf;
exports.toPositional = toPositional;
/**
 * Where statements run: the database outside any transaction (the injectable `Sql`: reads), or
 * the connection of a unit of work (`UnitOfWork.unit(tx => …)`: writes, and reads that must see
 * them).
 */
class Sql {
    /** the first row, or null */
    async one(text, params) {
        const rows = await this.query(text, params);
        return rows[0] ?? null;
    }
}
exports.Sql = Sql;
/** `$from, $from+1, …` for `count` values: the inside of an `IN (…)` list or of one VALUES row. */
function placeholders(count, from = 1) {
    let out = '';
    for (let i = 0; i < count; i++)
        out += (i === 0 ? '$' : ', $') + (from + i);
    return out;
}
/**
 * `($1, $2, …), (…), …`: the VALUES of a multi-row insert of `rows` rows of `columns` values each,
 * numbered from `from`.
 */
function valuesList(rows, columns, from = 1) {
    const out = [];
    for (let r = 0; r < rows; r++)
        out.push(`(${placeholders(columns, from + r * columns)})`);
    return out.join(', ');
}
/** A boolean column as either engine returns it (SQLite 0/1, PostgreSQL true/false). */
const bool = (value) => value === true || value === 1 || value === '1';
exports.bool = bool;
/** A count or bigint column as a number (PostgreSQL returns int8 as a string). */
const int = (value) => (typeof value === 'number' ? value : Number(value));
exports.int = int;
/** Rows per multi-row statement: keeps every chunk far below SQLite's and PostgreSQL's bind limits. */
exports.MAX_PARAMS_PER_STATEMENT = 10_000;
/** Splits rows into chunks whose parameters stay below MAX_PARAMS_PER_STATEMENT. */
function chunksOf(rows, columns) {
    const size = Math.max(1, Math.floor(exports.MAX_PARAMS_PER_STATEMENT / Math.max(columns, 1)));
    const chunks = [];
    for (let start = 0; start < rows.length; start += size)
        chunks.push(rows.slice(start, start + size));
    return chunks;
}
/** `$n` placeholders → `?` with the parameter order they need (SQLite's positional binding). */
function toPositional(text) {
    const order = [];
    const rewritten = text.replace(/\$(\d+)/g, (_match, n) => {
        order.push(Number(n) - 1);
        return '?';
    });
    return { text: rewritten, order };
}
//# sourceMappingURL=sql.js.map