import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, Me } from './api';

/** The sign-in form (CONTRACT §7): a textbox labelled "API key" and a "Sign in" button. */
export function SignIn(props: { notice?: string; onSignedIn: (key: string, me: Me) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  async function submit(event: Event) {
    event.preventDefault();
    const candidate = key.trim();
    if (!candidate) {
      setError('Enter your API key.');
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      props.onSignedIn(candidate, await api<Me>('/api/me', { key: candidate }));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? 'Invalid API key: it was not accepted. Check it and try again.' : (e as Error).message);
      input.current?.select();
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" class="sign-in">
      <form class="card" onSubmit={submit} aria-describedby="sign-in-help" noValidate>
        <h1>Sign in to sms-crm-sync</h1>
        <p id="sign-in-help" class="muted">
          Use the API key your admin gave you. It stays in this browser tab only and is forgotten when you sign out or close the tab.
        </p>
        {props.notice && !error && <p class="notice">{props.notice}</p>}
        <label for="api-key">API key</label>
        {/* a textbox (not type=password, which has no textbox role) whose characters are masked by CSS */}
        <input
          id="api-key"
          ref={input}
          class="secret"
          type="text"
          name="api-key"
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          value={key}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'sign-in-error' : undefined}
          onInput={(e) => setKey(e.currentTarget.value)}
        />
        {error && (
          <p id="sign-in-error" role="alert" class="error">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
