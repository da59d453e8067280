import type { Message } from './message.entity';

/** The contract's message shape (CONTRACT §2), shared by every route that returns messages. */
export interface MessageView {
  id: string;
  direction: Message['direction'];
  from: string;
  to: string;
  body: string;
  encoding: Message['encoding'];
  segments: number;
  status: Message['status'];
  errorCode: string | null;
  providerSid: string | null;
  prospectId: string | null;
  recordId: string | null;
  userId: string | null;
  createdAt: string;
  crmActivityId: string | null;
}

export function toMessageView(m: Message): MessageView {
  return {
    id: m.id,
    direction: m.direction,
    from: m.fromNumber,
    to: m.toNumber,
    body: m.body,
    encoding: m.encoding,
    segments: m.segments,
    status: m.status,
    errorCode: m.errorCode,
    providerSid: m.providerSid,
    prospectId: m.prospectId,
    recordId: m.recordId,
    userId: m.userId,
    createdAt: m.createdAt,
    crmActivityId: m.crmActivityId,
  };
}
