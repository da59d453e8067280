import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, Me, RecordScreen } from './api';
import { Counter } from './counter';
import { refusalWords } from './words';

/** One key per draft, so a double click or a retry never sends twice (crypto.randomUUID needs https). */
function newKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

let maxSegments: Promise<number> | null = null;
/** SMS_MAX_SEGMENTS, as the service's counter answers it (asked once). */
function allowedSegments(): Promise<number> {
  maxSegments ??= api<{ maxSegments: number }>('/api/sms/segments', { method: 'POST', body: { body: '.' } }).then(
    (count) => count.maxSegments,
    () => {
      maxSegments = null;
      return 1;
    },
  );
  return maxSegments;
}

/**
 * The composer: From (the rep's SMS-enabled numbers), To (when the record has several numbers),
 * Message with its live counter, Send. A refusal — before sending (the prospect is blocked) or
 * from the send itself — is shown in the one `role="alert"` element; typing stays possible.
 * Without an SMS-enabled number there is no Send: the rep can ask for SMS on a number instead.
 */
export function Composer(props: { screen: RecordScreen; me: Me; blocked: string | null; onSent: () => Promise<unknown>; onRequested: () => Promise<unknown> }) {
  const { screen } = props;
  const phones = [...new Map(screen.recipients.map((r) => [r.phoneNumber, r])).values()];
  const [from, setFrom] = useState(screen.senderNumbers[0]?.phoneNumber ?? '');
  // answering a reply: the number that texted last, else the record's first
  const lastInbound = [...screen.messages].reverse().find((m) => m.direction === 'inbound');
  const [to, setTo] = useState((phones.find((r) => r.phoneNumber === lastInbound?.from) ?? phones[0])?.phoneNumber ?? '');
  const [body, setBody] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [segments, setSegments] = useState(1);
  const idempotencyKey = useRef(newKey());
  const message = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    void allowedSegments().then(setSegments);
  }, []);
  useEffect(() => {
    if (!screen.senderNumbers.some((n) => n.phoneNumber === from)) setFrom(screen.senderNumbers[0]?.phoneNumber ?? '');
  }, [screen.senderNumbers]);

  async function send(event: Event) {
    event.preventDefault();
    setBusy(true);
    setSent(null);
    try {
      await api('/api/messages', {
        method: 'POST',
        body: { recordId: screen.record.id, from, ...(to ? { to } : {}), body, idempotencyKey: idempotencyKey.current },
      });
      idempotencyKey.current = newKey();
      setBody('');
      setRefusal(null);
      setSent('Sent. Its delivery status shows in the thread.');
      await props.onSent();
    } catch (e) {
      const words = e instanceof ApiError ? refusalWords(e.code, e.details) : null;
      setRefusal(e instanceof ApiError && e.status === 422 ? `Not sent: ${words ?? e.message}` : `Not sent: ${(e as Error).message}`);
    } finally {
      setBusy(false);
      message.current?.focus();
    }
  }

  const alert = refusal ?? (props.blocked ? `You cannot text this prospect now. ${props.blocked}` : null);
  const canSend = screen.senderNumbers.length > 0;
  return (
    <form class="composer card" onSubmit={send} aria-label="Ad-hoc SMS">
      <h2>Ad-hoc SMS</h2>
      {alert && (
        <div role="alert" class={props.blocked ? 'banner blocked' : 'banner'}>
          {alert}
        </div>
      )}
      {canSend ? (
        <>
          <label for="sms-from">From</label>
          <select id="sms-from" value={from} onChange={(e) => setFrom(e.currentTarget.value)}>
            {screen.senderNumbers.map((n) => (
              <option key={n.id} value={n.phoneNumber}>
                {n.phoneNumber}
              </option>
            ))}
          </select>
        </>
      ) : (
        <RequestSms me={props.me} onRequested={props.onRequested} />
      )}
      {phones.length > 1 ? (
        <>
          <label for="sms-to">To</label>
          <select id="sms-to" value={to} onChange={(e) => setTo(e.currentTarget.value)}>
            {phones.map((r) => (
              <option key={r.phoneNumber} value={r.phoneNumber}>
                {r.name} · {r.phoneNumber}
              </option>
            ))}
          </select>
        </>
      ) : (
        <p class="to">
          <span class="label">To</span> {phones[0] ? `${phones[0].name} · ${phones[0].phoneNumber}` : 'nobody: this record has no phone number'}
        </p>
      )}
      <label for="sms-body">Message</label>
      <textarea
        id="sms-body"
        ref={message}
        rows={6}
        value={body}
        aria-describedby={canSend ? 'sms-counter sms-shortcut' : 'sms-counter'}
        onInput={(e) => setBody(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && canSend && !busy) void send(e);
        }}
      />
      <Counter id="sms-counter" body={body} maxSegments={segments} />
      {canSend && (
        <>
          <button type="submit" class="primary" disabled={busy}>
            Send
          </button>
          <p id="sms-shortcut" class="muted shortcut">
            or Ctrl+Enter in the message
          </p>
        </>
      )}
      <p role="status" class="sent-note">
        {sent}
      </p>
    </form>
  );
}

/** No SMS-enabled number: ask an admin to enable SMS on one of the rep's direct numbers. */
function RequestSms(props: { me: Me; onRequested: () => Promise<unknown> }) {
  const direct = props.me.senderNumbers.filter((n) => n.kind === 'direct');
  const [done, setDone] = useState<Record<string, string>>({});
  async function request(id: string) {
    try {
      await api(`/api/numbers/${id}/sms-requests`, { method: 'POST' });
      setDone({ ...done, [id]: 'Requested: an admin will review it.' });
      await props.onRequested();
    } catch (e) {
      setDone({ ...done, [id]: e instanceof ApiError && e.status === 409 ? 'Already requested: waiting for an admin.' : (e as Error).message });
    }
  }
  return (
    <div class="no-sms">
      <p>You have no SMS-enabled number, so you cannot send yet.</p>
      {direct.length === 0 ? (
        <p>Ask your admin for a direct number.</p>
      ) : (
        <ul class="plain">
          {direct.map((n) => (
            <li key={n.id}>
              <span class="mono">{n.phoneNumber}</span>{' '}
              {done[n.id] ? (
                <span role="status">{done[n.id]}</span>
              ) : (
                <button type="button" onClick={() => void request(n.id)}>
                  Request SMS on {n.phoneNumber}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
