import { useEffect, useRef, useState } from 'preact/hooks';
import { api, Me, PersonMatch } from './api';
import { Link, navigate } from './router';

const SALESFORCE_ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;

/**
 * The start page: find a record among the mirrored Contacts and Leads by name or phone, or open
 * one by its Salesforce id (Contact, Lead, Account or Task).
 */
export function Home(props: { me: Me }) {
  const { me } = props;
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<PersonMatch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  // the start page is for finding a record: the search box takes the keyboard
  useEffect(() => input.current?.focus(), []);

  // search as the rep types (a short pause first); a stale answer never replaces a newer one
  useEffect(() => {
    const text = query.trim();
    if (text.length < 2 || SALESFORCE_ID.test(text)) {
      setResults(null);
      return;
    }
    const ticket = ++latest.current;
    const timer = setTimeout(() => {
      api<PersonMatch[]>(`/api/prospects?query=${encodeURIComponent(text)}`).then(
        (found) => ticket === latest.current && (setResults(found), setError(null)),
        (e) => ticket === latest.current && setError((e as Error).message),
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [query]);

  function submit(event: Event) {
    event.preventDefault();
    const text = query.trim();
    if (SALESFORCE_ID.test(text)) navigate(`/records/${text}`);
    else if (results?.length === 1) navigate(`/records/${results[0].id}`);
  }

  return (
    <section class="home">
      <h1 tabIndex={-1}>Find a record</h1>
      <form role="search" onSubmit={submit} class="search">
        <label for="find">Name, phone number or Salesforce id</label>
        <div class="row">
          <input id="find" ref={input} type="search" autocomplete="off" value={query} onInput={(e) => setQuery(e.currentTarget.value)} aria-describedby="find-help" />
          <button type="submit">Open</button>
        </div>
        <p id="find-help" class="muted">
          Contacts and Leads by name or phone; any Contact, Lead, Account or Task by its 15- or 18-character id.
        </p>
      </form>
      {SALESFORCE_ID.test(query.trim()) && (
        <p>
          <Link href={`/records/${query.trim()}`}>Open record {query.trim()}</Link>
        </p>
      )}
      {error && <p class="error">{error}</p>}
      {results && (
        <div aria-live="polite">
          {results.length === 0 ? (
            <p>No Contact or Lead matches “{query.trim()}”.</p>
          ) : (
            <ul class="results" aria-label="Matching records">
              {results.map((p) => (
                <li key={p.id}>
                  <Link href={`/records/${p.id}`}>{p.name}</Link> <span class="muted">{p.type}</span>{' '}
                  <span class="mono">{p.phoneNumbers.join(', ') || 'no phone'}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <h2>Your numbers</h2>
      {me.senderNumbers.length === 0 ? (
        <p>You hold no numbers yet. Ask your admin to assign you one.</p>
      ) : (
        <ul class="plain">
          {me.senderNumbers.map((n) => (
            <li key={n.id}>
              <span class="mono">{n.phoneNumber}</span> · {n.kind === 'direct' ? 'direct' : 'local presence'} · {n.smsEnabled ? 'SMS enabled' : 'SMS not enabled'}
            </li>
          ))}
        </ul>
      )}
      {!me.smsEnabled && <p class="notice">You cannot send SMS yet: none of your direct numbers is SMS-enabled. Open a record to request it.</p>}
    </section>
  );
}
