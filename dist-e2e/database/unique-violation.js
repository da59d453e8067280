"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isUniqueViolation = isUniqueViolation;
const typeorm_1 = require("typeorm");
/**
 * A unique index turned the row away: PostgreSQL 23505, or SQLite's constraint error, whether it
 * came through TypeORM (QueryFailedError) or straight from a better-sqlite3 statement (SqliteError).
 */
function isUniqueViolation(error) {
    const driverError = (error instanceof typeorm_1.QueryFailedError ? error.driverError : error);
    const code = driverError?.code;
    if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
        return true;
    const message = error instanceof Error ? error.message : '';
    return (error instanceof typeorm_1.QueryFailedError || code === 'SQLITE_CONSTRAINT') && /UNIQUE constraint failed/i.test(message);
}
//# sourceMappingURL=unique-violation.js.map