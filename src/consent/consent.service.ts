import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Prospect } from '../crm/prospect.entity';
import { ProspectPhone } from '../crm/prospect-phone.entity';
import { nowIso } from '../database/columns';
import { OutboxService } from '../outbox/outbox.service';
import { ConsentBlock, ConsentSource } from './consent-block.entity';
import { ConsentCrmFlag } from './consent-crm-flag.entity';
import { ConsentEvent } from './consent-event.entity';
import { optInEffect, OptInEffect, optOutEffect, OptOutEffect, sourceAfterBlock } from './consent-policy';

export interface ConsentChange {
  phoneNumber: string;
  source: ConsentSource;
  messageId?: string | null;
  actorUserId?: string | null;
  needsReview?: boolean;
  note?: string | null;
}

/** A prospect's own opt-out (a keyword or a plain-language request). */
export interface ProspectOptOut {
  phoneNumber: string;
  source: 'keyword' | 'reasonable_means';
  messageId: string | null;
  needsReview?: boolean;
  note?: string | null;
}

export interface OptOutResult {
  effect: OptOutEffect;
  /** the prospects whose CRM Do-Not-SMS flag was queued for writing */
  flaggedProspectIds: string[];
}

export interface OptInResult {
  effect: OptInEffect;
  /** the prospects whose CRM Do-Not-SMS flag was queued for clearing */
  clearedProspectIds: string[];
}

export interface ConsentState {
  phoneNumber: string;
  optedOut: boolean;
  source: ConsentSource | null;
  updatedAt: string | null;
}

/**
 * The org-wide opt-out state of phone numbers and its ledger. A block stops every rep in the
 * organisation; every change is written to the ledger with its source and cause.
 *
 * `block`/`unblock` are the primitives (state + ledger). `optOut`/`optIn` are what a prospect's
 * own keyword does: the primitive plus the CRM Do-Not-SMS write-back (CONTRACT §3), queued in the
 * caller's transaction through the outbox. Every method that writes takes the UnitOfWork's manager.
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

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

  async state(phoneNumber: string): Promise<ConsentState> {
    const block = await this.currentBlock(phoneNumber);
    return { phoneNumber, optedOut: block?.blocked === true, source: block?.source ?? null, updatedAt: block?.updatedAt ?? null };
  }

  /**
   * Blocks the number (inside the caller's transaction) and writes the ledger entry. A block people
   * made (CRM, admin) keeps its source when a prospect-made block lands on it, so that the
   * prospect's START cannot lift it later.
   */
  async block(manager: EntityManager, change: ConsentChange): Promise<void> {
    const current = await this.currentBlock(change.phoneNumber, manager);
    await this.write(manager, change, true, sourceAfterBlock(current, change.source));
  }

  /** Lifts the block and writes the ledger entry. */
  async unblock(manager: EntityManager, change: ConsentChange): Promise<void> {
    await this.write(manager, change, false, change.source);
  }

  /**
   * A prospect opts out: the number is blocked org-wide and `Do_Not_SMS__c = true` is queued for
   * every prospect holding it. Whether the flag was set before (by people) is remembered, so an
   * opt-in clears only what this opt-out set.
   */
  async optOut(manager: EntityManager, optOut: ProspectOptOut): Promise<OptOutResult> {
    const current = await this.currentBlock(optOut.phoneNumber, manager);
    const effect = optOutEffect(current);
    const note = optOut.note ?? (effect === 'repeat' ? 'already opted out' : effect === 'over_people_block' ? `already blocked (${current?.source})` : null);
    await this.write(manager, { ...optOut, note }, true, sourceAfterBlock(current, optOut.source));

    const prospects = await this.prospectsWithPhone(manager, optOut.phoneNumber);
    const flagged = new Set(
      (await manager.getRepository(ConsentCrmFlag).findBy({ phoneNumber: optOut.phoneNumber })).map((f) => f.prospectId),
    );
    const toFlag = prospects.filter((p) => !flagged.has(p.id));
    const now = nowIso();
    for (const prospect of toFlag) {
      await manager.getRepository(ConsentCrmFlag).insert({ phoneNumber: optOut.phoneNumber, prospectId: prospect.id, setBefore: prospect.doNotSms, createdAt: now });
      await this.outbox.enqueue(manager, 'do_not_sms', prospect.id, { value: true });
    }
    // The mirror shows what the CRM will hold once the write-back lands.
    const ids = toFlag.filter((p) => !p.doNotSms).map((p) => p.id);
    if (ids.length > 0) await manager.getRepository(Prospect).update({ id: In(ids) }, { doNotSms: true });
    return { effect, flaggedProspectIds: toFlag.map((p) => p.id) };
  }

  /**
   * A prospect opts back in (START/YES/UNSTOP). Lifts only a block the prospect made; clears the
   * CRM flag only on the prospects whose flag that opt-out set. A block or a Do-Not-SMS people set
   * stays in force, and so does a CRM Do-Not-Call (never touched here).
   */
  async optIn(manager: EntityManager, change: { phoneNumber: string; messageId: string | null }): Promise<OptInResult> {
    const current = await this.currentBlock(change.phoneNumber, manager);
    const effect = optInEffect(current);
    if (effect !== 'lift') return { effect, clearedProspectIds: [] };
    await this.write(manager, { phoneNumber: change.phoneNumber, source: 'keyword', messageId: change.messageId }, false, 'keyword');

    const flags = await manager.getRepository(ConsentCrmFlag).findBy({ phoneNumber: change.phoneNumber });
    const toClear = flags.filter((f) => !f.setBefore).map((f) => f.prospectId);
    for (const prospectId of toClear) await this.outbox.enqueue(manager, 'do_not_sms', prospectId, { value: false });
    if (toClear.length > 0) await manager.getRepository(Prospect).update({ id: In(toClear) }, { doNotSms: false });
    if (flags.length > 0) await manager.getRepository(ConsentCrmFlag).delete({ phoneNumber: change.phoneNumber });
    return { effect, clearedProspectIds: toClear };
  }

  /** The ledger of one number, oldest first. */
  ledger(phoneNumber: string): Promise<ConsentEvent[]> {
    return this.dataSource.getRepository(ConsentEvent).find({ where: { phoneNumber }, order: { createdAt: 'ASC' } });
  }

  private async prospectsWithPhone(manager: EntityManager, phoneNumber: string): Promise<Prospect[]> {
    const phones = await manager.getRepository(ProspectPhone).findBy({ e164: phoneNumber });
    const ids = [...new Set(phones.map((p) => p.prospectId))];
    if (ids.length === 0) return [];
    return manager.getRepository(Prospect).find({ where: { id: In(ids) }, order: { id: 'ASC' } });
  }

  private async write(manager: EntityManager, change: ConsentChange, blocked: boolean, stateSource: ConsentSource): Promise<void> {
    const now = nowIso();
    await manager.getRepository(ConsentBlock).save({ phoneNumber: change.phoneNumber, blocked, source: stateSource, updatedAt: now });
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
}
