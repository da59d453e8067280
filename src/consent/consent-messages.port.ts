/** A message as the consent ledger shows it beside the event it caused. */
export interface LedgerMessage {
  id: string;
  direction: string;
  body: string;
  from: string;
  to: string;
  createdAt: string;
}

/**
 * What the consent ledger needs from messaging: the messages behind its events. Consent owns this
 * port; messaging provides it (ConsentMessagesModule), so consent never imports messaging.
 */
export abstract class ConsentMessages {
  abstract findByIds(ids: string[]): Promise<LedgerMessage[]>;
}
