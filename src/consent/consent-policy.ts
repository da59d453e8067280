import type { ConsentSource } from './consent-block.entity';

/**
 * Who may undo a block. A block the prospect made (an opt-out keyword, a plain-language request,
 * or Twilio refusing a send with 21610 because they opted out there) is theirs to lift with
 * START/YES/UNSTOP. A block people made (a CRM flag, an admin) is not: a prospect's START must
 * never override a decision taken on the company's side.
 */
export const PROSPECT_MADE_SOURCES: ReadonlySet<ConsentSource> = new Set<ConsentSource>(['keyword', 'reasonable_means', 'provider_21610']);

export function isProspectMade(source: ConsentSource): boolean {
  return PROSPECT_MADE_SOURCES.has(source);
}

export interface BlockState {
  blocked: boolean;
  source: ConsentSource;
}

/**
 * What an opt-out does, given the current state:
 * - `new`: the number was not blocked; it is now, by this source.
 * - `repeat`: the prospect had opted out already (a second STOP); nothing changes, no second confirmation.
 * - `over_people_block`: people had blocked the number; the block keeps their source (so a later
 *   START cannot lift it) but the prospect's own opt-out is recorded and confirmed.
 */
export type OptOutEffect = 'new' | 'repeat' | 'over_people_block';

export function optOutEffect(current: BlockState | null): OptOutEffect {
  if (!current?.blocked) return 'new';
  return isProspectMade(current.source) ? 'repeat' : 'over_people_block';
}

/**
 * What an opt-in does: `lift` a block the prospect made, leave a block people made in force
 * (`kept`), or nothing when the number is not blocked (`not_blocked`).
 */
export type OptInEffect = 'lift' | 'kept' | 'not_blocked';

export function optInEffect(current: BlockState | null): OptInEffect {
  if (!current?.blocked) return 'not_blocked';
  return isProspectMade(current.source) ? 'lift' : 'kept';
}

/** The source a block carries after a new block: a block people made keeps its source. */
export function sourceAfterBlock(current: BlockState | null, incoming: ConsentSource): ConsentSource {
  if (current?.blocked && !isProspectMade(current.source)) return current.source;
  return incoming;
}
