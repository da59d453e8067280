"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.InitialSchema1764400000000 = void 0;
const typeorm_1 = require("typeorm");
const id = (name = 'id', length = '36') => ({ name, type: 'varchar', length });
const str = (name, length, nullable = false) => ({ name, type: 'varchar', length: String(length), nullable });
const iso = (name, nullable = false) => str(name, 30, nullable);
const text = (name, nullable = true) => ({ name, type: 'text', nullable });
const int = (name, dflt) => ({ name, type: 'integer', default: dflt === undefined ? undefined : String(dflt) });
const bool = (name, dflt) => ({ name, type: 'boolean', default: dflt === undefined ? undefined : String(dflt) });
const TABLES = [
    {
        name: 'users',
        primary: ['id'],
        columns: [id(), str('salesforce_user_id', 18), str('name', 200), str('email', 320), str('role', 10), str('api_key_hash', 64), iso('created_at')],
        uniques: [['salesforce_user_id'], ['api_key_hash']],
    },
    {
        name: 'sender_numbers',
        primary: ['id'],
        columns: [id(), str('phone_number', 16), id('user_id'), str('kind', 16), bool('sms_enabled'), iso('created_at')],
        uniques: [['phone_number']],
        indices: [['user_id']],
    },
    {
        name: 'sms_requests',
        primary: ['id'],
        columns: [id(), id('number_id'), id('user_id'), str('status', 10), str('decided_by', 36, true), iso('decided_at', true), iso('created_at')],
        indices: [['number_id']],
    },
    {
        name: 'prospects',
        primary: ['id'],
        columns: [
            id('id', '18'),
            str('object_type', 40),
            str('name', 255),
            str('account_id', 18, true),
            str('owner_id', 18, true),
            bool('do_not_call', false),
            bool('do_not_sms', false),
            bool('enrolled', false),
            iso('system_modstamp'),
            iso('synced_at'),
        ],
        indices: [['account_id']],
    },
    {
        name: 'prospect_phones',
        primary: ['prospect_id', 'field'],
        columns: [str('prospect_id', 18), str('field', 80), int('position'), str('e164', 16)],
        indices: [['e164']],
    },
    {
        name: 'accounts',
        primary: ['id'],
        columns: [id('id', '18'), str('name', 255), iso('system_modstamp'), iso('synced_at')],
    },
    {
        name: 'crm_mapping',
        primary: ['id'],
        columns: [str('id', 20), text('document', false), iso('updated_at'), str('updated_by', 36, true)],
    },
    {
        name: 'messages',
        primary: ['id'],
        columns: [
            id(),
            str('direction', 10),
            str('from_number', 16),
            str('to_number', 16),
            text('body', false),
            str('encoding', 8),
            int('segments'),
            str('status', 12),
            str('error_code', 12, true),
            str('provider_sid', 64, true),
            str('prospect_id', 18, true),
            str('record_id', 18, true),
            str('user_id', 36, true),
            str('sender_number_id', 36, true),
            str('idempotency_key', 200, true),
            bool('needs_review', false),
            iso('created_at'),
            iso('updated_at'),
            str('crm_activity_id', 18, true),
        ],
        uniques: [['provider_sid'], ['user_id', 'idempotency_key']],
        indices: [['from_number'], ['to_number'], ['prospect_id'], ['created_at']],
    },
    {
        name: 'send_refusals',
        primary: ['id'],
        columns: [id(), id('user_id'), str('record_id', 18, true), str('from_number', 32, true), str('to_number', 32, true), str('code', 40), text('details'), iso('created_at')],
        indices: [['user_id']],
    },
    {
        name: 'consent_blocks',
        primary: ['phone_number'],
        columns: [str('phone_number', 16), bool('blocked'), str('source', 20), iso('updated_at')],
    },
    {
        name: 'consent_events',
        primary: ['id'],
        columns: [
            id(),
            str('phone_number', 16),
            str('action', 10),
            str('source', 20),
            str('message_id', 36, true),
            str('actor_user_id', 36, true),
            bool('needs_review', false),
            text('note'),
            iso('created_at'),
        ],
        indices: [['phone_number']],
    },
    {
        name: 'notifications',
        primary: ['id'],
        columns: [id(), id('user_id'), str('type', 20), id('message_id'), str('record_id', 18, true), str('prospect_name', 255, true), str('preview', 200), iso('created_at'), iso('read_at', true)],
        indices: [['user_id', 'created_at']],
    },
    {
        name: 'sync_runs',
        primary: ['id'],
        columns: [id(), str('job', 20), str('status', 10), iso('started_at'), iso('finished_at', true), text('stats', false), text('error')],
        indices: [['job', 'started_at']],
    },
    {
        name: 'sync_watermarks',
        primary: ['object_name'],
        columns: [str('object_name', 80), iso('last_modstamp'), str('last_id', 18), iso('updated_at')],
    },
];
class InitialSchema1764400000000 {
    name = 'InitialSchema1764400000000';
    async up(queryRunner) {
        for (const spec of TABLES) {
            await queryRunner.createTable(new typeorm_1.Table({
                name: spec.name,
                columns: spec.columns.map((c) => ({ ...c, isPrimary: spec.primary.includes(c.name), isNullable: !!c.nullable })),
                uniques: (spec.uniques ?? []).map((columnNames) => ({ name: `uq_${spec.name}_${columnNames.join('_')}`, columnNames })),
            }));
            for (const columnNames of spec.indices ?? []) {
                await queryRunner.createIndex(spec.name, new typeorm_1.TableIndex({ name: `ix_${spec.name}_${columnNames.join('_')}`, columnNames }));
            }
        }
        // The outbox's id is a database-generated sequence (drain order).
        await queryRunner.createTable(new typeorm_1.Table({
            name: 'outbox',
            columns: [
                { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
                { name: 'kind', type: 'varchar', length: '20' },
                { name: 'aggregate_id', type: 'varchar', length: '36' },
                { name: 'payload', type: 'text', isNullable: true },
                { name: 'priority', type: 'integer', default: '10' },
                { name: 'status', type: 'varchar', length: '10' },
                { name: 'attempts', type: 'integer', default: '0' },
                { name: 'next_attempt_at', type: 'varchar', length: '30' },
                { name: 'last_error', type: 'text', isNullable: true },
                { name: 'created_at', type: 'varchar', length: '30' },
                { name: 'updated_at', type: 'varchar', length: '30' },
            ],
        }));
        await queryRunner.createIndex('outbox', new typeorm_1.TableIndex({ name: 'ix_outbox_due', columnNames: ['status', 'priority', 'next_attempt_at'] }));
        await queryRunner.createIndex('outbox', new typeorm_1.TableIndex({ name: 'ix_outbox_aggregate_id', columnNames: ['aggregate_id'] }));
    }
    async down(queryRunner) {
        await queryRunner.dropTable('outbox');
        for (const spec of [...TABLES].reverse())
            await queryRunner.dropTable(spec.name);
    }
}
exports.InitialSchema1764400000000 = InitialSchema1764400000000;
//# sourceMappingURL=1764400000000-initial-schema.js.map