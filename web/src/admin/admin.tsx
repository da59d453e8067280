import type { ComponentChildren } from 'preact';
import type { Me } from '../api';
import { Link, navigate } from '../router';
import { ConsentPage } from './consent-page';
import { MappingPage } from './mapping-page';
import { NumbersPage } from './numbers-page';
import { RequestsPage } from './requests-page';
import { SyncPage } from './sync-page';
import './admin.css';

/** The admin pages (CONTRACT §7): `/admin` and one page per section, each at its own address. */
const SECTIONS = [
  { path: '/admin/numbers', name: 'Numbers', about: 'Users and the numbers they text from: add a number, enable SMS on it.', Page: NumbersPage },
  { path: '/admin/requests', name: 'Requests', about: 'Reps’ requests to have SMS enabled on a number: approve or reject them.', Page: RequestsPage },
  { path: '/admin/mapping', name: 'Mapping', about: 'Which Salesforce objects and fields the service reads and writes, checked against your org before it is saved.', Page: MappingPage },
  { path: '/admin/sync', name: 'Sync', about: 'Salesforce sync health: API budget, the outbox and parked writes, watermarks, job runs.', Page: SyncPage },
  { path: '/admin/consent', name: 'Consent', about: 'Who opted a number out or back in, when and how.', Page: ConsentPage },
] as const;

export function AdminArea(props: { path: string; me: Me }) {
  if (props.me.role !== 'admin') {
    return (
      <section class="admin-denied">
        <h1 tabIndex={-1}>Admins only</h1>
        <p role="alert" class="notice">
          The admin pages are for admins. You are signed in as {props.me.name}, a rep, so they are not shown to you.
        </p>
        <p>
          <Link href="/">Go to the start page</Link>
        </p>
      </section>
    );
  }
  const path = props.path.replace(/\/+$/, '') || '/';
  const section = SECTIONS.find((s) => s.path === path);
  return (
    <div class="admin">
      <nav aria-label="Admin" class="admin-nav">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.path}>
              <NavLink href={s.path} current={s.path === path}>
                {s.name}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div class="admin-page">{section ? <section.Page /> : path === '/admin' ? <Overview /> : <NotFound path={props.path} />}</div>
    </div>
  );
}

function NavLink(props: { href: string; current: boolean; children: ComponentChildren }) {
  return (
    <a
      href={props.href}
      aria-current={props.current ? 'page' : undefined}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(props.href);
      }}
    >
      {props.children}
    </a>
  );
}

function Overview() {
  return (
    <section>
      <h1 tabIndex={-1}>Admin</h1>
      <p class="muted">Choose a page in the menu.</p>
      <dl class="overview">
        {SECTIONS.map((s) => (
          <div key={s.path}>
            <dt>{s.name}</dt>
            <dd>{s.about}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function NotFound(props: { path: string }) {
  return (
    <section>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        There is no admin page at <code>{props.path}</code>. Choose one in the menu.
      </p>
    </section>
  );
}
