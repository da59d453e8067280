"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.buildTask = buildTask;
exports.describeMessage = describeMessage;
/**
 * The Task for one message (CONTRACT §3 "Writes"), every name from the mapping. Fields with no
 * value are left out rather than sent as null, so an upsert never clears what Salesforce holds.
 */
function buildTask(source, mapping) {
    const { message, prospect } = source;
    const otherParty = message.direction === 'outbound' ? message.toNumber : message.fromNumber;
    const name = prospect?.name?.trim() || otherParty;
    const template = message.direction === 'outbound' ? mapping.subjectOutbound : mapping.subjectInbound;
    const task = {
        [mapping.externalIdField]: message.id,
        Subject: truncate(template.split('{name}').join(name), SUBJECT_MAX),
        Description: describeMessage(message),
        Status: mapping.status,
        Priority: mapping.priority,
        ActivityDate: message.createdAt.slice(0, 10),
    };
    if (mapping.type)
        task.Type = mapping.type;
    if (prospect) {
        task.WhoId = prospect.id;
        const whatId = whatIdFor(source, mapping);
        if (whatId)
            task.WhatId = whatId;
    }
    if (source.ownerSalesforceId)
        task.OwnerId = source.ownerSalesforceId;
    return task;
}
/** Account for a Contact, or its open Opportunity when the mapping asks; never for a Lead. */
function whatIdFor(source, mapping) {
    const prospect = source.prospect;
    if (prospect.objectType === 'Lead')
        return null;
    if (mapping.linkOpenOpportunity && source.openOpportunityId)
        return source.openOpportunityId;
    return prospect.accountId;
}
/**
 * The Task's Description: the body, the numbers and the delivery status. A later status change
 * rewrites it (task_status), so it is built from the message alone and compared by reconcile.
 */
function describeMessage(message) {
    const status = message.errorCode ? `${message.status} (error ${message.errorCode})` : message.status;
    const header = [`From: ${message.fromNumber}`, `To: ${message.toNumber}`, `Direction: ${message.direction}`, `Status: ${status}`].join('\n');
    return truncate(`${message.body}\n\n${header}`, DESCRIPTION_MAX);
}
/** Task.Subject is 255 characters, Task.Description 32,000. */
const SUBJECT_MAX = 255;
const DESCRIPTION_MAX = 32000;
function truncate(value, max) {
    return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}
//# sourceMappingURL=task-builder.js.map