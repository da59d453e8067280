import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ProspectsStore } from '../crm/mirror/prospects.store';
import { nowIso } from '../database/columns';
import type { Sql } from '../database/sql';
import { OutboxStore } from '../outbox/outbox.store';
import type { ConsentBlock, ConsentSource } from './consent-block.entity';
import { ConsentBlocksStore } from './consent-blocks.store';
import { ConsentCrmFlagsStore } from './consent-crm-flags.store';
import type { ConsentEvent } from './consent-event.entity';
import { ConsentEventsStore } from './consent-events.store';
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
 * caller's transaction through the outbox. Every method that writes takes the unit of work's `tx`
 * and writes through the stores on that unit's connection.
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly blocks: ConsentBlocksStore,
    private readonly events: ConsentEventsStore,
    private readonly crmFlags: ConsentCrmFlagsStore,
    private readonly prospects: ProspectsStore,
    private readonly outbox: OutboxStore,
  ) {}

  isOptedOut(phoneNumber: string): Promise<boolean> {
    return this.blocks.isBlocked(phoneNumber);
  }

  /** The number's state; pass a unit's `tx` to read inside it. */
  currentBlock(phoneNumber: string, on?: Sql): Promise<ConsentBlock | null> {
    return this.blocks.find(phoneNumber, on);
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
  async block(tx: Sql, change: ConsentChange): Promise<void> {
    const current = await this.blocks.find(change.phoneNumber, tx);
    await this.write(tx, change, true, sourceAfterBlock(current, change.source));
  }

  /** Lifts the block and writes the ledger entry. */
  async unblock(tx: Sql, change: ConsentChange): Promise<void> {
    await this.write(tx, change, false, change.source);
  }

  /**
   * A prospect opts out: the number is blocked org-wide and `Do_Not_SMS__c = true` is queued for
   * every prospect holding it. Whether the flag was set before (by people) is remembered, so an
   * opt-in clears only what this opt-out set.
   */
  async optOut(tx: Sql, optOut: ProspectOptOut): Promise<OptOutResult> {
    const current = await this.blocks.find(optOut.phoneNumber, tx);
    const effect = optOutEffect(current);
    const note = optOut.note ?? (effect === 'repeat' ? 'already opted out' : effect === 'over_people_block' ? `already blocked (${current?.source})` : null);
    await this.write(tx, { ...optOut, note }, true, sourceAfterBlock(current, optOut.source));

    const holders = await this.prospects.holdersWithDetails(optOut.phoneNumber, tx);
    const flagged = new Set((await this.crmFlags.ofNumber(tx, optOut.phoneNumber)).map((f) => f.prospectId));
    const toFlag = holders.filter((p) => !flagged.has(p.prospectId));
    const now = nowIso();
    for (const prospect of toFlag) {
      await this.crmFlags.insert(tx, { phoneNumber: optOut.phoneNumber, prospectId: prospect.prospectId, setBefore: prospect.doNotSms, createdAt: now });
    }
    await this.outbox.enqueue(
      tx,
      toFlag.map((p) => ({ kind: 'do_not_sms', aggregateId: p.prospectId, payload: { value: true } })),
      now,
    );
    // The mirror shows what the CRM will hold once the write-back lands.
    await this.prospects.setDoNotSms(tx, toFlag.filter((p) => !p.doNotSms).map((p) => p.prospectId), true);
    return { effect, flaggedProspectIds: toFlag.map((p) => p.prospectId) };
  }

  /**
   * A prospect opts back in (START/YES/UNSTOP). Lifts only a block the prospect made; clears the
   * CRM flag only on the prospects whose flag that opt-out set. A block or a Do-Not-SMS people set
   * stays in force, and so does a CRM Do-Not-Call (never touched here).
   */
  async optIn(tx: Sql, change: { phoneNumber: string; messageId: string | null }): Promise<OptInResult> {
    const current = await this.blocks.find(change.phoneNumber, tx);
    const effect = optInEffect(current);
    if (effect !== 'lift') return { effect, clearedProspectIds: [] };
    await this.write(tx, { phoneNumber: change.phoneNumber, source: 'keyword', messageId: change.messageId }, false, 'keyword');

    const flags = await this.crmFlags.ofNumber(tx, change.phoneNumber);
    const toClear = flags.filter((f) => !f.setBefore).map((f) => f.prospectId);
    await this.outbox.enqueue(
      tx,
      toClear.map((prospectId) => ({ kind: 'do_not_sms', aggregateId: prospectId, payload: { value: false } })),
      nowIso(),
    );
    await this.prospects.setDoNotSms(tx, toClear, false);
    if (flags.length > 0) await this.crmFlags.removeOfNumber(tx, change.phoneNumber);
    return { effect, clearedProspectIds: toClear };
  }

  /** The ledger of one number, oldest first. */
  ledger(phoneNumber: string): Promise<ConsentEvent[]> {
    return this.events.ofNumber(phoneNumber);
  }

  private async write(tx: Sql, change: ConsentChange, blocked: boolean, stateSource: ConsentSource): Promise<void> {
    const now = nowIso();
    await this.blocks.save(tx, { phoneNumber: change.phoneNumber, blocked, source: stateSource, updatedAt: now });
    await this.events.insert(tx, {
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
