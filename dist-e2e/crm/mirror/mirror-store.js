"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createMirrorStore = createMirrorStore;
const PROSPECT_COLUMNS = ['id', 'object_type', 'name', 'account_id', 'owner_id', 'do_not_call', 'do_not_sms', 'enrolled', 'system_modstamp', 'synced_at'];
const ACCOUNT_COLUMNS = ['id', 'name', 'system_modstamp', 'synced_at'];
const PHONE_COLUMNS = ['prospect_id', 'field', 'position', 'e164'];
const upsertSql = (table, columns, values, key) => `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values} ON CONFLICT (${key}) DO UPDATE SET ` +
    columns
        .filter((c) => c !== key)
        .map((c) => `${c} = excluded.${c}`)
        .join(', ');
const WATERMARK_SQL = (p) => `INSERT INTO sync_watermarks (object_name, last_modstamp, last_id, updated_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}) ` +
    `ON CONFLICT (object_name) DO UPDATE SET last_modstamp = excluded.last_modstamp, last_id = excluded.last_id, updated_at = excluded.updated_at`;
function createMirrorStore(manager) {
    return manager.connection.options.type === 'better-sqlite3' ? new SqliteMirrorStore() : new PostgresMirrorStore();
}
class SqliteMirrorStore {
    prepared = null;
    async applyPage(manager, page) {
        const s = this.statements(manager);
        let removed = 0;
        for (const id of page.removedIds) {
            if (page.kind === 'people') {
                s.deletePhones.run(id);
                removed += s.deleteProspect.run(id).changes;
            }
            else {
                removed += s.deleteAccount.run(id).changes;
            }
        }
        for (const p of page.prospects) {
            s.upsertProspect.run(p.id, p.objectType, p.name, p.accountId, p.ownerId, +p.doNotCall, +p.doNotSms, +p.enrolled, p.systemModstamp, page.syncedAt);
            s.deletePhones.run(p.id);
            for (const phone of p.phones)
                s.insertPhone.run(p.id, phone.field, phone.position, phone.e164);
        }
        for (const a of page.accounts)
            s.upsertAccount.run(a.id, a.name, a.systemModstamp, page.syncedAt);
        if (page.watermark)
            s.watermark.run(page.object, page.watermark.modstamp, page.watermark.id, page.syncedAt);
        return { upserted: page.prospects.length + page.accounts.length, removed };
    }
    async sweep(manager, object, kind, before) {
        const db = nativeHandle(manager);
        if (kind === 'account')
            return db.prepare('DELETE FROM accounts WHERE synced_at < ?').run(before).changes;
        db.prepare('DELETE FROM prospect_phones WHERE prospect_id IN (SELECT id FROM prospects WHERE object_type = ? AND synced_at < ?)').run(object, before);
        return db.prepare('DELETE FROM prospects WHERE object_type = ? AND synced_at < ?').run(object, before).changes;
    }
    statements(manager) {
        const db = nativeHandle(manager);
        if (this.prepared?.db !== db)
            this.prepared = { db, statements: prepare(db) };
        return this.prepared.statements;
    }
}
function prepare(db) {
    const statement = (sql) => db.prepare(sql);
    const marks = (n) => `(${Array.from({ length: n }, () => '?').join(', ')})`;
    const p = () => '?';
    return {
        upsertProspect: statement(upsertSql('prospects', PROSPECT_COLUMNS, marks(PROSPECT_COLUMNS.length), 'id')),
        upsertAccount: statement(upsertSql('accounts', ACCOUNT_COLUMNS, marks(ACCOUNT_COLUMNS.length), 'id')),
        deleteProspect: statement('DELETE FROM prospects WHERE id = ?'),
        deleteAccount: statement('DELETE FROM accounts WHERE id = ?'),
        deletePhones: statement('DELETE FROM prospect_phones WHERE prospect_id = ?'),
        insertPhone: statement(`INSERT INTO prospect_phones (${PHONE_COLUMNS.join(', ')}) VALUES ${marks(PHONE_COLUMNS.length)}`),
        watermark: statement(WATERMARK_SQL(p)),
    };
}
function nativeHandle(manager) {
    return manager.connection.driver.databaseConnection;
}
/** Rows per multi-row statement: 10 columns × 1000 stays far below PostgreSQL's 65,535 parameters. */
const PG_CHUNK = 1000;
class PostgresMirrorStore {
    async applyPage(manager, page) {
        let removed = 0;
        if (page.removedIds.length) {
            if (page.kind === 'people') {
                await manager.query('DELETE FROM prospect_phones WHERE prospect_id = ANY($1)', [page.removedIds]);
                removed = (await manager.query('DELETE FROM prospects WHERE id = ANY($1) RETURNING id', [page.removedIds]))[0].length;
            }
            else {
                removed = (await manager.query('DELETE FROM accounts WHERE id = ANY($1) RETURNING id', [page.removedIds]))[0].length;
            }
        }
        const prospects = lastPerId(page.prospects);
        if (prospects.length) {
            const rows = prospects.map((p) => [p.id, p.objectType, p.name, p.accountId, p.ownerId, p.doNotCall, p.doNotSms, p.enrolled, p.systemModstamp, page.syncedAt]);
            await insertChunks(manager, rows, (values) => upsertSql('prospects', PROSPECT_COLUMNS, values, 'id'));
            await manager.query('DELETE FROM prospect_phones WHERE prospect_id = ANY($1)', [prospects.map((p) => p.id)]);
            const phones = prospects.flatMap((p) => p.phones.map((phone) => [p.id, phone.field, phone.position, phone.e164]));
            await insertChunks(manager, phones, (values) => `INSERT INTO prospect_phones (${PHONE_COLUMNS.join(', ')}) VALUES ${values}`);
        }
        const accounts = lastPerId(page.accounts);
        if (accounts.length) {
            const rows = accounts.map((a) => [a.id, a.name, a.systemModstamp, page.syncedAt]);
            await insertChunks(manager, rows, (values) => upsertSql('accounts', ACCOUNT_COLUMNS, values, 'id'));
        }
        if (page.watermark) {
            await manager.query(WATERMARK_SQL((n) => `$${n}`), [page.object, page.watermark.modstamp, page.watermark.id, page.syncedAt]);
        }
        return { upserted: prospects.length + accounts.length, removed };
    }
    async sweep(manager, object, kind, before) {
        if (kind === 'account')
            return (await manager.query('DELETE FROM accounts WHERE synced_at < $1 RETURNING id', [before]))[0].length;
        await manager.query('DELETE FROM prospect_phones WHERE prospect_id IN (SELECT id FROM prospects WHERE object_type = $1 AND synced_at < $2)', [object, before]);
        return (await manager.query('DELETE FROM prospects WHERE object_type = $1 AND synced_at < $2 RETURNING id', [object, before]))[0].length;
    }
}
async function insertChunks(manager, rows, sql) {
    for (let start = 0; start < rows.length; start += PG_CHUNK) {
        const chunk = rows.slice(start, start + PG_CHUNK);
        const params = [];
        const values = chunk
            .map((row) => {
            const marks = row.map((value) => {
                params.push(value);
                return `$${params.length}`;
            });
            return `(${marks.join(', ')})`;
        })
            .join(', ');
        await manager.query(sql(values), params);
    }
}
/** ON CONFLICT DO UPDATE refuses to touch one row twice in a statement: keep the last of each id. */
function lastPerId(rows) {
    const byId = new Map();
    for (const row of rows)
        byId.set(row.id, row);
    return byId.size === rows.length ? rows : [...byId.values()];
}
//# sourceMappingURL=mirror-store.js.map