/**
 * What happens to an outbound message after the API accepted it, as status callbacks
 * (https://www.twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks):
 * no callback for the initial status; without a Messaging Service the message starts `queued`
 * and reports `sent` then `delivered`/`undelivered`, or `failed` straight away; with one it starts
 * `accepted` and reports `queued` first.
 */
export type DeliveryOutcome = { status: 'delivered' } | { status: 'undelivered' | 'failed'; errorCode: number };

export interface DeliveryStep {
  status: 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed';
  errorCode: number | null;
}

export const DELIVERED: DeliveryOutcome = { status: 'delivered' };

export function deliverySteps(outcome: DeliveryOutcome, viaMessagingService: boolean): DeliveryStep[] {
  const steps: DeliveryStep[] = viaMessagingService ? [{ status: 'queued', errorCode: null }] : [];
  if (outcome.status === 'failed') return [...steps, { status: 'failed', errorCode: outcome.errorCode }];
  steps.push({ status: 'sent', errorCode: null });
  steps.push(outcome.status === 'delivered' ? { status: 'delivered', errorCode: null } : { status: 'undelivered', errorCode: outcome.errorCode });
  return steps;
}
