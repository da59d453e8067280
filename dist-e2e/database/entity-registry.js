"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.registeredEntities = registeredEntities;
const typeorm_1 = require("typeorm");
/** The table kinds a context declares itself (junction tables are derived by TypeORM). */
const DECLARED = new Set(['regular', 'view', 'entity-child', 'closure']);
/**
 * The entities the DataSource maps: every class of this process declared with `@Entity` (each
 * context's `*.entity.ts` registers itself through the decorator), so no list here imports the
 * contexts. A context's entities are loaded with the code that uses them, which is always before
 * the database is opened (main.ts and createApp import the AppModule, a test imports what it
 * reads); the schema itself comes from the migrations, never from these classes.
 */
function registeredEntities() {
    return (0, typeorm_1.getMetadataArgsStorage)()
        .tables.filter((table) => DECLARED.has(table.type))
        .map((table) => table.target);
}
//# sourceMappingURL=entity-registry.js.map