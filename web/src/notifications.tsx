import { useEffect, useState } from 'preact/hooks';
import { api, followStream, ReplyNotification } from './api';
import { Link } from './router';
import { inRepZone } from './words';

export interface Replies {
  /** the caller's recent notifications, newest first */
  all: ReplyNotification[];
  /** the ones that arrived while this page was open, shown as pop-ups until opened or dismissed */
  popups: ReplyNotification[];
  /** the last one that arrived live (the record page reads its thread again when it is its record) */
  latest: ReplyNotification | null;
  markRead: (id: string) => void;
  dismiss: (id: string) => void;
}

/**
 * The rep's reply notifications: the recent ones (GET /api/notifications), then each new one as it
 * arrives on the Server-Sent Events stream, on every page.
 */
export function useReplies(onUnauthorized: () => void): Replies {
  const [all, setAll] = useState<ReplyNotification[]>([]);
  const [popups, setPopups] = useState<ReplyNotification[]>([]);
  const [latest, setLatest] = useState<ReplyNotification | null>(null);

  useEffect(() => {
    const stop = followStream(
      '/api/notifications/stream',
      (data) => {
        const n = JSON.parse(data) as ReplyNotification;
        setAll((list) => (list.some((x) => x.id === n.id) ? list : [n, ...list]));
        setPopups((list) => (list.some((x) => x.id === n.id) ? list : [...list, n]));
        setLatest(n);
      },
      onUnauthorized,
    );
    api<ReplyNotification[]>('/api/notifications?limit=50').then(
      (recent) => setAll((live) => [...live, ...recent.filter((n) => !live.some((x) => x.id === n.id))]),
      () => undefined,
    );
    return stop;
  }, []);

  const markRead = (id: string) => {
    setAll((list) => list.map((n) => (n.id === id ? { ...n, read: true } : n)));
    setPopups((list) => list.filter((n) => n.id !== id));
    void api(`/api/notifications/${id}/read`, { method: 'POST' }).catch(() => undefined);
  };
  const dismiss = (id: string) => setPopups((list) => list.filter((n) => n.id !== id));
  return { all, popups, latest, markRead, dismiss };
}

const title = (n: ReplyNotification) => `Reply from ${n.prospectName ?? 'an unknown number'}`;

/** The pop-ups: each a link to its record, kept until opened or dismissed (no timeout to race). */
export function ReplyPopups(props: { replies: Replies }) {
  const { popups, markRead, dismiss } = props.replies;
  return (
    <section class="popups" aria-label="New replies" aria-live="polite">
      {popups.slice(-3).map((n) => (
        <div key={n.id} class="popup">
          <p class="popup-title">
            {n.recordId ? (
              <Link href={`/records/${n.recordId}`} onClick={() => markRead(n.id)}>
                {title(n)}
              </Link>
            ) : (
              title(n)
            )}
          </p>
          <p class="preview">{n.preview}</p>
          <button type="button" class="dismiss" aria-label={`Dismiss: ${title(n)}`} onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </section>
  );
}

/** The notifications page: unread first, then the recent read ones. */
export function RepliesPage(props: { replies: Replies }) {
  const { all, markRead } = props.replies;
  const unread = all.filter((n) => !n.read);
  const read = all.filter((n) => n.read);
  return (
    <section>
      <h1 tabIndex={-1}>Replies</h1>
      <h2>Unread ({unread.length})</h2>
      {unread.length === 0 ? <p class="muted">Nothing unread.</p> : <ReplyList list={unread} onOpen={markRead} />}
      {unread.length > 0 && (
        <button type="button" onClick={() => unread.forEach((n) => markRead(n.id))}>
          Mark all read
        </button>
      )}
      <h2>Earlier</h2>
      {read.length === 0 ? <p class="muted">No earlier replies.</p> : <ReplyList list={read} onOpen={() => undefined} />}
    </section>
  );
}

function ReplyList(props: { list: ReplyNotification[]; onOpen: (id: string) => void }) {
  return (
    <ul class="results">
      {props.list.map((n) => (
        <li key={n.id}>
          {n.recordId ? (
            <Link href={`/records/${n.recordId}`} onClick={() => props.onOpen(n.id)}>
              {title(n)}
            </Link>
          ) : (
            <strong>{title(n)}</strong>
          )}
          <span class="preview">{n.preview}</span>
          <time class="muted" dateTime={n.createdAt}>
            {inRepZone(n.createdAt)}
          </time>
        </li>
      ))}
    </ul>
  );
}
