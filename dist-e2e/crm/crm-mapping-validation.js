"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.mappingRequirements = mappingRequirements;
exports.mappingObjects = mappingObjects;
exports.mappingProblems = mappingProblems;
exports.shapeProblems = shapeProblems;
const crm_gateway_port_1 = require("./crm-gateway.port");
const TEXT = ['string', 'textarea'];
const PHONE = ['phone', 'string'];
const BOOLEAN = ['boolean'];
const REFERENCE = ['reference'];
const ID = ['id'];
const DATETIME = ['datetime'];
const EXTERNAL_ID = ['string', 'email', 'int', 'double'];
/** Every field the service reads or writes under this mapping (CONTRACT §3). */
function mappingRequirements(mapping) {
    const reqs = [];
    const add = (object, field, types, role, extra = {}) => reqs.push({ object, field, types, role, ...extra });
    for (const p of mapping.people) {
        add(p.object, 'Id', ID, 'record id');
        add(p.object, 'SystemModstamp', DATETIME, 'mirror watermark');
        add(p.object, p.nameField, TEXT, 'nameField');
        p.phoneFields.forEach((f, i) => add(p.object, f, PHONE, `phoneFields[${i}]`));
        add(p.object, p.doNotCallField, BOOLEAN, 'doNotCallField');
        add(p.object, p.doNotSmsField, BOOLEAN, 'doNotSmsField', { updateable: true });
        add(p.object, p.enrolledField, BOOLEAN, 'enrolledField');
        add(p.object, p.ownerField, REFERENCE, 'ownerField');
        if (p.accountField)
            add(p.object, p.accountField, REFERENCE, 'accountField', { referenceTo: mapping.account.object });
        if (p.convertedField)
            add(p.object, p.convertedField, BOOLEAN, 'convertedField');
    }
    const account = mapping.account.object;
    add(account, 'Id', ID, 'record id');
    add(account, 'SystemModstamp', DATETIME, 'mirror watermark');
    add(account, mapping.account.nameField, TEXT, 'account.nameField');
    const a = mapping.activity;
    add(a.object, a.externalIdField, EXTERNAL_ID, 'activity.externalIdField', { externalId: true, updateable: true });
    add(a.object, 'Subject', ['string', 'combobox', 'picklist'], 'activity subject', { updateable: true });
    add(a.object, 'Description', ['textarea', 'string'], 'activity description', { updateable: true });
    add(a.object, 'Status', ['picklist', 'string'], 'activity.status', { updateable: true });
    add(a.object, 'Priority', ['picklist', 'string'], 'activity.priority', { updateable: true });
    add(a.object, 'ActivityDate', ['date'], 'activity date', { updateable: true });
    add(a.object, 'WhoId', REFERENCE, 'activity WhoId', { updateable: true });
    add(a.object, 'WhatId', REFERENCE, 'activity WhatId', { updateable: true });
    add(a.object, 'OwnerId', REFERENCE, 'activity OwnerId', { updateable: true });
    if (a.type !== null)
        add(a.object, 'Type', ['picklist', 'string'], 'activity.type', { updateable: true });
    if (a.linkOpenOpportunity) {
        add('OpportunityContactRole', 'ContactId', REFERENCE, 'activity.linkOpenOpportunity');
        add('OpportunityContactRole', 'OpportunityId', REFERENCE, 'activity.linkOpenOpportunity');
    }
    return reqs;
}
/** The objects to describe for this mapping, each once. */
function mappingObjects(mapping) {
    return [...new Set(mappingRequirements(mapping).map((r) => r.object))];
}
/**
 * The problems of a mapping given the describe results of its objects (`null` or a NOT_FOUND
 * CrmError: the object does not exist). Pure: the caller fetches the descriptions.
 */
function mappingProblems(mapping, describes) {
    const problems = [];
    const reported = new Set();
    const fieldsByObject = new Map();
    for (const [object, described] of describes) {
        if (described && !(described instanceof crm_gateway_port_1.CrmError)) {
            fieldsByObject.set(object, new Map(described.fields.map((f) => [f.name.toLowerCase(), f])));
        }
    }
    for (const req of mappingRequirements(mapping)) {
        const described = describes.get(req.object);
        if (!fieldsByObject.has(req.object)) {
            if (reported.has(req.object))
                continue;
            reported.add(req.object);
            problems.push(objectProblem(req.object, described));
            continue;
        }
        // a field named in two roles is checked for each: a phone field is no Do-Not-Call flag
        const key = `${req.object}.${req.field.toLowerCase()}.${req.role}`;
        if (reported.has(key))
            continue;
        reported.add(key);
        const field = fieldsByObject.get(req.object).get(req.field.toLowerCase());
        const at = `${req.object}.${req.field} (${req.role})`;
        const where = { object: req.object, field: req.field, role: req.role };
        if (!field) {
            problems.push({ ...where, problem: 'missing_field', message: `${at} does not exist in the org.` });
        }
        else if (!req.types.includes(field.type)) {
            problems.push({
                ...where,
                problem: 'wrong_type',
                message: `${at} is of type ${field.type}; expected ${req.types.join(' or ')}.`,
            });
        }
        else if (req.referenceTo && field.referenceTo.length > 0 && !field.referenceTo.includes(req.referenceTo)) {
            problems.push({
                ...where,
                problem: 'wrong_type',
                message: `${at} refers to ${field.referenceTo.join(', ')}; expected a reference to ${req.referenceTo}.`,
            });
        }
        else if (req.externalId && !field.externalId) {
            problems.push({ ...where, problem: 'not_external_id', message: `${at} is not marked as an External ID.` });
        }
        else if (req.updateable && !field.updateable && !field.createable) {
            problems.push({ ...where, problem: 'not_updateable', message: `${at} cannot be written by this user.` });
        }
    }
    return [...problems, ...conflictingRoles(mapping)];
}
/**
 * Each People role needs a field of its own: Do-Not-Call read from the enrolment flag, or a phone
 * read as a flag, would silently turn a compliance rule off or upside down.
 */
function conflictingRoles(mapping) {
    const problems = [];
    for (const p of mapping.people) {
        const roles = [
            ['nameField', p.nameField],
            ...p.phoneFields.map((f, i) => [`phoneFields[${i}]`, f]),
            ['doNotCallField', p.doNotCallField],
            ['doNotSmsField', p.doNotSmsField],
            ['enrolledField', p.enrolledField],
            ['ownerField', p.ownerField],
            ['accountField', p.accountField],
            ['convertedField', p.convertedField],
        ];
        const firstRole = new Map();
        for (const [role, field] of roles) {
            if (!field)
                continue;
            const earlier = firstRole.get(field.toLowerCase());
            if (earlier === undefined) {
                firstRole.set(field.toLowerCase(), role);
                continue;
            }
            problems.push({
                object: p.object,
                field,
                role,
                problem: 'conflicting_roles',
                message: `${p.object}.${field} is named as ${role} and as ${earlier}; each role needs a field of its own.`,
            });
        }
    }
    return problems;
}
function objectProblem(object, described) {
    if (described instanceof crm_gateway_port_1.CrmError && described.kind !== 'NOT_FOUND') {
        return { object, field: null, role: null, problem: 'describe_failed', message: `Could not describe ${object}: ${described.message}` };
    }
    return { object, field: null, role: null, problem: 'missing_object', message: `The object ${object} does not exist in the org (or is not visible to this user).` };
}
/** Shape problems (MappingShapeError) in the same list form, so one 422 covers both kinds. */
function shapeProblems(messages) {
    return messages.map((message) => ({ object: null, field: message.split(' ')[0] ?? null, role: null, problem: 'invalid_shape', message }));
}
//# sourceMappingURL=crm-mapping-validation.js.map