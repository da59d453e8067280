import { toId18 } from '../../common/salesforce-id';
import { RecordError, SalesforceApiError } from './api-error';
import type { OrgStore } from './org-store';
import type { Row } from './soql-evaluator';

/**
 * sObject Collections: create (POST /composite/sobjects), update (PATCH /composite/sobjects),
 * upsert on an external id (PATCH /composite/sobjects/{Object}/{ExternalIdField}, API 46+) and
 * delete (DELETE /composite/sobjects?ids=…). Up to 200 records a call; results in input order,
 * `{id, success, errors[, created]}` each; with allOrNone a failure rolls every record back and
 * the others answer ALL_OR_NONE_OPERATION_ROLLED_BACK.
 * Source: REST API Developer Guide, "sObject Collections" (resources_composite_sobjects_collections*.htm).
 */
export const MAX_COLLECTION_RECORDS = 200;

export interface CollectionResult {
  id: string | null;
  success: boolean;
  errors: { statusCode: string; message: string; fields: string[] }[];
  created?: boolean;
}

export interface CollectionBody {
  allOrNone?: boolean;
  records?: Row[];
}

/** Thrown by the per-record step to fail every record of the call at once (a lock fault). */
export type RecordFailureOverride = (index: number) => RecordError | null;

export function createRecords(store: OrgStore, body: CollectionBody, override?: RecordFailureOverride): CollectionResult[] {
  const records = recordsOf(body);
  return run(store, records.length, !!body.allOrNone, (i) => {
    const { attributes, ...fields } = records[i];
    const type = (attributes as { type?: string } | undefined)?.type;
    if (!type) throw new RecordError('INVALID_TYPE', 'Must send a concrete entity type.', []);
    return { id: store.create(type, fields, { api: true }) };
  }, override);
}

export function updateRecords(store: OrgStore, body: CollectionBody, override?: RecordFailureOverride): CollectionResult[] {
  const records = recordsOf(body);
  return run(store, records.length, !!body.allOrNone, (i) => {
    const { attributes, id, Id, ...fields } = records[i];
    const type = (attributes as { type?: string } | undefined)?.type;
    const recordId = String(id ?? Id ?? '');
    if (!recordId) throw new RecordError('MISSING_ARGUMENT', 'Id not specified in an update call', []);
    const objectName = type ?? store.schema.objectOfId(toId18(recordId) ?? '')?.name;
    if (!objectName) throw new RecordError('MALFORMED_ID', `Record ID: id value of incorrect type: ${recordId}`, ['Id']);
    store.update(objectName, recordId, fields, { api: true });
    return { id: toId18(recordId) };
  }, override);
}

export function upsertRecords(store: OrgStore, objectName: string, externalIdField: string, body: CollectionBody, override?: RecordFailureOverride): CollectionResult[] {
  const object = store.object(objectName);
  const records = recordsOf(body);
  const field = object.byName.get(externalIdField.toLowerCase());
  if (!field || !field.externalId) {
    throw new SalesforceApiError(400, 'INVALID_FIELD', `Field name provided, ${externalIdField} is not an External ID or indexed field for ${object.name}`);
  }
  const valueOf = (r: Row) => {
    const entry = Object.entries(r).find(([k]) => k.toLowerCase() === field.name.toLowerCase());
    return entry?.[1] === null || entry?.[1] === undefined ? null : String(entry[1]);
  };
  const seen = new Map<string, number>();
  for (const r of records) {
    const v = valueOf(r)?.toLowerCase();
    if (v) seen.set(v, (seen.get(v) ?? 0) + 1);
  }
  return run(store, records.length, !!body.allOrNone, (i) => {
    const { attributes: _a, ...fields } = records[i];
    const value = valueOf(records[i]);
    if (!value) throw new RecordError('MISSING_ARGUMENT', `${field.name} not specified`, [field.name]);
    if ((seen.get(value.toLowerCase()) ?? 0) > 1) throw new RecordError('DUPLICATE_EXTERNAL_ID', `Duplicate external id specified: ${value}`, [field.name]);
    if ('Id' in fields || 'id' in fields) throw new RecordError('INVALID_FIELD', 'Only external ids are supported. Don\'t use record ids.', ['Id']);
    return store.upsert(object.name, field.name, value, fields, { api: true });
  }, override);
}

export function deleteRecords(store: OrgStore, ids: string[], allOrNone: boolean, override?: RecordFailureOverride): CollectionResult[] {
  if (ids.length > MAX_COLLECTION_RECORDS) throw tooMany();
  return run(store, ids.length, allOrNone, (i) => {
    const id = toId18(ids[i]);
    const object = id ? store.schema.objectOfId(id) : null;
    if (!id || !object) throw new RecordError('MALFORMED_ID', `malformed id ${ids[i]}`, []);
    store.delete(object.name, id);
    return { id };
  }, override);
}

function recordsOf(body: CollectionBody): Row[] {
  if (!body || !Array.isArray(body.records)) throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', 'records is required: a list of sObjects');
  if (body.records.length > MAX_COLLECTION_RECORDS) throw tooMany();
  return body.records;
}

function tooMany(): SalesforceApiError {
  return new SalesforceApiError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_COLLECTION_RECORDS} records into this call`);
}

const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [] as string[],
};

class RollBack extends Error {}

function run(
  store: OrgStore,
  count: number,
  allOrNone: boolean,
  step: (index: number) => { id: string | null; created?: boolean },
  override?: RecordFailureOverride,
): CollectionResult[] {
  const results: CollectionResult[] = [];
  const apply = () => {
    for (let i = 0; i < count; i++) {
      try {
        const forced = override?.(i);
        if (forced) throw forced;
        const { id, created } = store.transaction(() => step(i));
        results.push({ id, success: true, errors: [], ...(created === undefined ? {} : { created }) });
      } catch (err) {
        if (!(err instanceof RecordError)) throw err;
        results.push({ id: null, success: false, errors: [err.toJSON()] });
      }
    }
    if (allOrNone && results.some((r) => !r.success)) throw new RollBack();
  };
  try {
    store.transaction(apply);
  } catch (err) {
    if (!(err instanceof RollBack)) throw err;
    return results.map((r) => (r.success ? { id: null, success: false, errors: [ROLLED_BACK] } : r));
  }
  return results;
}
