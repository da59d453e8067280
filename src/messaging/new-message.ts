import type { Message } from './message.entity';

/** What tells one new message from another; everything else starts the same for all of them. */
export type NewMessageFields = Pick<
  Message,
  'id' | 'direction' | 'fromNumber' | 'toNumber' | 'body' | 'encoding' | 'segments' | 'status' | 'prospectId' | 'recordId' | 'userId' | 'senderNumberId'
> &
  Partial<Pick<Message, 'providerSid' | 'idempotencyKey' | 'needsReview' | 'replyToId' | 'deliveryCheckAt'>>;

/** A message as it is first stored: not yet logged to the CRM, no error, no send attempt. */
export function newMessage(fields: NewMessageFields, at: string): Message {
  return {
    errorCode: null,
    providerSid: null,
    idempotencyKey: null,
    needsReview: false,
    replyToId: null,
    crmActivityId: null,
    sendAttempts: 0,
    sendClaimedAt: null,
    deliveryCheckAt: null,
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}
