import type { Me } from './api';

/** The start page: who is signed in and the numbers they text from. */
export function Home(props: { me: Me }) {
  const { me } = props;
  return (
    <section>
      <h1 tabIndex={-1}>Welcome, {me.name}</h1>
      <h2>Your numbers</h2>
      {me.senderNumbers.length === 0 ? (
        <p>You hold no numbers yet. Ask your admin to assign you one.</p>
      ) : (
        <ul class="plain">
          {me.senderNumbers.map((n) => (
            <li key={n.id}>
              <span class="mono">{n.phoneNumber}</span> · {n.kind === 'direct' ? 'direct' : 'local presence'} ·{' '}
              {n.smsEnabled ? 'SMS enabled' : 'SMS not enabled'}
            </li>
          ))}
        </ul>
      )}
      {!me.smsEnabled && <p class="notice">You cannot send SMS yet: none of your direct numbers is SMS-enabled.</p>}
    </section>
  );
}
