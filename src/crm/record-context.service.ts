import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { objectOfId, toId18 } from '../common/salesforce-id';
import { CrmError, CrmGateway } from './crm-gateway.port';
import { ProspectDirectory, type ProspectView } from './prospect-directory.service';

export type ContextRecordType = 'Contact' | 'Lead' | 'Account' | 'Task';

/** What a send screen is opened on, and who can be texted from it. */
export interface RecordContext {
  /** `name`: the person's or Account's name; for a Task its WhoId's name, else "Task" */
  record: { id: string; type: ContextRecordType; name: string };
  /**
   * The people the record leads to: a Contact or Lead itself; an Account its Contacts by name,
   * enrolled or not (the gate answers NOT_ENROLLED for an unenrolled one, the screen lists the
   * enrolled ones); a Task its WhoId, when mirrored.
   */
  prospects: ProspectView[];
  /** Task: its WhatId; Contact: its Account; otherwise null */
  whatId: string | null;
}

/**
 * Resolves the Salesforce record a rep texts from (CONTRACT §2, the Ad-hoc SMS screen and the send
 * gate) into the people it leads to. Contacts, Leads and Accounts come from the mirror; a Task is
 * read live (`SELECT Id, WhoId, WhatId FROM Task`, CONTRACT §3), since Tasks are not mirrored.
 */
@Injectable()
export class RecordContextService {
  constructor(
    private readonly crm: CrmGateway,
    private readonly directory: ProspectDirectory,
  ) {}

  /**
   * null when the id (15 or 18 characters) is malformed, of another object, or unknown. A Task
   * that cannot be read because Salesforce is down throws 503 CRM_UNAVAILABLE.
   */
  async find(recordId: string): Promise<RecordContext | null> {
    const id = toId18(recordId.trim());
    if (!id) return null;
    const type = objectOfId(id);
    switch (type) {
      case 'Contact':
      case 'Lead': {
        const prospect = await this.directory.findById(id);
        return prospect ? { record: { id, type, name: prospect.name }, prospects: [prospect], whatId: prospect.accountId } : null;
      }
      case 'Account': {
        const account = await this.directory.findAccount(id);
        return account ? { record: { id, type, name: account.name }, prospects: await this.directory.contactsOfAccount(id), whatId: null } : null;
      }
      case 'Task':
        return this.task(id);
      default:
        return null;
    }
  }

  private async task(id: string): Promise<RecordContext | null> {
    let task: { Id?: string; WhoId?: unknown; WhatId?: unknown } | undefined;
    try {
      // id is a checked 18-character Salesforce id: nothing to escape
      task = (await this.crm.query<{ Id?: string; WhoId?: unknown; WhatId?: unknown }>(`SELECT Id, WhoId, WhatId FROM Task WHERE Id = '${id}'`)).records[0];
    } catch (error) {
      if (error instanceof CrmError && error.kind === 'NOT_FOUND') return null;
      throw new DomainError('CRM_UNAVAILABLE', 'Salesforce did not answer; try again shortly.', {
        reason: error instanceof CrmError ? error.kind : 'UNKNOWN',
      });
    }
    if (!task) return null;
    const whoId = typeof task.WhoId === 'string' ? toId18(task.WhoId) : null;
    const who = whoId ? await this.directory.findById(whoId) : null;
    return {
      record: { id, type: 'Task', name: who ? who.name : 'Task' },
      prospects: who ? [who] : [],
      whatId: typeof task.WhatId === 'string' ? toId18(task.WhatId) : null,
    };
  }
}
