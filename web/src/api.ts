/**
 * The console's whole API client: the key kept in this tab's sessionStorage (never in a URL),
 * sent as a Bearer header, errors read in the contract's shape `{error: {code, message, details}}`.
 */
const KEY_ITEM = 'sms-crm-sync.apiKey';

export const session = {
  key: (): string | null => sessionStorage.getItem(KEY_ITEM),
  save: (key: string) => sessionStorage.setItem(KEY_ITEM, key),
  clear: () => sessionStorage.removeItem(KEY_ITEM),
};

/** Called when the session's key is refused (revoked or rotated elsewhere): the app signs out. */
let keyRefused: (() => void) | null = null;
export function whenKeyRefused(handler: (() => void) | null): void {
  keyRefused = handler;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

type Init = { method?: string; body?: unknown; key?: string };

export async function api<T>(path: string, init: Init = {}): Promise<T> {
  return (await request<T>(path, init)).body;
}

/** A page of a paged list: its items and the cursor of the page before it (`X-Next-Cursor`), if any. */
export async function apiPage<T>(path: string): Promise<{ items: T; next: string | null }> {
  const { body, response } = await request<T>(path, {});
  return { items: body, next: response.headers.get('X-Next-Cursor') };
}

async function request<T>(path: string, init: Init): Promise<{ body: T; response: Response }> {
  const key = init.key ?? session.key();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (key) headers.Authorization = `Bearer ${key}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The service cannot be reached. Check your connection and try again.');
  }
  if (response.status === 401 && init.key === undefined && key) keyRefused?.();
  if (response.status === 204) return { body: undefined as T, response };
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body?.error ?? {};
    throw new ApiError(response.status, error.code ?? 'HTTP_' + response.status, error.message ?? `The service answered ${response.status}.`, error.details);
  }
  return { body: body as T, response };
}

export interface SenderNumber {
  id: string;
  phoneNumber: string;
  kind: 'direct' | 'local_presence';
  smsEnabled: boolean;
}

export interface Me {
  id: string;
  name: string;
  role: 'rep' | 'admin';
  smsEnabled: boolean;
  senderNumbers: SenderNumber[];
}

export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'received';

export interface Message {
  id: string;
  direction: 'outbound' | 'inbound';
  from: string;
  to: string;
  body: string;
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
  status: MessageStatus;
  errorCode: string | null;
  prospectId: string | null;
  recordId: string | null;
  userId: string | null;
  createdAt: string;
}

export interface RecordScreen {
  record: { id: string; type: 'Contact' | 'Lead' | 'Account' | 'Task'; name: string };
  recipients: { prospectId: string; name: string; phoneNumber: string }[];
  senderNumbers: SenderNumber[];
  canSend: boolean;
  blockedReason: string | null;
  blockedDetails: Record<string, unknown> | null;
  messages: Message[];
}

export interface PersonMatch {
  id: string;
  type: 'Contact' | 'Lead';
  name: string;
  phoneNumbers: string[];
}

export interface ReplyNotification {
  id: string;
  type: 'sms_reply';
  messageId: string;
  recordId: string | null;
  prospectName: string | null;
  preview: string;
  createdAt: string;
  read: boolean;
}

/**
 * Follows a Server-Sent Events stream with the key in the Authorization header (EventSource
 * cannot send headers, and the key never goes into a URL): each `data:` event to `onEvent`,
 * reconnecting after a drop with Last-Event-ID so the service replays what was missed. Stops
 * with the returned function, or for good on a 401 (`onUnauthorized`).
 */
export function followStream(path: string, onEvent: (data: string) => void, onUnauthorized: () => void): () => void {
  const abort = new AbortController();
  let lastEventId: string | null = null;
  let retryMs = 3000;

  async function connect(): Promise<void> {
    const headers: Record<string, string> = { Accept: 'text/event-stream', Authorization: `Bearer ${session.key()}` };
    if (lastEventId) headers['Last-Event-ID'] = lastEventId;
    const response = await fetch(path, { headers, signal: abort.signal, cache: 'no-store' });
    if (response.status === 401) return onUnauthorized();
    if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      const blocks = buffer.split(/\r?\n\r?\n/);
      buffer = blocks.pop() ?? '';
      for (const block of blocks) {
        const data: string[] = [];
        for (const line of block.split(/\r?\n/)) {
          const colon = line.indexOf(':');
          if (colon === 0) continue; // a comment (heartbeat)
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') data.push(text);
          else if (field === 'id') lastEventId = text;
          else if (field === 'retry' && /^\d+$/.test(text)) retryMs = Number(text);
        }
        if (data.length) onEvent(data.join('\n'));
      }
    }
  }

  void (async () => {
    while (!abort.signal.aborted) {
      try {
        await connect();
      } catch {
        // dropped or unreachable: try again after the service's retry delay
      }
      if (abort.signal.aborted || !session.key()) return;
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  })();
  return () => abort.abort();
}
