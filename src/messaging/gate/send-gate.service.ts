import { uuid7 } from '../../common/uuid7';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { classifyPhone } from '../../common/phone-policy';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { nowIso } from '../../database/columns';
import { UnitOfWork } from '../../database/unit-of-work';
import type { SendRefusal } from '../send-refusal.entity';
import { SendRefusalsStore } from '../send-refusals.store';
import type { GateCode, Refusal } from './refusal';
import { chooseRecipient, RecipientFacts, RecordFacts, recipientNumber, SenderFacts, SendContext } from './send-context';
import { SendFactsReader } from './send-facts.reader';
import { firstRefusal, SEND_RULES } from './send-rules';

export interface SendAttempt {
  recordId: string;
  from: string;
  to?: string | null;
  body: string;
}

/** What a send that passed the gate goes out with. */
export interface ClearedSend {
  sender: SenderFacts;
  recipient: RecipientFacts;
  record: RecordFacts;
}

const RECORD_RULE_INDEX = SEND_RULES.findIndex((r) => r.code === 'RECORD_NOT_FOUND');

/**
 * The one place a send is allowed or refused (STYLE.md: consent checked in one place). It loads
 * everything the rules need, runs them in the contract's order, and writes every refusal to the
 * audit log (`send_refusals`) before answering 422 (404 for RECORD_NOT_FOUND) with `details`.
 */
@Injectable()
export class SendGateService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly refusals: SendRefusalsStore,
    private readonly facts: SendFactsReader,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Passes, or throws the first refusal after recording it. */
  async clear(principal: Principal, attempt: SendAttempt): Promise<ClearedSend> {
    const { ctx, recordError } = await this.loadContext(principal.id, attempt);
    const refusal = this.evaluate(ctx, recordError);
    if (refusal) {
      await this.recordRefusal(principal.id, ctx, refusal);
      throw new DomainError(refusal.code, refusal.message, refusal.details);
    }
    if (!ctx.sender || !ctx.record || ctx.choice.kind !== 'chosen') throw new Error('the gate passed an incomplete send');
    return { sender: ctx.sender, recipient: ctx.choice.recipient, record: ctx.record };
  }

  /**
   * The first refusal, or null. A Salesforce outage while reading a Task only matters once the
   * rules before RECORD_NOT_FOUND have passed: then it is answered 503, not as a refusal.
   */
  evaluate(ctx: SendContext, recordError: DomainError | null, skip?: ReadonlySet<GateCode>): Refusal | null {
    const refusal = firstRefusal(ctx, skip);
    if (recordError) {
      const index = refusal ? SEND_RULES.findIndex((r) => r.code === refusal.code) : SEND_RULES.length;
      if (index >= RECORD_RULE_INDEX) throw recordError;
    }
    return refusal;
  }

  /** Loads what the rules need; the record screen passes what it has loaded already. */
  async loadContext(
    userId: string,
    attempt: SendAttempt,
    preloaded?: { repNumbers: SenderFacts[]; record: RecordFacts | null },
  ): Promise<{ ctx: SendContext; recordError: DomainError | null }> {
    const toRaw = attempt.to === undefined || attempt.to === null ? null : String(attempt.to);
    const toVerdict = toRaw === null ? null : classifyPhone(toRaw);
    const [repNumbers, recordResult] = preloaded
      ? [preloaded.repNumbers, { record: preloaded.record, error: null }]
      : await Promise.all([this.numbersOf(userId), this.loadRecord(attempt.recordId)]);
    const toE164 = toVerdict && toVerdict.kind !== 'invalid' ? toVerdict.e164 : null;
    const choice = chooseRecipient(recordResult.record, toE164, toRaw !== null);
    const partial = { choice, toVerdict };
    const to = recipientNumber(partial);
    const { optedOut, holders } = to && choice.kind === 'chosen' ? await this.facts.line(to, recordResult.record?.holders?.get(to)) : { optedOut: false, holders: [] };
    const ctx: SendContext = {
      userId,
      repNumbers,
      fromRaw: attempt.from,
      sender: findSender(repNumbers, attempt.from),
      toRaw,
      toVerdict,
      record: recordResult.record,
      recordIdRaw: attempt.recordId,
      choice,
      optedOut,
      holders,
      body: attempt.body ?? '',
      maxSegments: this.config.smsMaxSegments,
      quietHours: this.config.quietHours,
      now: this.clock.now(),
    };
    return { ctx, recordError: recordResult.error };
  }

  async recordRefusal(userId: string, ctx: Pick<SendContext, 'recordIdRaw' | 'fromRaw' | 'sender' | 'choice' | 'toVerdict' | 'toRaw'>, refusal: Refusal): Promise<void> {
    const to = recipientNumber(ctx) ?? ctx.toRaw;
    const row: SendRefusal = {
      id: uuid7(),
      userId,
      recordId: ctx.recordIdRaw.slice(0, 18),
      fromNumber: (ctx.sender?.phoneNumber ?? ctx.fromRaw).slice(0, 32),
      toNumber: to ? to.slice(0, 32) : null,
      code: refusal.code,
      details: JSON.stringify(refusal.details),
      createdAt: nowIso(),
    };
    await this.uow.unit((tx) => this.refusals.insert(tx, row));
  }

  numbersOf(userId: string): Promise<SenderFacts[]> {
    return this.facts.senderNumbers(userId);
  }

  private async loadRecord(recordId: string): Promise<{ record: RecordFacts | null; error: DomainError | null }> {
    try {
      return { record: await this.facts.record(recordId), error: null };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'CRM_UNAVAILABLE') return { record: null, error };
      throw error;
    }
  }
}

/** `from` names one of the rep's numbers by its phone number (any format) or by its id. */
export function findSender(repNumbers: SenderFacts[], from: string): SenderFacts | null {
  const raw = String(from ?? '').trim();
  if (!raw) return null;
  const verdict = classifyPhone(raw);
  const e164 = verdict.kind === 'invalid' ? null : verdict.e164;
  return repNumbers.find((n) => (e164 !== null && n.phoneNumber === e164) || n.id === raw) ?? null;
}
