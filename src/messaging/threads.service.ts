import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';
import { toId18 } from '../common/salesforce-id';
import { ProspectsStore } from '../crm/mirror/prospects.store';
import { MessageView, toMessageView } from './message.view';
import { ThreadCursor, ThreadLeg } from './thread-page';
import { MessagesStore, ThreadPage } from './messages.store';

/**
 * The single view of a prospect's conversation (seed: "all SMS threads with a prospect in a single
 * view"): every message from (inbound) or to (outbound) any of the prospect's numbers, whichever rep and sender number
 * it went through, plus any filed under the prospect. Paged by cursor, newest page first, each
 * page oldest first; a page costs the same however long the thread and the history are.
 */
@Injectable()
export class ThreadsService {
  constructor(
    private readonly messages: MessagesStore,
    private readonly prospects: ProspectsStore,
  ) {}

  async forProspect(salesforceId: string, before: ThreadCursor | null, limit: number): Promise<ThreadPage<MessageView>> {
    const id = toId18(salesforceId);
    if (!id) throw new DomainError('VALIDATION_FAILED', `"${salesforceId}" is not a Salesforce record id (15 or 18 characters).`);
    const prospect = await this.prospects.person(id);
    const numbers = [...new Set((prospect?.phones ?? []).map((p) => p.e164))];
    const legs: ThreadLeg[] = [
      ...numbers.flatMap((value): ThreadLeg[] => [
        { column: 'from_number', value, direction: 'inbound' },
        { column: 'to_number', value, direction: 'outbound' },
      ]),
      { column: 'prospect_id', value: id },
    ];
    const page = await this.messages.threadPage(legs, before, limit);
    if (!prospect && page.messages.length === 0 && !before) throw new DomainError('RECORD_NOT_FOUND', `No prospect with id ${id}.`);
    return { messages: page.messages.map(toMessageView), next: page.next };
  }
}
