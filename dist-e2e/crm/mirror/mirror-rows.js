"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.pageRows = pageRows;
const salesforce_id_1 = require("../../common/salesforce-id");
const mirror_spec_1 = require("./mirror-spec");
const mirror_phone_normalizer_1 = require("./mirror-phone-normalizer");
const defaultPhones = new mirror_phone_normalizer_1.MirrorPhoneNormalizer();
/**
 * Turns a page into rows. Field names are matched case-insensitively (the mapping may spell
 * `sms_enrolled__c`; the API answers `SMS_Enrolled__c`).
 */
function pageRows(spec, records, phones = defaultPhones) {
    const rows = { prospects: [], accounts: [], removedIds: [], last: null, phoneWarnings: 0 };
    if (records.length === 0)
        return rows;
    const key = keyResolver(records[0]);
    const idKey = key('Id');
    const stampKey = key('SystemModstamp');
    const deletedKey = key('IsDeleted');
    for (const record of records) {
        const systemModstamp = (0, mirror_spec_1.isoFromSalesforce)(record[stampKey]);
        const id = (0, salesforce_id_1.toId18)(String(record[idKey] ?? ''));
        if (!id)
            throw new Error(`${spec.object} record without a valid Id: ${JSON.stringify(record[idKey])}`);
        rows.last = { modstamp: systemModstamp, id };
        if (record[deletedKey] === true) {
            rows.removedIds.push(id);
        }
        else if (spec.kind === 'account') {
            rows.accounts.push({ id, name: text(record[key(spec.nameField)]), systemModstamp });
        }
        else {
            const people = spec.people;
            if (people.convertedField && record[key(people.convertedField)] === true) {
                rows.removedIds.push(id);
                continue;
            }
            rows.prospects.push(prospectRow(spec.object, people, record, key, id, systemModstamp, rows, phones));
        }
    }
    return rows;
}
function prospectRow(objectType, people, record, key, id, systemModstamp, rows, normalizer) {
    const phones = [];
    people.phoneFields.forEach((field, position) => {
        const raw = record[key(field)];
        if (raw === null || raw === undefined || raw === '')
            return;
        const e164 = typeof raw === 'string' ? normalizer.normalize(raw) : null;
        if (e164)
            phones.push({ field, position, e164 });
        else
            rows.phoneWarnings++;
    });
    return {
        id,
        objectType,
        name: text(record[key(people.nameField)]),
        accountId: people.accountField ? reference(record[key(people.accountField)]) : null,
        ownerId: reference(record[key(people.ownerField)]),
        doNotCall: record[key(people.doNotCallField)] === true,
        doNotSms: record[key(people.doNotSmsField)] === true,
        enrolled: record[key(people.enrolledField)] === true,
        systemModstamp,
        phones,
    };
}
/** Maps a mapping field name to the key the API used, resolved once per page and memoised. */
function keyResolver(sample) {
    const byLower = new Map(Object.keys(sample).map((k) => [k.toLowerCase(), k]));
    const memo = new Map();
    return (field) => {
        let resolved = memo.get(field);
        if (resolved === undefined) {
            resolved = byLower.get(field.toLowerCase()) ?? field;
            memo.set(field, resolved);
        }
        return resolved;
    };
}
function text(value) {
    return typeof value === 'string' ? value.slice(0, 255) : value === null || value === undefined ? '' : String(value).slice(0, 255);
}
function reference(value) {
    return typeof value === 'string' && value ? (0, salesforce_id_1.toId18)(value) : null;
}
//# sourceMappingURL=mirror-rows.js.map