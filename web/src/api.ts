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

export async function api<T>(path: string, init: { method?: string; body?: unknown; key?: string } = {}): Promise<T> {
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
  if (response.status === 204) return undefined as T;
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body?.error ?? {};
    throw new ApiError(response.status, error.code ?? 'HTTP_' + response.status, error.message ?? `The service answered ${response.status}.`, error.details);
  }
  return body as T;
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
