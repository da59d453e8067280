import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, Me, session, whenKeyRefused } from './api';
import { Link, navigate, usePath } from './router';
import { SignIn } from './sign-in';
import { Home } from './home';
import { RecordPage } from './record-page';
import { RepliesPage, ReplyPopups, Replies, useReplies } from './notifications';
import { AdminArea } from './admin/admin';

type State = { kind: 'checking' } | { kind: 'signed-out'; notice?: string } | { kind: 'signed-in'; me: Me };

/**
 * The console's shell: who is signed in, the header with Sign out, and the page for the address.
 * Any address loads the app (the service falls back to it); without a session the sign-in form
 * shows at that address and the page opens once signed in.
 */
export function App() {
  const [state, setState] = useState<State>(() => (session.key() ? { kind: 'checking' } : { kind: 'signed-out' }));

  useEffect(() => {
    if (state.kind !== 'checking') return;
    api<Me>('/api/me').then(
      (me) => setState({ kind: 'signed-in', me }),
      (e) => {
        if (e instanceof ApiError && e.status === 401) session.clear();
        setState({ kind: 'signed-out', notice: e instanceof ApiError && e.status === 401 ? 'Your key is no longer accepted: sign in again.' : e.message });
      },
    );
  }, [state.kind]);

  if (state.kind === 'checking') return <p class="loading">Loading…</p>;
  if (state.kind === 'signed-out') {
    return (
      <SignIn
        notice={state.notice}
        onSignedIn={(key, me) => {
          session.save(key);
          setState({ kind: 'signed-in', me });
        }}
      />
    );
  }
  return (
    <Shell
      me={state.me}
      onSignOut={() => {
        session.clear();
        setState({ kind: 'signed-out', notice: 'You are signed out.' });
        navigate('/');
      }}
      onKeyRefused={() => {
        session.clear();
        setState({ kind: 'signed-out', notice: 'Your key is no longer accepted: sign in again.' });
      }}
    />
  );
}

function Shell(props: { me: Me; onSignOut: () => void; onKeyRefused: () => void }) {
  const path = usePath();
  const replies = useReplies(props.onKeyRefused);
  // any call refused for the key (revoked, rotated in another tab) ends the session
  useEffect(() => {
    whenKeyRefused(props.onKeyRefused);
    return () => whenKeyRefused(null);
  }, []);
  const unread = replies.all.filter((n) => !n.read).length;
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // after a page change, move focus to the new page (screen readers announce it; Tab starts there)
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [path]);

  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        {/* not a link: its name would also match the admin page's "Sync" link */}
        <span class="brand">sms-crm-sync</span>
        <nav aria-label="Main">
          <Link href="/">Find a record</Link>
          <Link href="/notifications">{unread ? `Replies (${unread} unread)` : 'Replies'}</Link>
          {props.me.role === 'admin' && <Link href="/admin">Admin</Link>}
        </nav>
        <div class="who">
          <span>
            {props.me.name} <span class="muted">({props.me.role})</span>
          </span>
          <button type="button" onClick={props.onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" ref={main}>
        <Page path={path} me={props.me} replies={replies} />
      </main>
      <ReplyPopups replies={replies} />
    </>
  );
}

function Page(props: { path: string; me: Me; replies: Replies }) {
  if (props.path === '/') return <Home me={props.me} />;
  if (props.path === '/notifications') return <RepliesPage replies={props.replies} />;
  const record = /^\/records\/([^/]+)\/?$/.exec(props.path);
  if (record) return <RecordPage id={decodeURIComponent(record[1])} me={props.me} latestReply={props.replies.latest} />;
  if (props.path === '/admin' || props.path.startsWith('/admin/')) return <AdminArea path={props.path} me={props.me} />;
  return (
    <section>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        There is no page at <code>{props.path}</code>. <Link href="/">Go to the start page</Link>.
      </p>
    </section>
  );
}
