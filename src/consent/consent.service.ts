import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { nowIso } from '../database/columns';
import { ConsentBlock, ConsentSource } from './consent-block.entity';
import { ConsentEvent } from './consent-event.entity';

export interface ConsentChange {
  phoneNumber: string;
  source: ConsentSource;
  messageId?: string | null;
  actorUserId?: string | null;
  needsReview?: boolean;
  note?: string | null;
}

/**
 * The org-wide opt-out state of phone numbers and its ledger. A block stops every rep in the
 * organisation; every change is written to the ledger with its source and cause.
 */
@Injectable()
export class ConsentService {
  constructor(private readonly dataSource: DataSource) {}

  async isOptedOut(phoneNumber: string): Promise<boolean> {
    const block = await this.dataSource.getRepository(ConsentBlock).findOneBy({ phoneNumber });
    return block?.blocked === true;
  }

  /** The numbers among these that are opted out. */
  async optedOutAmong(phoneNumbers: string[]): Promise<Set<string>> {
    if (phoneNumbers.length === 0) return new Set();
    const rows = await this.dataSource.getRepository(ConsentBlock).findBy({ phoneNumber: In(phoneNumbers), blocked: true });
    return new Set(rows.map((r) => r.phoneNumber));
  }

  async currentBlock(phoneNumber: string, manager?: EntityManager): Promise<ConsentBlock | null> {
    return (manager ?? this.dataSource.manager).getRepository(ConsentBlock).findOneBy({ phoneNumber });
  }

  /** Blocks the number (inside the caller's transaction) and writes the ledger entry. */
  async block(manager: EntityManager, change: ConsentChange): Promise<void> {
    await this.write(manager, change, true);
  }

  /** Lifts the block and writes the ledger entry. */
  async unblock(manager: EntityManager, change: ConsentChange): Promise<void> {
    await this.write(manager, change, false);
  }

  private async write(manager: EntityManager, change: ConsentChange, blocked: boolean): Promise<void> {
    const now = nowIso();
    await manager.getRepository(ConsentBlock).save({ phoneNumber: change.phoneNumber, blocked, source: change.source, updatedAt: now });
    await manager.getRepository(ConsentEvent).insert({
      id: randomUUID(),
      phoneNumber: change.phoneNumber,
      action: blocked ? 'block' : 'unblock',
      source: change.source,
      messageId: change.messageId ?? null,
      actorUserId: change.actorUserId ?? null,
      needsReview: change.needsReview ?? false,
      note: change.note ?? null,
      createdAt: now,
    });
  }

  ledger(phoneNumber: string): Promise<ConsentEvent[]> {
    return this.dataSource.getRepository(ConsentEvent).find({ where: { phoneNumber }, order: { createdAt: 'ASC' } });
  }
}
