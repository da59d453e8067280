import { API_VERSION, rfc2822 } from './twilio-wire';

/** A Message as the stand-in holds it (outbound from the API, or inbound from `sendInbound`). */
export interface StandInMessage {
  sid: string;
  accountSid: string;
  messagingServiceSid: string | null;
  direction: 'outbound-api' | 'inbound';
  from: string | null;
  to: string;
  body: string;
  /** Twilio's status: accepted, queued, sending, sent, delivered, undelivered, failed, received. */
  status: string;
  errorCode: number | null;
  errorMessage: string | null;
  numSegments: number;
  statusCallback: string | null;
  dateCreated: Date;
  dateUpdated: Date;
  dateSent: Date | null;
}

export const messageUri = (accountSid: string, sid: string) => `/${API_VERSION}/Accounts/${accountSid}/Messages/${sid}.json`;

/** The Message resource JSON (https://www.twilio.com/docs/messaging/api/message-resource). */
export function messageJson(m: StandInMessage): Record<string, unknown> {
  const uri = messageUri(m.accountSid, m.sid);
  const sent = m.status === 'sent' || m.status === 'delivered' || m.status === 'undelivered';
  return {
    account_sid: m.accountSid,
    api_version: API_VERSION,
    body: m.body,
    date_created: rfc2822(m.dateCreated),
    date_sent: m.dateSent ? rfc2822(m.dateSent) : null,
    date_updated: rfc2822(m.dateUpdated),
    direction: m.direction,
    error_code: m.errorCode,
    error_message: m.errorMessage,
    from: m.from,
    messaging_service_sid: m.messagingServiceSid,
    num_media: '0',
    num_segments: String(m.numSegments),
    price: sent || m.direction === 'inbound' ? (-0.0079 * Math.max(m.numSegments, 1)).toFixed(5) : null,
    price_unit: 'USD',
    sid: m.sid,
    status: m.status,
    subresource_uris: {
      media: uri.replace(/\.json$/, '/Media.json'),
      feedback: uri.replace(/\.json$/, '/Feedback.json'),
    },
    to: m.to,
    uri,
  };
}
