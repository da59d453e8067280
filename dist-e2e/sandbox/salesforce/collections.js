"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_COLLECTION_RECORDS = void 0;
exports.createRecords = createRecords;
exports.updateRecords = updateRecords;
exports.upsertRecords = upsertRecords;
exports.deleteRecords = deleteRecords;
const salesforce_id_1 = require("../../common/salesforce-id");
const api_error_1 = require("./api-error");
/**
 * sObject Collections: create (POST /composite/sobjects), update (PATCH /composite/sobjects),
 * upsert on an external id (PATCH /composite/sobjects/{Object}/{ExternalIdField}, API 46+) and
 * delete (DELETE /composite/sobjects?ids=…). Up to 200 records a call; results in input order,
 * `{id, success, errors[, created]}` each; with allOrNone a failure rolls every record back and
 * the others answer ALL_OR_NONE_OPERATION_ROLLED_BACK.
 * Source: REST API Developer Guide, "sObject Collections" (resources_composite_sobjects_collections*.htm).
 */
exports.MAX_COLLECTION_RECORDS = 200;
function createRecords(store, body, override) {
    const records = recordsOf(body);
    return run(store, records.length, !!body.allOrNone, (i) => {
        const { attributes, ...fields } = records[i];
        const type = attributes?.type;
        if (!type)
            throw new api_error_1.RecordError('INVALID_TYPE', 'Must send a concrete entity type.', []);
        return { id: store.create(type, fields, { api: true }) };
    }, override);
}
function updateRecords(store, body, override) {
    const records = recordsOf(body);
    return run(store, records.length, !!body.allOrNone, (i) => {
        const { attributes, id, Id, ...fields } = records[i];
        const type = attributes?.type;
        const recordId = String(id ?? Id ?? '');
        if (!recordId)
            throw new api_error_1.RecordError('MISSING_ARGUMENT', 'Id not specified in an update call', []);
        const objectName = type ?? store.schema.objectOfId((0, salesforce_id_1.toId18)(recordId) ?? '')?.name;
        if (!objectName)
            throw new api_error_1.RecordError('MALFORMED_ID', `Record ID: id value of incorrect type: ${recordId}`, ['Id']);
        store.update(objectName, recordId, fields, { api: true });
        return { id: (0, salesforce_id_1.toId18)(recordId) };
    }, override);
}
function upsertRecords(store, objectName, externalIdField, body, override) {
    const object = store.object(objectName);
    const records = recordsOf(body);
    const field = object.byName.get(externalIdField.toLowerCase());
    if (!field || !field.externalId) {
        throw new api_error_1.SalesforceApiError(400, 'INVALID_FIELD', `Field name provided, ${externalIdField} is not an External ID or indexed field for ${object.name}`);
    }
    const valueOf = (r) => {
        const entry = Object.entries(r).find(([k]) => k.toLowerCase() === field.name.toLowerCase());
        return entry?.[1] === null || entry?.[1] === undefined ? null : String(entry[1]);
    };
    const seen = new Map();
    for (const r of records) {
        const v = valueOf(r)?.toLowerCase();
        if (v)
            seen.set(v, (seen.get(v) ?? 0) + 1);
    }
    return run(store, records.length, !!body.allOrNone, (i) => {
        const { attributes: _a, ...fields } = records[i];
        const value = valueOf(records[i]);
        if (!value)
            throw new api_error_1.RecordError('MISSING_ARGUMENT', `${field.name} not specified`, [field.name]);
        if ((seen.get(value.toLowerCase()) ?? 0) > 1)
            throw new api_error_1.RecordError('DUPLICATE_EXTERNAL_ID', `Duplicate external id specified: ${value}`, [field.name]);
        if ('Id' in fields || 'id' in fields)
            throw new api_error_1.RecordError('INVALID_FIELD', 'Only external ids are supported. Don\'t use record ids.', ['Id']);
        return store.upsert(object.name, field.name, value, fields, { api: true });
    }, override);
}
function deleteRecords(store, ids, allOrNone, override) {
    if (ids.length > exports.MAX_COLLECTION_RECORDS)
        throw tooMany();
    return run(store, ids.length, allOrNone, (i) => {
        const id = (0, salesforce_id_1.toId18)(ids[i]);
        const object = id ? store.schema.objectOfId(id) : null;
        if (!id || !object)
            throw new api_error_1.RecordError('MALFORMED_ID', `malformed id ${ids[i]}`, []);
        store.delete(object.name, id);
        return { id };
    }, override);
}
function recordsOf(body) {
    if (!body || !Array.isArray(body.records))
        throw new api_error_1.SalesforceApiError(400, 'JSON_PARSER_ERROR', 'records is required: a list of sObjects');
    if (body.records.length > exports.MAX_COLLECTION_RECORDS)
        throw tooMany();
    return body.records;
}
function tooMany() {
    return new api_error_1.SalesforceApiError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${exports.MAX_COLLECTION_RECORDS} records into this call`);
}
const ROLLED_BACK = {
    statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
    message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
    fields: [],
};
class RollBack extends Error {
}
function run(store, count, allOrNone, step, override) {
    const results = [];
    const apply = () => {
        for (let i = 0; i < count; i++) {
            try {
                const forced = override?.(i);
                if (forced)
                    throw forced;
                const { id, created } = store.transaction(() => step(i));
                results.push({ id, success: true, errors: [], ...(created === undefined ? {} : { created }) });
            }
            catch (err) {
                if (!(err instanceof api_error_1.RecordError))
                    throw err;
                results.push({ id: null, success: false, errors: [err.toJSON()] });
            }
        }
        if (allOrNone && results.some((r) => !r.success))
            throw new RollBack();
    };
    try {
        store.transaction(apply);
    }
    catch (err) {
        if (!(err instanceof RollBack))
            throw err;
        return results.map((r) => (r.success ? { id: null, success: false, errors: [ROLLED_BACK] } : r));
    }
    return results;
}
//# sourceMappingURL=collections.js.map