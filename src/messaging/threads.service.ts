import { Injectable } from '@nestjs/common';
import { Brackets, DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { toId18 } from '../common/salesforce-id';
import { Prospect } from '../crm/prospect.entity';
import { ProspectPhone } from '../crm/prospect-phone.entity';
import { Message } from './message.entity';
import { MessageView, toMessageView } from './message.view';

/**
 * The single view of a prospect's conversation (seed: "all SMS threads with a prospect in a single
 * view"): every message to or from any of the prospect's numbers, whichever rep and sender number
 * it went through, plus any filed under the prospect, oldest first.
 */
@Injectable()
export class ThreadsService {
  constructor(private readonly dataSource: DataSource) {}

  async forProspect(salesforceId: string): Promise<MessageView[]> {
    const id = toId18(salesforceId);
    if (!id) throw new DomainError('VALIDATION_FAILED', `"${salesforceId}" is not a Salesforce record id (15 or 18 characters).`);
    const [prospect, phones] = await Promise.all([
      this.dataSource.getRepository(Prospect).existsBy({ id }),
      this.dataSource.getRepository(ProspectPhone).findBy({ prospectId: id }),
    ]);
    const messages = await this.byPhones(
      phones.map((p) => p.e164),
      id,
    );
    if (!prospect && messages.length === 0) throw new DomainError('RECORD_NOT_FOUND', `No prospect with id ${id}.`);
    return messages.map(toMessageView);
  }

  /** Messages with any of these numbers (or filed under the prospect), oldest first. */
  async byPhones(phoneNumbers: string[], prospectId?: string): Promise<Message[]> {
    const numbers = [...new Set(phoneNumbers)];
    if (numbers.length === 0 && !prospectId) return [];
    return this.dataSource
      .getRepository(Message)
      .createQueryBuilder('m')
      .where(
        new Brackets((q) => {
          if (numbers.length > 0) q.orWhere('m.from_number IN (:...numbers)', { numbers }).orWhere('m.to_number IN (:...numbers)', { numbers });
          if (prospectId) q.orWhere('m.prospect_id = :prospectId', { prospectId });
        }),
      )
      .orderBy('m.created_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getMany();
  }
}
