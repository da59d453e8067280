import { messageJson, StandInMessage } from './twilio-message';
import { API_VERSION } from './twilio-wire';

/**
 * `GET /2010-04-01/Accounts/{AccountSid}/Messages.json` as Twilio answers it
 * (https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources):
 *
 * - filters `To`, `From`, and `DateSent` (that day, UTC), `DateSent<` (sent on or before),
 *   `DateSent>` (sent on or after); a date is `YYYY-MM-DD` or, as the twilio SDK sends it,
 *   `YYYY-MM-DDThh:mm:ssZ`. A DateSent filter compares `date_sent`, so a message not sent yet (still
 *   queued, or failed before leaving) has none and is left out: whoever must find every message
 *   of a pair filters by To/From alone and stops reading at the age it needs;
 * - newest first (by `date_created`); `PageSize` 1–1000, default 50; `Page` counts from 0 and
 *   `PageToken` (`PASM…`, the sid of the previous page's last message) keeps the next page stable
 *   while new messages arrive; `next_page_uri` is null on the last page.
 */
export interface ListQuery {
  to: string | null;
  from: string | null;
  sentOn: string | null;
  sentBefore: Date | null;
  sentAfter: Date | null;
  pageSize: number;
  page: number;
  pageToken: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

/** The query of a list request, or the name of the parameter that is malformed. */
export function parseListQuery(params: URLSearchParams): ListQuery | { invalid: string } {
  const pageSize = params.has('PageSize') ? Number(params.get('PageSize')) : DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) return { invalid: 'PageSize' };
  const page = params.has('Page') ? Number(params.get('Page')) : 0;
  if (!Number.isInteger(page) || page < 0) return { invalid: 'Page' };
  const dates: Record<'DateSent' | 'DateSent<' | 'DateSent>', Date | null> = { DateSent: null, 'DateSent<': null, 'DateSent>': null };
  for (const name of Object.keys(dates) as (keyof typeof dates)[]) {
    const raw = params.get(name);
    if (raw === null) continue;
    const date = parseDate(raw);
    if (!date) return { invalid: name };
    dates[name] = date;
  }
  // a bare date in DateSent< means the whole of that day
  const before = params.get('DateSent<');
  return {
    to: params.get('To'),
    from: params.get('From'),
    sentOn: dates.DateSent ? dates.DateSent.toISOString().slice(0, 10) : null,
    sentBefore: dates['DateSent<'] && before && /^\d{4}-\d{2}-\d{2}$/.test(before) ? new Date(dates['DateSent<'].getTime() + 86_400_000 - 1) : dates['DateSent<'],
    sentAfter: dates['DateSent>'],
    pageSize,
    page,
    pageToken: params.get('PageToken'),
  };
}

/** One page of `messages` (every message the account holds, in the order they were created). */
export function listPage(accountSid: string, messages: Iterable<StandInMessage>, query: ListQuery): Record<string, unknown> {
  const matching = [...messages].filter((m) => matches(m, query)).reverse();
  let start = query.page * query.pageSize;
  if (query.pageToken) {
    const after = matching.findIndex((m) => `PA${m.sid}` === query.pageToken);
    start = after >= 0 ? after + 1 : matching.length;
  }
  const page = matching.slice(start, start + query.pageSize);
  const last = page.at(-1);
  const more = start + page.length < matching.length;
  return {
    messages: page.map(messageJson),
    uri: pageUri(accountSid, query, query.page, query.pageToken),
    first_page_uri: pageUri(accountSid, query, 0, null),
    next_page_uri: more && last ? pageUri(accountSid, query, query.page + 1, `PA${last.sid}`) : null,
    previous_page_uri: query.page > 0 ? pageUri(accountSid, query, query.page - 1, null) : null,
    page: query.page,
    page_size: query.pageSize,
    start,
    end: start + Math.max(page.length - 1, 0),
  };
}

function matches(m: StandInMessage, q: ListQuery): boolean {
  if (q.to !== null && m.to !== q.to) return false;
  if (q.from !== null && m.from !== q.from) return false;
  if (q.sentOn === null && q.sentBefore === null && q.sentAfter === null) return true;
  if (!m.dateSent) return false;
  if (q.sentOn !== null && m.dateSent.toISOString().slice(0, 10) !== q.sentOn) return false;
  if (q.sentBefore !== null && m.dateSent > q.sentBefore) return false;
  if (q.sentAfter !== null && m.dateSent < q.sentAfter) return false;
  return true;
}

function pageUri(accountSid: string, q: ListQuery, page: number, pageToken: string | null): string {
  const params = new URLSearchParams();
  if (q.to !== null) params.set('To', q.to);
  if (q.from !== null) params.set('From', q.from);
  if (q.sentOn !== null) params.set('DateSent', q.sentOn);
  if (q.sentBefore !== null) params.set('DateSent<', iso(q.sentBefore));
  if (q.sentAfter !== null) params.set('DateSent>', iso(q.sentAfter));
  params.set('PageSize', String(q.pageSize));
  params.set('Page', String(page));
  if (pageToken) params.set('PageToken', pageToken);
  return `/${API_VERSION}/Accounts/${accountSid}/Messages.json?${params.toString()}`;
}

function parseDate(raw: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2})Z)?$/.exec(raw.trim());
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2] ?? '00:00:00'}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
