import type { CrmRecord } from '../crm/crm-gateway.port';
import type { ActivityMapping } from '../crm/crm-mapping';
import type { MessageDirection, MessageStatus } from '../messaging/message.entity';

/** What one Task is built from: the message and what the service knows about its people. */
export interface TaskSource {
  message: {
    id: string;
    direction: MessageDirection;
    fromNumber: string;
    toNumber: string;
    body: string;
    status: MessageStatus;
    errorCode: string | null;
    createdAt: string;
  };
  /** the prospect from the mirror; null when the number is not a known prospect */
  prospect: { id: string; objectType: string; name: string; accountId: string | null } | null;
  /** Salesforce user id of the Task owner: the rep who sent it, or for a reply the number's owner */
  ownerSalesforceId: string | null;
  /** the open Opportunity the Contact plays a role in, when the mapping links to it */
  openOpportunityId: string | null;
}

/**
 * The Task for one message (CONTRACT §3 "Writes"), every name from the mapping. Fields with no
 * value are left out rather than sent as null, so an upsert never clears what Salesforce holds.
 */
export function buildTask(source: TaskSource, mapping: ActivityMapping): CrmRecord {
  const { message, prospect } = source;
  const otherParty = message.direction === 'outbound' ? message.toNumber : message.fromNumber;
  const name = prospect?.name?.trim() || otherParty;
  const template = message.direction === 'outbound' ? mapping.subjectOutbound : mapping.subjectInbound;
  const task: CrmRecord = {
    [mapping.externalIdField]: message.id,
    Subject: truncate(template.split('{name}').join(name), SUBJECT_MAX),
    Description: describeMessage(message),
    Status: mapping.status,
    Priority: mapping.priority,
    ActivityDate: message.createdAt.slice(0, 10),
  };
  if (mapping.type) task.Type = mapping.type;
  if (prospect) {
    task.WhoId = prospect.id;
    const whatId = whatIdFor(source, mapping);
    if (whatId) task.WhatId = whatId;
  }
  if (source.ownerSalesforceId) task.OwnerId = source.ownerSalesforceId;
  return task;
}

/** Account for a Contact, or its open Opportunity when the mapping asks; never for a Lead. */
function whatIdFor(source: TaskSource, mapping: ActivityMapping): string | null {
  const prospect = source.prospect!;
  if (prospect.objectType === 'Lead') return null;
  if (mapping.linkOpenOpportunity && source.openOpportunityId) return source.openOpportunityId;
  return prospect.accountId;
}

/**
 * The Task's Description: the body, the numbers and the delivery status. A later status change
 * rewrites it (task_status), so it is built from the message alone and compared by reconcile.
 */
export function describeMessage(message: TaskSource['message']): string {
  const status = message.errorCode ? `${message.status} (error ${message.errorCode})` : message.status;
  const header = [`From: ${message.fromNumber}`, `To: ${message.toNumber}`, `Direction: ${message.direction}`, `Status: ${status}`].join('\n');
  return truncate(`${message.body}\n\n${header}`, DESCRIPTION_MAX);
}

/** Task.Subject is 255 characters, Task.Description 32,000. */
const SUBJECT_MAX = 255;
const DESCRIPTION_MAX = 32000;

function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}
