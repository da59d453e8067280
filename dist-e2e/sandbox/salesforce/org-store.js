"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OrgStore = void 0;
const salesforce_id_1 = require("../../common/salesforce-id");
const api_error_1 = require("./api-error");
const clock_1 = require("./clock");
const ids_1 = require("./ids");
const schema_1 = require("./schema");
const STRINGY = new Set(['string', 'textarea', 'phone', 'email', 'picklist', 'combobox']);
class OrgStore {
    schema;
    clock;
    tables = new Map();
    deletedLog = new Map();
    rules = new Map();
    /** 'Object.Field' → lower-cased value → ids of live records (unique and external-id fields) */
    indexes = new Map();
    undo = null;
    ids = new ids_1.IdFactory();
    /** the API user every write is made as (CreatedById, default OwnerId) */
    apiUserId;
    constructor(schema, clock) {
        this.schema = schema;
        this.clock = clock;
        for (const object of schema.all())
            this.tables.set(object.name, new Map());
        this.apiUserId = this.create('User', { Username: 'integration@standin.example', LastName: 'Integration', FirstName: 'API', Email: 'integration@standin.example' }, { api: false });
    }
    // ---- reads ----
    *rows(objectName, includeDeleted) {
        for (const row of this.table(objectName).values())
            if (includeDeleted || !row.IsDeleted)
                yield row;
    }
    byId(id) {
        const id18 = (0, salesforce_id_1.toId18)(id);
        const object = id18 ? this.schema.objectOfId(id18) : null;
        const row = object ? this.tables.get(object.name).get(id18) : undefined;
        return object && row && !row.IsDeleted ? { object, row } : null;
    }
    /** The row (deleted too when asked), or null. */
    get(objectName, id, includeDeleted = false) {
        const row = this.table(objectName).get((0, salesforce_id_1.toId18)(id) ?? id);
        return row && (includeDeleted || !row.IsDeleted) ? row : null;
    }
    deletedBetween(objectName, startMs, endMs) {
        return (this.deletedLog.get(this.object(objectName).name) ?? []).filter((e) => e.deletedMs >= startMs && e.deletedMs <= endMs);
    }
    updatedBetween(objectName, startMs, endMs) {
        const out = [];
        for (const row of this.rows(objectName, false)) {
            const ms = (0, clock_1.parseDateTime)(String(row.SystemModstamp));
            if (ms >= startMs && ms <= endMs)
                out.push(row.Id);
        }
        return out;
    }
    // ---- validation rules ----
    addValidationRule(objectName, rule) {
        const name = this.object(objectName).name;
        const list = this.rules.get(name) ?? [];
        list.push(rule);
        this.rules.set(name, list);
        return () => list.splice(list.indexOf(rule), 1);
    }
    clearValidationRules() {
        this.rules.clear();
    }
    // ---- transactions (allOrNone) ----
    /** Runs fn; when it throws, every write it made is undone. */
    transaction(fn) {
        const outer = this.undo;
        const undo = [];
        this.undo = undo;
        try {
            const result = fn();
            if (outer)
                outer.push(...undo);
            return result;
        }
        catch (err) {
            for (const step of undo.reverse())
                step();
            throw err;
        }
        finally {
            this.undo = outer;
        }
    }
    // ---- writes ----
    create(objectName, input, options) {
        const object = this.object(objectName);
        if (options.api && 'Id' in input && input.Id != null) {
            throw new api_error_1.RecordError('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']);
        }
        const values = this.coerce(object, input, options, 'create');
        const now = (0, clock_1.formatSalesforceDateTime)(this.clock.now());
        const row = {};
        for (const f of object.fields)
            row[f.name] = f.defaultValue;
        const id = typeof values.Id === 'string' && !options.api ? values.Id : this.ids.next(object.keyPrefix);
        Object.assign(row, { Id: id, IsDeleted: false, CreatedDate: now, LastModifiedDate: now, SystemModstamp: now, CreatedById: this.apiUserId, LastModifiedById: this.apiUserId });
        if ((0, schema_1.fieldOf)(object, 'OwnerId'))
            row.OwnerId = this.apiUserId;
        Object.assign(row, values);
        derive(object, row);
        if (options.api)
            this.check(object, row, null);
        this.checkUnique(object, row);
        this.put(object, row, null);
        return id;
    }
    update(objectName, id, input, options) {
        const object = this.object(objectName);
        const previous = this.existing(object, id);
        if (options.api && object.name === 'Lead' && previous.IsConverted) {
            throw new api_error_1.RecordError('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead', []);
        }
        const { Id: _ignored, ...rest } = input;
        const values = this.coerce(object, rest, options, 'update');
        const now = (0, clock_1.formatSalesforceDateTime)(this.clock.now());
        const row = { ...previous, LastModifiedDate: now, SystemModstamp: now, LastModifiedById: this.apiUserId, ...values };
        derive(object, row);
        if (options.api)
            this.check(object, row, previous);
        this.checkUnique(object, row);
        this.put(object, row, previous);
    }
    /** Upsert on an external-id field: updates the live record holding the value, else creates one. */
    upsert(objectName, externalIdField, value, input, options) {
        const object = this.object(objectName);
        const field = (0, schema_1.fieldOf)(object, externalIdField);
        if (!field || (!field.externalId && field.name !== 'Id')) {
            throw new api_error_1.RecordError('INVALID_FIELD', `Field name provided, ${externalIdField} is not an External ID or indexed field for ${object.name}`, []);
        }
        const { [field.name]: _ext, ...rest } = input;
        const matches = field.name === 'Id' ? [this.get(object.name, value)].filter((r) => !!r) : this.lookup(object, field, value);
        if (matches.length > 1) {
            throw new api_error_1.RecordError('DUPLICATE_EXTERNAL_ID', `${field.name}: more than one record found for external id field: ${matches.map((m) => m.Id).join(', ')}`, [field.name]);
        }
        if (matches.length === 1) {
            this.update(object.name, matches[0].Id, rest, options);
            return { id: matches[0].Id, created: false };
        }
        return { id: this.create(object.name, { ...rest, [field.name]: value }, options), created: true };
    }
    delete(objectName, id) {
        const object = this.object(objectName);
        const previous = this.existing(object, id);
        const date = this.clock.now();
        const stamp = (0, clock_1.formatSalesforceDateTime)(date);
        const row = { ...previous, IsDeleted: true, SystemModstamp: stamp, LastModifiedDate: stamp };
        this.put(object, row, previous);
        const log = this.deletedLog.get(object.name) ?? [];
        const entry = { id: row.Id, deletedDate: stamp, deletedMs: date.getTime() };
        log.push(entry);
        this.deletedLog.set(object.name, log);
        this.undo?.push(() => log.splice(log.indexOf(entry), 1));
    }
    /** Overwrites system fields without any check or stamping (tests: SystemModstamp, CreatedDate). */
    setSystemFields(objectName, id, values) {
        const object = this.object(objectName);
        const previous = this.get(object.name, id, true);
        if (!previous)
            throw new Error(`${object.name} ${id} does not exist`);
        this.put(object, { ...previous, ...values }, previous);
    }
    // ---- internals ----
    object(name) {
        const object = this.schema.object(name);
        if (!object)
            throw new api_error_1.RecordError('INVALID_TYPE', `sObject type '${name}' is not supported.`);
        return object;
    }
    table(objectName) {
        return this.tables.get(this.object(objectName).name);
    }
    existing(object, id) {
        const id18 = (0, salesforce_id_1.toId18)(String(id));
        if (!id18 || this.schema.objectOfId(id18)?.name !== object.name) {
            throw new api_error_1.RecordError('MALFORMED_ID', `${object.label} ID: id value of incorrect type: ${id}`, ['Id']);
        }
        const row = this.tables.get(object.name).get(id18);
        if (!row)
            throw new api_error_1.RecordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', []);
        if (row.IsDeleted)
            throw new api_error_1.RecordError('ENTITY_IS_DELETED', 'entity is deleted', []);
        return row;
    }
    put(object, row, previous) {
        this.setRow(object, row.Id, row, previous);
        this.undo?.push(() => this.setRow(object, row.Id, previous, row));
    }
    setRow(object, id, row, previous) {
        const table = this.tables.get(object.name);
        if (row)
            table.set(id, row);
        else
            table.delete(id);
        for (const f of object.fields) {
            if (!f.unique && !f.externalId)
                continue;
            const index = this.index(object, f);
            if (previous && !previous.IsDeleted && previous[f.name] != null)
                index.get(key(previous[f.name]))?.delete(id);
            if (row && !row.IsDeleted && row[f.name] != null) {
                const k = key(row[f.name]);
                index.set(k, (index.get(k) ?? new Set()).add(id));
            }
        }
    }
    index(object, field) {
        const name = `${object.name}.${field.name}`;
        let index = this.indexes.get(name);
        if (!index)
            this.indexes.set(name, (index = new Map()));
        return index;
    }
    /** Live records whose unique / external-id field holds this value (case-insensitive). */
    lookup(object, field, value) {
        if (!field.unique && !field.externalId)
            return [...this.rows(object.name, false)].filter((r) => sameText(r[field.name], value));
        const ids = this.index(object, field).get(key(value)) ?? new Set();
        return [...ids].map((id) => this.tables.get(object.name).get(id));
    }
    /** Field names to canonical case, values to their stored form; unknown and read-only fields fail. */
    coerce(object, input, options, op) {
        const out = {};
        for (const [key, raw] of Object.entries(input)) {
            if (key === 'attributes')
                continue;
            const field = (0, schema_1.fieldOf)(object, key);
            if (!field)
                throw new api_error_1.RecordError('INVALID_FIELD', `No such column '${key}' on sobject of type ${object.name}`, []);
            if (options.api && (op === 'create' ? !field.createable : !field.updateable)) {
                throw new api_error_1.RecordError('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, [field.name]);
            }
            out[field.name] = coerceValue(object, field, raw);
        }
        return out;
    }
    check(object, row, previous) {
        const missing = object.fields.filter((f) => (f.required || (!f.nillable && f.type === 'reference' && f.createable)) && (row[f.name] === null || row[f.name] === undefined));
        if (missing.length) {
            throw new api_error_1.RecordError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.map((f) => f.name).join(', ')}]`, missing.map((f) => f.name));
        }
        for (const f of object.fields) {
            const v = row[f.name];
            if (v === null || v === undefined)
                continue;
            if (STRINGY.has(f.type) && f.length && String(v).length > f.length) {
                throw new api_error_1.RecordError('STRING_TOO_LONG', `${f.label}: data value too large: ${String(v).slice(0, 40)} (max length=${f.length})`, [f.name]);
            }
            if (f.type === 'reference' && f.name !== 'CreatedById' && f.name !== 'LastModifiedById' && v !== previous?.[f.name])
                this.checkReference(f, String(v));
        }
        if (object.name === 'Task' && row.WhatId && typeof row.WhoId === 'string' && row.WhoId.startsWith('00Q')) {
            // A Task whose Name (WhoId) is a Lead cannot also be Related To a record.
            throw new api_error_1.RecordError('FIELD_INTEGRITY_EXCEPTION', 'Related To ID: You can\'t associate a task with a lead and a related record at the same time.', ['WhatId']);
        }
        for (const rule of this.rules.get(object.name) ?? []) {
            const verdict = rule(row, previous);
            if (!verdict)
                continue;
            const v = typeof verdict === 'string' ? { message: verdict } : verdict;
            throw new api_error_1.RecordError(v.statusCode ?? 'FIELD_CUSTOM_VALIDATION_EXCEPTION', v.message, v.fields ?? []);
        }
    }
    checkReference(field, value) {
        const target = this.schema.objectOfId(value);
        if (!target || !field.referenceTo.includes(target.name)) {
            throw new api_error_1.RecordError('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${value}`, [field.name]);
        }
        if (!this.byId(value))
            throw new api_error_1.RecordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [field.name]);
    }
    checkUnique(object, row) {
        for (const f of object.fields) {
            if (!f.unique || row[f.name] === null || row[f.name] === undefined)
                continue;
            for (const other of this.lookup(object, f, row[f.name])) {
                if (other.Id !== row.Id) {
                    throw new api_error_1.RecordError('DUPLICATE_VALUE', `duplicate value found: ${f.name} duplicates value on record with id: ${String(other.Id)}`, [f.name]);
                }
            }
        }
    }
}
exports.OrgStore = OrgStore;
function key(value) {
    return String(value).toLowerCase();
}
function sameText(a, b) {
    return a !== null && a !== undefined && String(a).toLowerCase() === String(b).toLowerCase();
}
/** Stored form of a written value: '' is null for text (as in Salesforce), ids 18 characters. */
function coerceValue(object, field, raw) {
    if (raw === null || raw === undefined)
        return null;
    const bad = () => new api_error_1.RecordError('INVALID_TYPE_ON_FIELD_IN_RECORD', `${field.label}: value not of required type: ${String(raw)}`, [field.name]);
    switch (field.type) {
        case 'boolean':
            if (typeof raw !== 'boolean')
                throw bad();
            return raw;
        case 'double':
        case 'currency':
            if (typeof raw !== 'number' && !(typeof raw === 'string' && raw.trim() !== '' && !Number.isNaN(Number(raw))))
                throw bad();
            return Number(raw);
        case 'datetime': {
            const ms = (0, clock_1.parseDateTime)(String(raw));
            if (Number.isNaN(ms))
                throw bad();
            return (0, clock_1.formatSalesforceDateTime)(new Date(ms));
        }
        case 'date':
            if (!/^\d{4}-\d{2}-\d{2}$/.test(String(raw)))
                throw bad();
            return String(raw);
        case 'id':
        case 'reference': {
            if (raw === '')
                return null;
            const id = (0, salesforce_id_1.toId18)(String(raw));
            if (!id)
                throw new api_error_1.RecordError('MALFORMED_ID', `${field.label}: id value of incorrect type: ${String(raw)}`, [field.name]);
            return id;
        }
        default: {
            if (typeof raw === 'object')
                throw bad();
            const text = String(raw);
            return text === '' ? null : text;
        }
    }
}
/** Formula-like fields Salesforce computes: Name of people, IsClosed / IsWon. */
function derive(object, row) {
    if ((0, schema_1.fieldOf)(object, 'FirstName') && (0, schema_1.fieldOf)(object, 'LastName')) {
        row.Name = [row.FirstName, row.LastName].filter((p) => p !== null && p !== undefined && p !== '').join(' ') || null;
    }
    if (object.name === 'Opportunity') {
        row.IsClosed = typeof row.StageName === 'string' && row.StageName.startsWith('Closed');
        row.IsWon = row.StageName === 'Closed Won';
    }
    if (object.name === 'Task')
        row.IsClosed = row.Status === 'Completed';
}
//# sourceMappingURL=org-store.js.map