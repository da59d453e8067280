import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { objectOfId, toId18 } from '../common/salesforce-id';
import { CrmGateway } from './crm-gateway.port';
import { CrmMappingService } from './crm-mapping.service';
import { ProspectDirectory, type ProspectView } from './prospect-directory.service';

export type ContextRecordType = 'Contact' | 'Lead' | 'Account' | 'Task';

/** What a send screen is opened on, and who can be texted from it. */
export interface RecordContext {
  record: { id: string; type: ContextRecordType; name: string };
  /** Contact/Lead: itself; Account: its enrolled Contacts; Task: its WhoId (when mirrored) */
  prospects: ProspectView[];
  /** Task: its WhatId; Contact: its Account; otherwise null */
  whatId: string | null;
}

/**
 * Resolves a Salesforce record id into its send context. People and Accounts come from the
 * mirror; a Task is read live (one query), since Tasks are not mirrored.
 */
@Injectable()
export class RecordContextService {
  constructor(
    private readonly crm: CrmGateway,
    private readonly directory: ProspectDirectory,
    private readonly mappings: CrmMappingService,
  ) {}

  /** Throws 404 RECORD_NOT_FOUND (unknown or not mirrored) or 422 UNSUPPORTED_RECORD_TYPE. */
  async resolve(recordId: string): Promise<RecordContext> {
    const id = toId18(recordId);
    if (!id) throw notFound(recordId);
    const type = objectOfId(id);
    switch (type) {
      case 'Contact':
      case 'Lead': {
        const prospect = await this.directory.findById(id);
        if (!prospect) throw notFound(recordId);
        return { record: { id, type, name: prospect.name }, prospects: [prospect], whatId: prospect.accountId };
      }
      case 'Account': {
        const account = await this.directory.findAccount(id);
        if (!account) throw notFound(recordId);
        return { record: { id, type, name: account.name }, prospects: await this.directory.enrolledContactsOfAccount(id), whatId: null };
      }
      case 'Task':
        return this.task(id, recordId);
      default:
        throw new DomainError('UNSUPPORTED_RECORD_TYPE', `A ${type ?? 'record of this kind'} cannot be texted from; open a Contact, Lead, Account or Task.`, {
          recordId,
        });
    }
  }

  /**
   * The WhatId an activity about this prospect should carry: none for a Lead (Salesforce forbids
   * it); for a Contact the open Opportunity it plays a role in when the mapping asks for that,
   * else its Account.
   */
  async activityWhatId(prospect: ProspectView): Promise<string | null> {
    if (prospect.objectType === 'Lead') return null;
    const mapping = await this.mappings.mapping();
    if (mapping.activity.linkOpenOpportunity) {
      const opportunityId = await this.openOpportunityOf(prospect.id);
      if (opportunityId) return opportunityId;
    }
    return prospect.accountId;
  }

  /** The open Opportunity a Contact plays a role in (the most recently modified), through OpportunityContactRole. */
  async openOpportunityOf(contactId: string): Promise<string | null> {
    const id = toId18(contactId);
    if (!id) return null;
    const page = await this.crm.query<{ OpportunityId?: string }>(
      `SELECT OpportunityId FROM OpportunityContactRole WHERE ContactId = '${id}' AND Opportunity.IsClosed = false ORDER BY Opportunity.LastModifiedDate DESC LIMIT 1`,
    );
    const opportunityId = page.records[0]?.OpportunityId;
    return typeof opportunityId === 'string' ? toId18(opportunityId) : null;
  }

  private async task(id: string, asGiven: string): Promise<RecordContext> {
    const page = await this.crm.query<{ Id?: string; Subject?: string | null; WhoId?: string | null; WhatId?: string | null }>(
      `SELECT Id, Subject, WhoId, WhatId FROM Task WHERE Id = '${id}'`,
    );
    const task = page.records[0];
    if (!task) throw notFound(asGiven);
    const whoId = typeof task.WhoId === 'string' ? toId18(task.WhoId) : null;
    const prospect = whoId ? await this.directory.findById(whoId) : null;
    return {
      record: { id, type: 'Task', name: task.Subject ?? '' },
      prospects: prospect ? [prospect] : [],
      whatId: typeof task.WhatId === 'string' ? toId18(task.WhatId) : null,
    };
  }
}

function notFound(recordId: string): DomainError {
  return new DomainError('RECORD_NOT_FOUND', `No Contact, Lead, Account or Task with id ${recordId} is known.`, { recordId });
}
