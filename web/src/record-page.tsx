import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, apiPage, Me, Message, RecordScreen, ReplyNotification } from './api';
import { Composer } from './composer';
import { inRepZone, refusalWords, STATUS_WORDS } from './words';

const PENDING: Message['status'][] = ['queued', 'sent'];

/**
 * The Ad-hoc SMS screen of a Contact, Lead, Account or Task (CONTRACT §7): the thread with the
 * record's people across reps, oldest first, and the composer. A reply arriving live is read in at
 * once. While a message of the thread is
 * on its way, the screen is read again every 1.5 s (for two minutes at most) so its status moves.
 */
export function RecordPage(props: { id: string; me: Me; latestReply: ReplyNotification | null }) {
  const [screen, setScreen] = useState<RecordScreen | null>(null);
  const [me, setMe] = useState<Me>(props.me);
  const [loadError, setLoadError] = useState<string | null>(null);
  const pollUntil = useRef(Date.now() + 120_000);

  const load = useCallback(async () => {
    try {
      const [next, who] = await Promise.all([api<RecordScreen>(`/api/records/${encodeURIComponent(props.id)}/sms`), api<Me>('/api/me')]);
      setScreen(next);
      setMe(who);
      setLoadError(null);
      return next;
    } catch (e) {
      setLoadError(e instanceof ApiError && e.status === 404 ? `No Contact, Lead, Account or Task with id ${props.id} is in the mirror.` : (e as Error).message);
      return null;
    }
  }, [props.id]);

  useEffect(() => {
    setScreen(null);
    void load();
  }, [load]);

  // a reply from this record's people arrived live: read the thread again (the draft stays)
  const reply = props.latestReply;
  useEffect(() => {
    if (reply?.recordId && screen && (reply.recordId === screen.record.id || screen.recipients.some((r) => r.prospectId === reply.recordId))) void load();
  }, [reply?.id]);

  // statuses move on their own (Twilio's callbacks): follow them while any is on its way
  useEffect(() => {
    if (!screen?.messages.some((m) => PENDING.includes(m.status)) || Date.now() > pollUntil.current) return;
    const timer = setTimeout(() => void load(), 1500);
    return () => clearTimeout(timer);
  }, [screen, load]);

  // once the record is in, a page change leaves focus on its heading (the link that led here is gone)
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (document.activeElement === document.body) heading.current?.focus();
  }, [screen?.record.id, loadError]);

  if (loadError) {
    return (
      <section>
        <h1 tabIndex={-1} ref={heading}>
          Record {props.id}
        </h1>
        <p class="error">{loadError}</p>
      </section>
    );
  }
  if (!screen) return <p class="loading">Loading the record…</p>;

  const blocked = screen.blockedReason && screen.blockedReason !== 'NO_SMS_NUMBER' ? screen.blockedReason : null;
  return (
    <section class="record">
      <header class="record-head">
        <h1 tabIndex={-1} ref={heading}>
          {screen.record.name}
        </h1>
        <p class="muted">
          {screen.record.type} · <span class="mono">{screen.record.id}</span>
        </p>
      </header>
      <div class="record-body">
        <Thread key={screen.record.id} screen={screen} me={me} />
        <Composer
          key={screen.record.id}
          screen={screen}
          me={me}
          blocked={blocked ? (refusalWords(blocked, screen.blockedDetails) ?? blocked) : null}
          onSent={async () => {
            pollUntil.current = Date.now() + 120_000;
            await load();
          }}
          onRequested={load}
        />
      </div>
    </section>
  );
}

/** The screen's latest page of the thread; older pages of a Contact's or Lead's thread on demand. */
const SCREEN_PAGE = 50;

function Thread(props: { screen: RecordScreen; me: Me }) {
  const { screen } = props;
  const box = useRef<HTMLDivElement>(null);
  const [older, setOlder] = useState<Message[]>([]);
  // undefined: not asked yet; null: nothing older
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const shown = new Set(screen.messages.map((m) => m.id));
  const messages = [...older.filter((m) => !shown.has(m.id)), ...screen.messages];
  const pageable = (screen.record.type === 'Contact' || screen.record.type === 'Lead') && screen.messages.length >= SCREEN_PAGE && cursor !== null;
  const last = messages[messages.length - 1]?.id;
  // the newest message in view, as in any messaging app
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [last]);

  async function showOlder() {
    setLoadingOlder(true);
    try {
      const base = `/api/prospects/${screen.record.id}/messages?limit=${SCREEN_PAGE}`;
      // the latest page is the screen's: its cursor leads to the page before it
      let before = cursor;
      if (before === undefined) before = (await apiPage<Message[]>(base)).next;
      if (before === null) return setCursor(null);
      const page = await apiPage<Message[]>(`${base}&before=${encodeURIComponent(before)}`);
      setOlder((list) => [...page.items, ...list]);
      setCursor(page.next);
    } finally {
      setLoadingOlder(false);
    }
  }

  return (
    <div class="thread" ref={box} tabIndex={0} role="group" aria-label="Thread">
      {pageable && (
        <p class="older">
          <button type="button" onClick={() => void showOlder()} disabled={loadingOlder}>
            Show older messages
          </button>
        </p>
      )}
      <ol aria-label="Messages, oldest first">
        {messages.map((m) => (
          <li key={m.id} class={`msg ${m.direction}`}>
            <p class="body">{m.body}</p>
            <p class="meta">
              <span class={`status ${m.status}`}>{STATUS_WORDS[m.status]}</span>
              {m.errorCode && <span> (error {m.errorCode})</span>} · {who(m, props.me)} · <time dateTime={m.createdAt}>{inRepZone(m.createdAt)}</time>
            </p>
          </li>
        ))}
      </ol>
      {messages.length === 0 && <p class="muted empty">No messages with this record yet.</p>}
    </div>
  );
}

function who(m: Message, me: Me): string {
  if (m.direction === 'inbound') return `from ${m.from} to ${m.to}`;
  const mine = m.userId === me.id;
  return `${mine ? 'you' : 'another rep'}, from ${m.from} to ${m.to}`;
}
