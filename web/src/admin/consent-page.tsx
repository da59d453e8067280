import { useRef, useState } from 'preact/hooks';
import { adminApi, ConsentReport } from './admin-api';
import { formatTime } from './format';
import { PageHeader } from './ui';

const SOURCE_LABEL: Record<string, string> = {
  keyword: 'STOP keyword',
  reasonable_means: 'plain-language request',
  provider_21610: 'Twilio refused the send (21610)',
  crm: 'Salesforce flag',
  admin: 'admin',
};
const sourceLabel = (source: string | null) => (source ? (SOURCE_LABEL[source] ?? source.replace(/_/g, ' ')) : '—');

/** The consent ledger of one phone number: its state now and every block and unblock, oldest first. */
export function ConsentPage() {
  const [phone, setPhone] = useState('');
  const [report, setReport] = useState<ConsentReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function lookUp(event: Event) {
    event.preventDefault();
    if (!phone.trim()) {
      setError('Enter a phone number to look up.');
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setReport(await adminApi.consent(phone.trim()));
    } catch (e) {
      setReport(null);
      setError((e as Error).message);
      input.current?.select();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <PageHeader title="Consent">Who opted a number out of SMS or back in, when and how. An opt-out blocks the number for every rep.</PageHeader>
      <form class="card lookup" role="search" onSubmit={lookUp} noValidate>
        <div>
          <label for="consent-phone">Phone number</label>
          <input
            id="consent-phone"
            ref={input}
            type="tel"
            autocomplete="off"
            placeholder="+1 212 555 0101"
            value={phone}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'consent-error' : undefined}
            onInput={(e) => setPhone(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Looking up…' : 'Look up'}
        </button>
      </form>
      {error && (
        <p role="alert" class="error" id="consent-error">
          {error}
        </p>
      )}
      <div aria-live="polite">{report && <ConsentResult report={report} />}</div>
    </section>
  );
}

function ConsentResult(props: { report: ConsentReport }) {
  const r = props.report;
  return (
    <>
      <h2>
        <span class="mono">{r.phoneNumber}</span>
      </h2>
      <p class={r.optedOut ? 'banner bad' : 'banner ok'} data-figure="consent-state">
        {r.optedOut
          ? `Opted out since ${formatTime(r.updatedAt)} (${sourceLabel(r.source)}): no rep can text this number.`
          : r.events.length
            ? `Not opted out: texting is allowed${r.updatedAt ? ` (since ${formatTime(r.updatedAt)})` : ''}.`
            : 'Not opted out, and never was.'}
      </p>
      <h3>Prospects with this number</h3>
      {r.prospects.length === 0 ? (
        <p class="empty-state">No mirrored Contact or Lead has this number.</p>
      ) : (
        <ul class="plain">
          {r.prospects.map((p) => (
            <li key={p.id}>
              {p.name} <span class="muted">({p.objectType})</span>
              {p.doNotSms && <span class="tag bad">Do-Not-SMS</span>}
              {p.doNotCall && <span class="tag bad">Do-Not-Call</span>}
            </li>
          ))}
        </ul>
      )}
      <h3 id="ledger-heading">Ledger</h3>
      {r.events.length === 0 ? (
        <p class="empty-state">No opt-out or opt-in was ever recorded for this number.</p>
      ) : (
        <table class="grid" aria-labelledby="ledger-heading">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">How</th>
              <th scope="col">Message</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {r.events.map((e) => (
              <tr key={e.id}>
                <td>{formatTime(e.createdAt)}</td>
                <th scope="row">
                  <span class={e.action === 'block' ? 'tag bad' : 'tag ok'}>{e.action === 'block' ? 'Opted out' : 'Opted back in'}</span>
                  {e.needsReview && <span class="tag warn">needs review</span>}
                </th>
                <td>{sourceLabel(e.source)}</td>
                <td>{e.message ? <q>{e.message.body}</q> : <span class="muted">—</span>}</td>
                <td>{e.note ?? <span class="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
