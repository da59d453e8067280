import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { adminApi, NumberView, UserView } from './admin-api';
import { useResource } from './use-resource';
import { ErrorAlert, Loading, PageHeader, StatusLine } from './ui';

/** Users and their numbers: add a number to a user, enable SMS on a direct number. */
export function NumbersPage() {
  const data = useResource(async () => {
    const [users, numbers] = await Promise.all([adminApi.users(), adminApi.numbers()]);
    return { users, numbers };
  });
  const [status, setStatus] = useState<string | null>(null);
  const [actionError, setActionError] = useState<Error | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  async function enableSms(number: NumberView, owner: UserView | undefined) {
    setBusyId(number.id);
    setActionError(null);
    setStatus(null);
    try {
      // filed and approved in one go: the decision is recorded like any other
      const request = await adminApi.requestSms(number.id);
      await adminApi.decide(request.id, 'approve');
      setStatus(`SMS is now enabled on ${number.phoneNumber}${owner ? ` (${owner.name})` : ''}.`);
      await data.reload();
    } catch (e) {
      setActionError(e as Error);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section>
      <PageHeader title="Numbers" onRefresh={() => void data.reload()} busy={data.loading}>
        Each rep texts from their own direct numbers. A local-presence number can make calls but never sends SMS.
      </PageHeader>
      <ErrorAlert error={data.error} />
      {data.data && (
        <AddNumberForm
          users={data.data.users}
          onAdded={async (number, owner) => {
            setActionError(null);
            setStatus(`Added ${number.phoneNumber} to ${owner.name}${number.smsEnabled ? ', SMS enabled' : ''}.`);
            await data.reload();
          }}
        />
      )}
      <h2 id="users-heading">Users and their numbers</h2>
      <StatusLine message={status} />
      <ErrorAlert error={actionError} />
      {!data.data ? (
        !data.error && <Loading what="users and numbers" />
      ) : (
        <table class="grid" aria-labelledby="users-heading">
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Role</th>
              <th scope="col">Number</th>
              <th scope="col">Kind</th>
              <th scope="col">SMS</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.data.users.length === 0 && (
              <tr>
                <td colSpan={6}>No users yet. Create them with POST /api/admin/users.</td>
              </tr>
            )}
            {data.data.users.map((user) => {
              const numbers = data.data!.numbers.filter((n) => n.userId === user.id);
              const rows = numbers.length ? numbers : [null];
              return rows.map((number, i) => (
                <tr key={`${user.id}:${number?.id ?? 'none'}`} class={i === 0 ? 'group-start' : undefined}>
                  {i === 0 && (
                    <>
                      <th scope="row" rowSpan={rows.length} class="user-cell">
                        <span class="strong">{user.name}</span>
                        <span class="muted small">{user.email}</span>
                        {!user.hasKey && <span class="tag warn">key revoked</span>}
                      </th>
                      <td rowSpan={rows.length}>{user.role}</td>
                    </>
                  )}
                  {number ? (
                    <>
                      <td class="mono">{number.phoneNumber}</td>
                      <td>{number.kind === 'direct' ? 'Direct' : 'Local presence'}</td>
                      <td>
                        {number.smsEnabled ? (
                          <span class="tag ok">SMS enabled</span>
                        ) : number.kind === 'local_presence' ? (
                          <span class="muted">Never (local presence)</span>
                        ) : (
                          <span class="tag">Not enabled</span>
                        )}
                      </td>
                      <td>
                        {number.kind === 'direct' && !number.smsEnabled && (
                          <button
                            type="button"
                            aria-label={`Enable SMS on ${number.phoneNumber}`}
                            disabled={busyId !== null}
                            onClick={() => void enableSms(number, user)}
                          >
                            {busyId === number.id ? 'Enabling…' : 'Enable SMS'}
                          </button>
                        )}
                      </td>
                    </>
                  ) : (
                    <td colSpan={4} class="muted">
                      No numbers
                    </td>
                  )}
                </tr>
              ));
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

const PHONE_CODES = new Set(['INVALID_PHONE', 'UNSUPPORTED_COUNTRY', 'NUMBER_TAKEN', 'CONFLICT', 'ALREADY_EXISTS']);

function AddNumberForm(props: { users: UserView[]; onAdded: (number: NumberView, owner: UserView) => Promise<void> }) {
  const [userId, setUserId] = useState('');
  const [phoneNumber, setPhoneNumber] = useState('');
  const [kind, setKind] = useState<NumberView['kind']>('direct');
  const [smsEnabled, setSmsEnabled] = useState(false);
  const [error, setError] = useState<{ message: string; field: 'user' | 'phone' | null } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const owner = props.users.find((u) => u.id === userId);
    if (!owner) return setError({ message: 'Choose the user who will hold the number.', field: 'user' });
    if (!phoneNumber.trim()) return setError({ message: 'Enter the phone number.', field: 'phone' });
    setBusy(true);
    setError(null);
    try {
      const number = await adminApi.addNumber({ phoneNumber: phoneNumber.trim(), userId, kind, smsEnabled: kind === 'direct' && smsEnabled });
      setPhoneNumber('');
      setSmsEnabled(false);
      await props.onAdded(number, owner);
    } catch (e) {
      const field = e instanceof ApiError && PHONE_CODES.has(e.code) ? 'phone' : null;
      setError({ message: (e as Error).message, field });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card add-number" onSubmit={submit} noValidate aria-labelledby="add-number-heading">
      <h2 id="add-number-heading">Add a number</h2>
      <div class="row">
        <div>
          <label for="number-user">User</label>
          <select
            id="number-user"
            value={userId}
            aria-invalid={error?.field === 'user' ? 'true' : undefined}
            aria-describedby={error?.field === 'user' ? 'add-number-error' : undefined}
            onChange={(e) => setUserId(e.currentTarget.value)}
          >
            <option value="">Choose a user…</option>
            {props.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.role})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="number-phone">Phone number</label>
          <input
            id="number-phone"
            type="tel"
            autocomplete="off"
            placeholder="+1 212 555 0100"
            value={phoneNumber}
            aria-invalid={error?.field === 'phone' ? 'true' : undefined}
            aria-describedby={error?.field === 'phone' ? 'add-number-error number-phone-hint' : 'number-phone-hint'}
            onInput={(e) => setPhoneNumber(e.currentTarget.value)}
          />
          <p id="number-phone-hint" class="hint">
            US or Canada, any common format.
          </p>
        </div>
        <div>
          <label for="number-kind">Kind</label>
          <select id="number-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as NumberView['kind'])}>
            <option value="direct">Direct</option>
            <option value="local_presence">Local presence</option>
          </select>
        </div>
        <div class="check">
          <input
            id="number-sms"
            type="checkbox"
            checked={kind === 'direct' && smsEnabled}
            disabled={kind !== 'direct'}
            aria-describedby="number-sms-hint"
            onChange={(e) => setSmsEnabled(e.currentTarget.checked)}
          />
          <label for="number-sms">SMS enabled</label>
          <p id="number-sms-hint" class="hint">
            {kind === 'direct' ? 'The rep can text from it at once.' : 'Local-presence numbers never send SMS.'}
          </p>
        </div>
      </div>
      {error && (
        <p role="alert" class="error" id="add-number-error">
          {error.message}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Adding…' : 'Add number'}
      </button>
    </form>
  );
}
