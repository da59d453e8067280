import { Injectable, Logger } from '@nestjs/common';
import { UsersStore } from '../auth/users.store';
import { CrmGateway } from '../crm/crm-gateway.port';
import type { CrmMapping } from '../crm/crm-mapping';
import { ProspectsStore } from '../crm/mirror/prospects.store';
import type { Message } from '../messaging/message.entity';
import { MessagesStore } from '../messaging/messages.store';
import { SenderNumbersStore } from '../numbers/sender-numbers.store';
import type { TaskSource } from './task-builder';

/**
 * Gathers what a batch of Tasks is built from in a few set-based reads: the messages, their
 * prospects, the owners (the rep who sent; for a reply the owner of the number texted) and, when
 * the mapping links activities to opportunities, each Contact's open Opportunity (one SOQL query
 * per batch).
 */
@Injectable()
export class TaskSourceLoader {
  private readonly logger = new Logger(TaskSourceLoader.name);

  constructor(
    private readonly messages: MessagesStore,
    private readonly prospects: ProspectsStore,
    private readonly users: UsersStore,
    private readonly numbers: SenderNumbersStore,
    private readonly crm: CrmGateway,
  ) {}

  async load(messageIds: string[], mapping: CrmMapping): Promise<Map<string, TaskSource>> {
    const messages = await this.messages.byIds(messageIds);
    const prospects = await this.prospects.summaries(present(messages.map((m) => m.prospectId)));
    const ownerUserIds = await this.ownerUserIds(messages);
    const users = new Map((await this.users.findMany(present([...ownerUserIds.values()]))).map((u) => [u.id, u]));
    const contactIds = [...prospects.values()].filter((p) => p.objectType === 'Contact').map((p) => p.id);
    const opportunities = mapping.activity.linkOpenOpportunity ? await this.openOpportunities(contactIds) : new Map<string, string>();

    const sources = new Map<string, TaskSource>();
    for (const message of messages) {
      const prospect = message.prospectId ? (prospects.get(message.prospectId) ?? null) : null;
      const ownerUserId = ownerUserIds.get(message.id);
      sources.set(message.id, {
        message,
        prospect: prospect
          ? { id: prospect.id, objectType: prospect.objectType, name: prospect.name, accountId: prospect.accountId }
          : message.prospectId
            ? // not (or no longer) in the mirror: still on that person's timeline, named by number
              { id: message.prospectId, objectType: objectTypeOf(message.prospectId), name: '', accountId: null }
            : null,
        ownerSalesforceId: ownerUserId ? (users.get(ownerUserId)?.salesforceUserId ?? null) : null,
        openOpportunityId: prospect ? (opportunities.get(prospect.id) ?? null) : null,
      });
    }
    return sources;
  }

  /** Outbound: the rep who sent it. Inbound: the owner of the number texted, else the message's user. */
  private async ownerUserIds(messages: Message[]): Promise<Map<string, string>> {
    const inboundTo = messages.filter((m) => m.direction === 'inbound').map((m) => m.toNumber);
    const numbers = inboundTo.length ? await this.numbers.byPhoneNumbers(unique(inboundTo)) : [];
    const ownerOfNumber = new Map(numbers.map((n) => [n.phoneNumber, n.userId]));
    const owners = new Map<string, string>();
    for (const m of messages) {
      const owner = m.direction === 'inbound' ? (ownerOfNumber.get(m.toNumber) ?? m.userId) : m.userId;
      if (owner) owners.set(m.id, owner);
    }
    return owners;
  }

  /**
   * The open Opportunity each Contact plays a role in: the primary role first, then the most
   * recent. When the query fails the Tasks fall back to the Account rather than wait.
   */
  private async openOpportunities(contactIds: string[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    if (contactIds.length === 0) return result;
    const soql =
      'SELECT ContactId, OpportunityId, IsPrimary, CreatedDate FROM OpportunityContactRole ' +
      `WHERE ContactId IN (${contactIds.map((id) => `'${id}'`).join(',')}) AND Opportunity.IsClosed = false ` +
      'ORDER BY IsPrimary DESC, CreatedDate DESC';
    try {
      let page = await this.crm.query<{ ContactId: string; OpportunityId: string }>(soql);
      for (;;) {
        for (const role of page.records) if (!result.has(role.ContactId)) result.set(role.ContactId, role.OpportunityId);
        if (!page.nextRecordsUrl) break;
        page = await this.crm.queryMore(page.nextRecordsUrl);
      }
    } catch (error) {
      this.logger.warn(`open opportunities not read, linking the Accounts instead: ${(error as Error).message}`);
    }
    return result;
  }
}

/** Salesforce key prefixes of the People objects. */
export function objectTypeOf(salesforceId: string): string {
  return salesforceId.startsWith('00Q') ? 'Lead' : 'Contact';
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** The ids given, once each, without the missing ones. */
function present(ids: (string | null)[]): string[] {
  return unique(ids.filter((id): id is string => !!id));
}
