"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MappingShapeError = void 0;
exports.parseMapping = parseMapping;
exports.loadMappingFile = loadMappingFile;
const node_fs_1 = require("node:fs");
const yaml_1 = require("yaml");
class MappingShapeError extends Error {
    problems;
    constructor(problems) {
        super(`The CRM mapping is not valid: ${problems.join('; ')}`);
        this.problems = problems;
        this.name = 'MappingShapeError';
    }
}
exports.MappingShapeError = MappingShapeError;
const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Checks the shape (not the org: see the describe-based validation) and returns a typed mapping. */
function parseMapping(input) {
    const problems = [];
    const obj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
    const name = (v, path) => {
        if (typeof v !== 'string' || !API_NAME.test(v))
            problems.push(`${path} must be a Salesforce API name`);
        return String(v);
    };
    const textValue = (v, path) => {
        if (typeof v !== 'string' || !v.trim())
            problems.push(`${path} must be a non-empty string`);
        return String(v);
    };
    if (!obj(input))
        throw new MappingShapeError(['the mapping must be an object with people, account and activity']);
    const people = [];
    if (!Array.isArray(input.people) || input.people.length === 0)
        problems.push('people must be a non-empty list');
    else
        input.people.forEach((p, i) => {
            const at = `people[${i}]`;
            if (!obj(p))
                return problems.push(`${at} must be an object`);
            const phoneFields = Array.isArray(p.phoneFields) ? p.phoneFields.map((f, j) => name(f, `${at}.phoneFields[${j}]`)) : [];
            if (phoneFields.length === 0)
                problems.push(`${at}.phoneFields must list at least one field`);
            people.push({
                object: name(p.object, `${at}.object`),
                nameField: name(p.nameField ?? 'Name', `${at}.nameField`),
                phoneFields,
                doNotCallField: name(p.doNotCallField, `${at}.doNotCallField`),
                doNotSmsField: name(p.doNotSmsField, `${at}.doNotSmsField`),
                enrolledField: name(p.enrolledField, `${at}.enrolledField`),
                ownerField: name(p.ownerField ?? 'OwnerId', `${at}.ownerField`),
                ...(p.accountField !== undefined && p.accountField !== null ? { accountField: name(p.accountField, `${at}.accountField`) } : {}),
                ...(p.convertedField !== undefined && p.convertedField !== null ? { convertedField: name(p.convertedField, `${at}.convertedField`) } : {}),
            });
        });
    const account = obj(input.account) ? input.account : {};
    if (!obj(input.account))
        problems.push('account must be an object');
    const activity = obj(input.activity) ? input.activity : {};
    if (!obj(input.activity))
        problems.push('activity must be an object');
    if (activity.linkOpenOpportunity !== undefined && typeof activity.linkOpenOpportunity !== 'boolean') {
        problems.push('activity.linkOpenOpportunity must be true or false');
    }
    if (activity.type !== undefined && activity.type !== null && typeof activity.type !== 'string') {
        problems.push('activity.type must be a string or null');
    }
    const mapping = {
        people,
        account: { object: name(account.object ?? 'Account', 'account.object'), nameField: name(account.nameField ?? 'Name', 'account.nameField') },
        activity: {
            object: name(activity.object ?? 'Task', 'activity.object'),
            externalIdField: name(activity.externalIdField, 'activity.externalIdField'),
            status: textValue(activity.status ?? 'Completed', 'activity.status'),
            priority: textValue(activity.priority ?? 'Normal', 'activity.priority'),
            type: typeof activity.type === 'string' && activity.type.trim() ? activity.type : null,
            subjectOutbound: textValue(activity.subjectOutbound ?? 'SMS sent to {name}', 'activity.subjectOutbound'),
            subjectInbound: textValue(activity.subjectInbound ?? 'SMS received from {name}', 'activity.subjectInbound'),
            linkOpenOpportunity: activity.linkOpenOpportunity === true,
        },
    };
    const objects = people.map((p) => p.object);
    if (new Set(objects).size !== objects.length)
        problems.push('people lists an object twice');
    if (problems.length)
        throw new MappingShapeError(problems);
    return mapping;
}
function loadMappingFile(path) {
    let text;
    try {
        text = (0, node_fs_1.readFileSync)(path, 'utf8');
    }
    catch {
        throw new MappingShapeError([`cannot read ${path}`]);
    }
    let document;
    try {
        document = (0, yaml_1.parse)(text);
    }
    catch (error) {
        throw new MappingShapeError([`${path} is not valid YAML: ${error.message.split('\n')[0]}`]);
    }
    return parseMapping(document);
}
//# sourceMappingURL=crm-mapping.js.map