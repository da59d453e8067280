import { useState } from 'preact/hooks';
import { adminApi, SmsRequestView, UserView } from './admin-api';
import { formatTime } from './format';
import { useResource } from './use-resource';
import { ErrorAlert, Loading, PageHeader, StatusLine } from './ui';

/** Pending SMS-enable requests: approve (the number becomes SMS-enabled) or reject; the latest decisions below. */
export function RequestsPage() {
  const data = useResource(async () => {
    const [requests, users] = await Promise.all([adminApi.requests(), adminApi.users()]);
    return { requests, users: new Map(users.map((u) => [u.id, u])) };
  });
  const [status, setStatus] = useState<string | null>(null);
  const [actionError, setActionError] = useState<Error | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  async function decide(request: SmsRequestView, decision: 'approve' | 'reject') {
    const who = data.data?.users.get(request.userId)?.name ?? 'the rep';
    setBusyId(request.id);
    setStatus(null);
    setActionError(null);
    try {
      await adminApi.decide(request.id, decision);
      setStatus(
        decision === 'approve'
          ? `Approved: ${who} can now text from ${request.phoneNumber ?? 'the number'}.`
          : `Rejected: SMS stays off on ${request.phoneNumber ?? 'the number'} (${who}).`,
      );
    } catch (e) {
      setActionError(e as Error);
    } finally {
      setBusyId(null);
      await data.reload();
    }
  }

  const pending = data.data?.requests.filter((r) => r.status === 'pending') ?? [];
  const decided = (data.data?.requests.filter((r) => r.status !== 'pending') ?? [])
    .sort((a, b) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? ''))
    .slice(0, 20);
  const userName = (id: string | null, users: Map<string, UserView>) => (id ? (users.get(id)?.name ?? (id === 'bootstrap-admin' ? 'Bootstrap admin' : id)) : '—');

  return (
    <section>
      <PageHeader title="Requests" onRefresh={() => void data.reload()} busy={data.loading}>
        Reps ask to have SMS enabled on one of their numbers. Approving enables it at once.
      </PageHeader>
      <ErrorAlert error={data.error} />
      <StatusLine message={status} />
      <ErrorAlert error={actionError} />
      {!data.data ? (
        !data.error && <Loading what="requests" />
      ) : (
        <>
          <h2 id="pending-heading">Pending ({pending.length})</h2>
          {pending.length === 0 ? (
            <p class="empty-state">No requests are waiting.</p>
          ) : (
            <table class="grid" aria-labelledby="pending-heading">
              <thead>
                <tr>
                  <th scope="col">Rep</th>
                  <th scope="col">Number</th>
                  <th scope="col">Asked</th>
                  <th scope="col">
                    <span class="visually-hidden">Decision</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {pending.map((r) => {
                  const rep = userName(r.userId, data.data!.users);
                  return (
                    <tr key={r.id}>
                      <th scope="row">{rep}</th>
                      <td class="mono">{r.phoneNumber ?? '—'}</td>
                      <td>{formatTime(r.createdAt)}</td>
                      <td class="actions">
                        <button type="button" class="primary" disabled={busyId !== null} aria-label={`Approve SMS on ${r.phoneNumber} for ${rep}`} onClick={() => void decide(r, 'approve')}>
                          Approve
                        </button>
                        <button type="button" disabled={busyId !== null} aria-label={`Reject SMS on ${r.phoneNumber} for ${rep}`} onClick={() => void decide(r, 'reject')}>
                          Reject
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          <h2 id="decided-heading">Decided recently</h2>
          {decided.length === 0 ? (
            <p class="empty-state">Nothing decided yet.</p>
          ) : (
            <table class="grid" aria-labelledby="decided-heading">
              <thead>
                <tr>
                  <th scope="col">Rep</th>
                  <th scope="col">Number</th>
                  <th scope="col">Decision</th>
                  <th scope="col">By</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {decided.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{userName(r.userId, data.data!.users)}</th>
                    <td class="mono">{r.phoneNumber ?? '—'}</td>
                    <td>
                      <span class={r.status === 'approved' ? 'tag ok' : 'tag bad'}>{r.status === 'approved' ? 'Approved' : 'Rejected'}</span>
                    </td>
                    <td>{userName(r.decidedBy, data.data!.users)}</td>
                    <td>{formatTime(r.decidedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
