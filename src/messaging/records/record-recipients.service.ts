import { Injectable, Optional } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import { objectOfId, toId18 } from '../../common/salesforce-id';
import { Account } from '../../crm/account.entity';
import { CrmError, CrmGateway } from '../../crm/crm-gateway.port';
import { Prospect } from '../../crm/prospect.entity';
import { ProspectPhone } from '../../crm/prospect-phone.entity';
import type { RecipientFacts, RecordFacts } from '../gate/send-context';

/**
 * Resolves the record a rep texts from into the people it leads to (CONTRACT §2, the Ad-hoc SMS
 * screen): a Contact or Lead is itself, an Account is its Contacts, a Task is its WhoId.
 * Contacts, Leads and Accounts come from the local mirror; a Task is read from Salesforce
 * (`SELECT Id, WhoId, WhatId FROM Task`), and a CRM outage is answered 503 CRM_UNAVAILABLE.
 */
@Injectable()
export class RecordRecipientsService {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly crm?: CrmGateway,
  ) {}

  /** null when the id is malformed, of another object, or unknown. */
  async load(recordId: string): Promise<RecordFacts | null> {
    const id = toId18(recordId.trim());
    if (!id) return null;
    switch (objectOfId(id)) {
      case 'Contact':
      case 'Lead':
        return this.person(id);
      case 'Account':
        return this.account(id);
      case 'Task':
        return this.task(id);
      default:
        return null;
    }
  }

  private async person(id: string): Promise<RecordFacts | null> {
    const prospect = await this.dataSource.getRepository(Prospect).findOneBy({ id });
    if (!prospect) return null;
    return { id, type: prospect.objectType, name: prospect.name, candidates: await this.recipientsOf([prospect]) };
  }

  private async account(id: string): Promise<RecordFacts | null> {
    const account = await this.dataSource.getRepository(Account).findOneBy({ id });
    if (!account) return null;
    const contacts = await this.dataSource.getRepository(Prospect).find({ where: { accountId: id, objectType: 'Contact' }, order: { name: 'ASC' } });
    return { id, type: 'Account', name: account.name, candidates: await this.recipientsOf(contacts) };
  }

  private async task(id: string): Promise<RecordFacts | null> {
    if (!this.crm) throw new DomainError('CRM_UNAVAILABLE', 'Salesforce is not configured; Task records cannot be read.');
    let task: { Id?: string; WhoId?: unknown; WhatId?: unknown } | undefined;
    try {
      // id is a checked 18-character Salesforce id: nothing to escape
      task = (await this.crm.query(`SELECT Id, WhoId, WhatId FROM Task WHERE Id = '${id}'`)).records[0];
    } catch (error) {
      if (error instanceof CrmError && error.kind === 'NOT_FOUND') return null;
      throw new DomainError('CRM_UNAVAILABLE', 'Salesforce did not answer; try again shortly.', {
        reason: error instanceof CrmError ? error.kind : 'UNKNOWN',
      });
    }
    if (!task) return null;
    const whoId = typeof task.WhoId === 'string' ? toId18(task.WhoId) : null;
    const whatId = typeof task.WhatId === 'string' ? toId18(task.WhatId) : null;
    const who = whoId ? await this.dataSource.getRepository(Prospect).findOneBy({ id: whoId }) : null;
    return { id, type: 'Task', name: who ? who.name : 'Task', candidates: who ? await this.recipientsOf([who]) : [], whatId };
  }

  /** Every indexed phone of these people, person by person in the mapping's field priority. */
  private async recipientsOf(prospects: Prospect[]): Promise<RecipientFacts[]> {
    if (prospects.length === 0) return [];
    const phones = await this.dataSource
      .getRepository(ProspectPhone)
      .find({ where: { prospectId: In(prospects.map((p) => p.id)) }, order: { position: 'ASC' } });
    return prospects.flatMap((p) =>
      phones
        .filter((phone) => phone.prospectId === p.id)
        .map((phone) => ({
          prospectId: p.id,
          name: p.name,
          objectType: p.objectType,
          phoneNumber: phone.e164,
          field: phone.field,
          enrolled: p.enrolled,
          doNotCall: p.doNotCall,
          doNotSms: p.doNotSms,
        })),
    );
  }
}
