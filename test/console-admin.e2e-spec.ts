import type { Browser, Page } from 'playwright-core';
import { DemoOrgIds, seedDemoOrg } from '../src/sandbox/salesforce';
import { launchBrowser, openPage, screenshot } from './support/browser';
import { ADMIN_KEY, startTestStack, TestStack } from './support/test-app';

interface SyncStatusBody {
  watermarks: { object: string; lastModstamp: string }[];
  outboxDepth: number;
  outboxParked: number;
  outbox: { pending: Record<string, number>; parked: Record<string, number>; recentlyParked: { id: number; lastError: string | null }[] };
  apiBudget: { dailyUsed: number | null; dailyMax: number | null; pauseAtShare: number; paused: boolean; callsMade: number };
  jobs: Record<string, { lastRun: { runId: string; status: string; stats: Record<string, number> } | null }>;
}

/**
 * The admin pages of the web console (CONTRACT §7: `/admin` with links named Numbers, Requests,
 * Mapping, Sync and Consent, each a page of its own), driven in headless Chromium by the visible
 * names of their controls against the real service and the Salesforce and Twilio stand-ins.
 * Each test leaves a screenshot in test/artifacts/.
 */
describe('web console: admin pages', () => {
  let t: TestStack;
  let browser: Browser;
  let demo: DemoOrgIds;
  let alice: { id: string; apiKey: string };
  let bob: { id: string; apiKey: string };
  const fmt = new Intl.NumberFormat('en-US');

  const as = (key: string) => ({
    get: <T>(path: string) => t.http().get(path).set('Authorization', `Bearer ${key}`).then((r) => ({ status: r.status, body: r.body as T })),
    post: <T>(path: string, body?: object) => t.http().post(path).set('Authorization', `Bearer ${key}`).send(body).then((r) => ({ status: r.status, body: r.body as T })),
  });

  async function signedIn(key: string, path: string): Promise<{ page: Page; consoleErrors: string[]; foreignRequests: string[] }> {
    const opened = await openPage(browser, t.url);
    await opened.page.goto(t.url + path);
    await opened.page.getByRole('textbox', { name: 'API key' }).fill(key);
    await opened.page.getByRole('button', { name: 'Sign in' }).click();
    await opened.page.getByRole('button', { name: 'Sign out' }).waitFor();
    return opened;
  }

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestStack(), launchBrowser()]);
    demo = seedDemoOrg(t.salesforce);
    const user = async (salesforceUserId: string, name: string) => {
      const made = await t.admin<{ id: string; apiKey: string }>('post', '/api/admin/users', { salesforceUserId, name, email: `${name.split(' ')[0].toLowerCase()}@demo.example`, role: 'rep' });
      expect(made.status).toBe(201);
      return made.body;
    };
    alice = await user(demo.users.alice, 'Alice Rep');
    bob = await user(demo.users.bob, 'Bob Rep');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows /admin to admins only: five links, each to a page of its own; a rep gets a clear message', async () => {
    const rep = await signedIn(alice.apiKey, '/admin');
    try {
      await rep.page.getByRole('heading', { name: 'Admins only' }).waitFor();
      expect(await rep.page.getByRole('alert').textContent()).toMatch(/admin pages are for admins/i);
      expect(await rep.page.getByRole('navigation', { name: 'Admin' }).count()).toBe(0);
      expect(await rep.page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
      await screenshot(rep.page, 'console-admin-rep-refused');
    } finally {
      await rep.page.context().close();
    }

    const { page, consoleErrors, foreignRequests } = await signedIn(ADMIN_KEY, '/admin');
    try {
      await page.getByRole('heading', { name: 'Admin', exact: true }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Admin' });
      expect(await nav.getByRole('link').allTextContents()).toEqual(['Numbers', 'Requests', 'Mapping', 'Sync', 'Consent']);
      await screenshot(page, 'console-admin-overview');
      for (const [name, path] of [
        ['Numbers', '/admin/numbers'],
        ['Requests', '/admin/requests'],
        ['Mapping', '/admin/mapping'],
        ['Sync', '/admin/sync'],
        ['Consent', '/admin/consent'],
      ]) {
        // by the name alone, as the contract's checks do: exactly one link answers to it
        await page.getByRole('link', { name }).click();
        await page.getByRole('heading', { level: 1, name }).waitFor();
        expect(page.url()).toBe(t.url + path);
        expect(await page.getByRole('link', { name }).getAttribute('aria-current')).toBe('page');
        // focus moves to the new page's heading
        expect(await page.evaluate('document.activeElement?.tagName')).toBe('H1');
      }
      // each page is an address of its own: a reload stays there
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Consent' }).waitFor();
      // the menu works from the keyboard
      await page.getByRole('link', { name: 'Numbers' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Numbers' }).waitFor();
      expect(foreignRequests).toEqual([]);
      expect(consoleErrors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('Numbers: an admin adds a number to a rep, is told why a foreign one is refused, and enables SMS on it', async () => {
    const { page, consoleErrors } = await signedIn(ADMIN_KEY, '/admin/numbers');
    try {
      await page.getByRole('heading', { level: 1, name: 'Numbers' }).waitFor();
      await page.getByRole('combobox', { name: 'User' }).selectOption({ label: 'Bob Rep (rep)' });
      const phone = page.getByRole('textbox', { name: 'Phone number' });
      await phone.fill('+44 20 7946 0958');
      await page.getByRole('button', { name: 'Add number' }).click();
      const refused = page.getByRole('alert');
      await refused.waitFor();
      expect(await refused.textContent()).toMatch(/United States and Canada/);
      expect(await phone.getAttribute('aria-invalid')).toBe('true');

      await phone.fill('(416) 555-0177');
      await page.getByRole('button', { name: 'Add number' }).click();
      await page.getByRole('status').getByText('Added +14165550177 to Bob Rep.').waitFor();
      const row = page.getByRole('row', { name: /\+14165550177/ });
      expect(await row.textContent()).toMatch(/Direct.*Not enabled/);
      await screenshot(page, 'console-admin-numbers-added');

      await page.getByRole('button', { name: 'Enable SMS on +14165550177' }).click();
      await page.getByRole('status').getByText('SMS is now enabled on +14165550177 (Bob Rep).').waitFor();
      await row.getByText('SMS enabled').waitFor();
      expect(await page.getByRole('button', { name: 'Enable SMS on +14165550177' }).count()).toBe(0);
      await screenshot(page, 'console-admin-numbers-enabled');

      const me = await as(bob.apiKey).get<{ smsEnabled: boolean; senderNumbers: { phoneNumber: string; smsEnabled: boolean }[] }>('/api/me');
      expect(me.body).toMatchObject({ smsEnabled: true, senderNumbers: [{ phoneNumber: '+14165550177', smsEnabled: true }] });
      expect(consoleErrors.filter((e) => !/422/.test(e))).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('Requests: an admin approves a rep’s SMS request and the rep can send (Send appears)', async () => {
    const number = await t.admin<{ id: string }>('post', '/api/admin/numbers', { phoneNumber: '+12125550190', userId: alice.id, kind: 'direct', smsEnabled: false });
    expect(number.status).toBe(201);
    await runJob('mirror');
    const before = await as(alice.apiKey).get<{ canSend: boolean; blockedReason: string | null }>(`/api/records/${demo.contacts.jane}/sms`);
    expect(before.body).toMatchObject({ canSend: false, blockedReason: 'NO_SMS_NUMBER' });
    const asked = await as(alice.apiKey).post<{ id: string; status: string }>(`/api/numbers/${number.body.id}/sms-requests`);
    expect(asked).toMatchObject({ status: 201, body: { status: 'pending' } });

    const rep = await signedIn(alice.apiKey, `/records/${demo.contacts.jane}`);
    const { page, consoleErrors } = await signedIn(ADMIN_KEY, '/admin');
    try {
      // the rep's record screen: no Send while the number is not SMS-enabled
      await rep.page.getByRole('heading', { name: /Jane Doe/ }).first().waitFor();
      await rep.page.getByRole('textbox', { name: 'Message' }).waitFor();
      expect(await rep.page.getByRole('button', { name: 'Send' }).count()).toBe(0);
      await screenshot(rep.page, 'console-admin-requests-rep-before');

      await page.getByRole('link', { name: 'Requests' }).click();
      await page.getByRole('heading', { name: 'Pending (1)' }).waitFor();
      const pending = page.getByRole('table', { name: 'Pending (1)' });
      expect(await pending.getByRole('row', { name: /Alice Rep/ }).textContent()).toContain('+12125550190');
      await screenshot(page, 'console-admin-requests-pending');

      await page.getByRole('button', { name: 'Approve SMS on +12125550190 for Alice Rep' }).click();
      await page.getByRole('status').getByText('Approved: Alice Rep can now text from +12125550190.').waitFor();
      await page.getByRole('heading', { name: 'Pending (0)' }).waitFor();
      expect(await page.getByRole('table', { name: 'Decided recently' }).getByRole('row', { name: /Alice Rep/ }).textContent()).toMatch(/Approved.*Bootstrap admin/);
      await screenshot(page, 'console-admin-requests-approved');

      // the rep's side: the number is SMS-enabled and the record's Send is offered
      const after = await as(alice.apiKey).get<{ canSend: boolean; senderNumbers: { phoneNumber: string }[] }>(`/api/records/${demo.contacts.jane}/sms`);
      expect(after.body).toMatchObject({ canSend: true, senderNumbers: [{ phoneNumber: '+12125550190' }] });
      await rep.page.reload();
      await rep.page.getByRole('button', { name: 'Send' }).waitFor();
      expect(await rep.page.getByRole('combobox', { name: 'From' }).textContent()).toContain('+12125550190');
      await screenshot(rep.page, 'console-admin-requests-rep-after');
      expect(consoleErrors).toEqual([]);
    } finally {
      await rep.page.context().close();
      await page.context().close();
    }
  });

  it('Sync: the figures on the page are those of GET /api/admin/sync/status; runs a job, parks and requeues a write', async () => {
    t.salesforce.setApiUsage(12_345, 15_000);
    // a message whose Task Salesforce refuses: the activity flush parks it with the reason
    const removeRule = t.salesforce.addValidationRule('Task', (task) => (String(task.Description).includes('parked on purpose') ? 'Tasks about parking are refused' : null));
    await aliceTextsFrom('+12125550190');

    const { page, consoleErrors } = await signedIn(ADMIN_KEY, '/admin/sync');
    try {
      await page.getByRole('heading', { level: 1, name: 'Sync' }).waitFor();
      await page.getByRole('button', { name: 'Run mirror' }).click();
      await page.getByRole('status').getByText(/^mirror succeeded/).waitFor();
      const sent = await as(alice.apiKey).post<{ id: string }>('/api/messages', { recordId: demo.contacts.jane, from: '+12125550190', to: '+12125550101', body: 'Hello Jane, parked on purpose' });
      expect(sent).toMatchObject({ status: 201 });
      await page.getByRole('button', { name: 'Run activity-flush' }).click();
      await page.getByRole('status').getByText(/^activity-flush succeeded/).waitFor();
      await page.getByRole('heading', { name: 'Parked writes (1)' }).waitFor();
      await expectFiguresMatch(page);
      const parked = page.getByRole('table', { name: 'Parked writes (1)' });
      expect(await parked.textContent()).toContain('Tasks about parking are refused');
      expect(await page.getByRole('meter', { name: 'API calls used today' }).getAttribute('aria-valuetext')).toMatch(/of 15,000 .*syncs pause at 90%/);
      await screenshot(page, 'console-admin-sync');

      // requeue it: waiting again; Salesforce accepts it now and the next flush logs it
      removeRule();
      const status = await t.admin<SyncStatusBody>('get', '/api/admin/sync/status');
      await page.getByRole('button', { name: `Requeue parked write #${status.body.outbox.recentlyParked[0].id}` }).click();
      await page.getByRole('status').getByText('1 parked write put back in the queue; the next activity flush retries it.').waitFor();
      await page.getByRole('heading', { name: 'Parked writes (0)' }).waitFor();
      expect(await page.locator('[data-figure="outbox-pending-task_upsert"]').textContent()).toBe('1');
      await page.getByRole('button', { name: 'Run activity-flush' }).click();
      await page.getByRole('status').getByText(/^activity-flush succeeded/).waitFor();
      // a locator, not waitForFunction: the console's CSP refuses the eval a string predicate needs
      await page.locator('[data-figure="outbox-depth"]').filter({ hasText: /^0$/ }).waitFor();
      await expectFiguresMatch(page);
      expect(t.salesforce.table('Task').filter((task) => task.SMS_Message_Id__c === sent.body.id)).toHaveLength(1);
      await screenshot(page, 'console-admin-sync-after-requeue');

      expect(consoleErrors).toEqual([]);
    } finally {
      removeRule();
      await page.context().close();
    }
  });

  it('Mapping: each problem of a bad mapping is shown at its field, nothing is saved; fixed, it saves', async () => {
    const { page, consoleErrors } = await signedIn(ADMIN_KEY, '/admin/mapping');
    try {
      await page.getByRole('heading', { level: 1, name: 'Mapping' }).waitFor();
      const contact = page.getByRole('group', { name: 'Contact' });
      const lead = page.getByRole('group', { name: 'Lead' });
      await contact.getByRole('textbox', { name: 'Do-Not-SMS field' }).fill('Do_Not_SMS');
      await lead.getByRole('textbox', { name: 'Enrollment field' }).fill('Phone');
      await page.getByRole('checkbox', { name: 'Link the open Opportunity' }).check();
      await page.getByRole('button', { name: 'Save mapping' }).click();

      const summary = page.getByRole('alert').filter({ hasText: 'Not saved' });
      await summary.waitFor();
      expect(await summary.getByRole('heading').textContent()).toMatch(/Not saved: \d+ problems to fix/);
      const dnsms = contact.getByRole('textbox', { name: 'Do-Not-SMS field' });
      expect(await dnsms.getAttribute('aria-invalid')).toBe('true');
      expect(await describedBy(page, dnsms)).toContain('Contact.Do_Not_SMS (doNotSmsField) does not exist in the org.');
      const enrolled = lead.getByRole('textbox', { name: 'Enrollment field' });
      expect(await enrolled.getAttribute('aria-invalid')).toBe('true');
      expect(await describedBy(page, enrolled)).toMatch(/Lead\.Phone \(enrolledField\) is of type phone; expected boolean\./);
      expect(await describedBy(page, enrolled)).toMatch(/named as enrolledField and as phoneFields\[1\]/);
      // the fields without a problem are not marked
      expect(await contact.getByRole('textbox', { name: 'Enrollment field' }).getAttribute('aria-invalid')).toBeNull();
      // the summary links lead to the field
      await summary.getByRole('link', { name: /Contact\.Do_Not_SMS/ }).click();
      expect(await page.evaluate('document.activeElement?.id')).toBe('mapping-people-0-doNotSmsField');
      await screenshot(page, 'console-admin-mapping-problems');
      const unsaved = await t.admin<{ people: { doNotSmsField: string }[]; activity: { linkOpenOpportunity: boolean }; meta: { source: string } }>('get', '/api/admin/crm-mapping');
      expect(unsaved.body).toMatchObject({ people: [{ doNotSmsField: 'Do_Not_SMS__c' }, {}], activity: { linkOpenOpportunity: false }, meta: { source: 'file' } });

      await dnsms.fill('Do_Not_SMS__c');
      await enrolled.fill('SMS_Enrolled__c');
      await page.getByRole('button', { name: 'Save mapping' }).click();
      await page.getByRole('status').getByText(/^Mapping saved/).waitFor();
      expect(await page.getByText('Not saved').count()).toBe(0);
      expect(await dnsms.getAttribute('aria-invalid')).toBeNull();
      await screenshot(page, 'console-admin-mapping-saved');
      const saved = await t.admin<{ people: { object: string; doNotSmsField: string; enrolledField: string }[]; activity: { linkOpenOpportunity: boolean }; meta: { source: string } }>(
        'get',
        '/api/admin/crm-mapping',
      );
      expect(saved.body).toMatchObject({
        people: [{ object: 'Contact', doNotSmsField: 'Do_Not_SMS__c' }, { object: 'Lead', enrolledField: 'SMS_Enrolled__c' }],
        activity: { linkOpenOpportunity: true },
        meta: { source: 'saved' },
      });
      expect(consoleErrors.filter((e) => !/422/.test(e))).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('Consent: the ledger of a phone number, looked up by phone', async () => {
    await aliceTextsFrom('+12125550190');
    await runJob('mirror');
    // Jane texts STOP: her number is opted out org-wide, with the message that did it
    await t.twilio.sendInbound({ from: '+12125550101', to: '+12125550190', body: 'STOP' });
    await waitFor(async () => (await t.admin<{ optedOut: boolean }>('get', '/api/admin/consent?phone=%2B12125550101')).body.optedOut);

    const { page, consoleErrors } = await signedIn(ADMIN_KEY, '/admin/consent');
    try {
      const phone = page.getByRole('textbox', { name: 'Phone number' });
      await phone.fill('12');
      await page.getByRole('button', { name: 'Look up' }).click();
      await page.getByRole('alert').getByText(/not a valid phone number/).waitFor();

      await phone.fill('(212) 555-0101');
      await phone.press('Enter');
      await page.getByText(/^Opted out since .* \(STOP keyword\): no rep can text this number\.$/).waitFor();
      expect(await page.getByRole('listitem').filter({ hasText: 'Jane Doe' }).textContent()).toContain('Contact');
      const ledger = page.getByRole('table', { name: 'Ledger' });
      expect(await ledger.getByRole('row').count()).toBe(2);
      expect(await ledger.getByRole('row').nth(1).textContent()).toMatch(/Opted out.*STOP keyword.*STOP/);
      await screenshot(page, 'console-admin-consent');
      expect(consoleErrors.filter((e) => !/422/.test(e))).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  /** Every figure the Sync page shows, against the API's answer at the same moment. */
  async function expectFiguresMatch(page: Page): Promise<void> {
    const { body: s } = await t.admin<SyncStatusBody>('get', '/api/admin/sync/status');
    const figure = (name: string) => page.locator(`[data-figure="${name}"]`).first().textContent();
    expect(await figure('api-used')).toBe(fmt.format(s.apiBudget.dailyUsed!));
    expect(await figure('api-max')).toBe(fmt.format(s.apiBudget.dailyMax!));
    expect(await figure('api-pause')).toBe(`${Math.round(s.apiBudget.pauseAtShare * 100)}% (${fmt.format(Math.floor(s.apiBudget.pauseAtShare * s.apiBudget.dailyMax!))} calls)`);
    expect(await figure('api-paused')).toBe(s.apiBudget.paused ? 'Paused' : 'Running');
    expect(await figure('api-calls-made')).toBe(fmt.format(s.apiBudget.callsMade));
    expect(await figure('outbox-depth')).toBe(fmt.format(s.outboxDepth));
    expect(await figure('outbox-parked')).toBe(fmt.format(s.outboxParked));
    for (const kind of ['task_upsert', 'task_status', 'do_not_sms']) {
      expect(await figure(`outbox-pending-${kind}`)).toBe(fmt.format(s.outbox.pending[kind]));
      expect(await figure(`outbox-parked-${kind}`)).toBe(fmt.format(s.outbox.parked[kind]));
    }
    expect(await page.locator('[data-parked-id]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-parked-id'))))).toEqual(
      s.outbox.recentlyParked.map((p) => p.id),
    );
    expect(s.watermarks.length).toBeGreaterThan(0);
    for (const w of s.watermarks) {
      expect(await page.locator(`[data-figure="watermark-${w.object}"]`).getAttribute('data-value')).toBe(w.lastModstamp);
    }
    for (const [job, j] of Object.entries(s.jobs)) {
      const status = await figure(`job-status-${job}`);
      if (!j.lastRun) {
        expect(status).toContain('never ran');
        continue;
      }
      expect({ job, status }).toEqual({ job, status: expect.stringContaining(j.lastRun.status) });
      const { salesforceApiCalls, durationMs: _duration, ...rest } = j.lastRun.stats;
      expect(await figure(`job-api-calls-${job}`)).toBe(salesforceApiCalls === undefined ? '—' : fmt.format(salesforceApiCalls));
      const shown = await page
        .locator(`[data-figure="job-figures-${job}"] [data-stat]`)
        .evaluateAll((spans) => Object.fromEntries(spans.map((s) => [s.getAttribute('data-stat'), s.textContent])));
      expect(shown).toEqual(Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, fmt.format(v)])));
    }
  }

  /** Alice holds this SMS-enabled number (whichever tests ran before). */
  async function aliceTextsFrom(phoneNumber: string): Promise<void> {
    const added = await t.admin<{ id: string }>('post', '/api/admin/numbers', { phoneNumber, userId: alice.id, kind: 'direct', smsEnabled: true });
    expect([201, 409]).toContain(added.status);
    const numbers = await t.admin<{ id: string; phoneNumber: string; smsEnabled: boolean }[]>('get', `/api/admin/numbers?userId=${alice.id}`);
    const number = numbers.body.find((n) => n.phoneNumber === phoneNumber)!;
    if (!number.smsEnabled) {
      const request = await t.admin<{ id: string }>('post', `/api/numbers/${number.id}/sms-requests`);
      expect((await t.admin('post', `/api/admin/sms-requests/${request.body.id}/approve`)).status).toBe(200);
    }
  }

  /** Runs a job through the API to its end. */
  async function runJob(job: string): Promise<void> {
    const started = await t.admin<{ runId: string }>('post', `/api/admin/sync/${job}`);
    expect(started.status).toBe(202);
    await waitFor(async () => (await t.admin<{ status: string }>('get', `/api/admin/sync/runs/${started.body.runId}`)).body.status !== 'running');
    expect((await t.admin<{ status: string }>('get', `/api/admin/sync/runs/${started.body.runId}`)).body.status).toBe('succeeded');
  }
});

async function describedBy(page: Page, locator: ReturnType<Page['locator']>): Promise<string> {
  const ids = (await locator.getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(ids.split(/\s+/).filter(Boolean).map((id) => page.locator(`#${id}`).textContent()));
  return texts.join(' ');
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
