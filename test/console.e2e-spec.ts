import type { Browser, Page } from 'playwright-core';
import { DemoOrgIds, seedDemoOrg } from '../src/sandbox/salesforce';
import { launchBrowser, openPage, screenshot } from './support/browser';
import { ADMIN_KEY, startTestStack, TestStack } from './support/test-app';

/**
 * The web console (CONTRACT §7) driven in headless Chromium the way a person uses it: by the
 * visible names of its controls, against the real service and the Salesforce and Twilio
 * stand-ins. Each test leaves a screenshot in test/artifacts/.
 */
describe('web console', () => {
  let t: TestStack;
  let browser: Browser;
  let demo: DemoOrgIds;
  let alice: { id: string; apiKey: string };
  const ALICE_NUMBER = '+12125550190';

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestStack(), launchBrowser()]);
    demo = seedDemoOrg(t.salesforce);
    const made = await t.admin<{ id: string; apiKey: string }>('post', '/api/admin/users', {
      salesforceUserId: demo.users.alice,
      name: 'Alice Rep',
      email: 'alice@demo.example',
      role: 'rep',
    });
    expect(made.status).toBe(201);
    alice = made.body;
    expect((await t.admin('post', '/api/admin/numbers', { phoneNumber: ALICE_NUMBER, userId: alice.id, kind: 'direct', smsEnabled: true })).status).toBe(201);
    await runJob('mirror');
  });

  async function runJob(job: string): Promise<void> {
    const started = await t.admin<{ runId: string }>('post', `/api/admin/sync/${job}`);
    expect(started.status).toBe(202);
    for (let i = 0; i < 400; i++) {
      const run = await t.admin<{ status: string }>('get', `/api/admin/sync/runs/${started.body.runId}`);
      if (run.body.status !== 'running') return expect(run.body.status).toBe('succeeded');
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`${job} did not finish`);
  }

  /** Opens `path` and signs in there with `key`. */
  async function signedIn(path: string, key: string): Promise<Page> {
    const { page } = await openPage(browser, t.url);
    await page.goto(t.url + path);
    await page.getByRole('textbox', { name: 'API key' }).fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    return page;
  }
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('is served by the service at / and at its pages; other unknown paths keep the contract’s 404', async () => {
    for (const path of ['/', `/records/${demo.contacts.jane}`, '/admin', '/admin/sync']) {
      const page = await t.http().get(path);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['content-security-policy']).toContain("default-src 'self'");
      expect(page.text).toContain('<div id="app"></div>');
    }
    const script = /src="(\/assets\/[^"]+\.js)"/.exec((await t.http().get('/')).text)?.[1];
    expect(script).toBeDefined();
    const asset = await t.http().get(script!);
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    for (const path of ['/api/nothing-here', '/health/nothing', '/metrics/x', '/webhooks/nothing', '/records', '/no-such-page', '/assets/missing.js']) {
      const res = await t.http().get(path);
      expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 404, body: { error: expect.objectContaining({ code: 'NOT_FOUND' }) } });
    }
    // the API and the OpenAPI UI are untouched: still JSON, still behind the key
    expect((await t.http().get('/docs')).status).toBe(200);
    expect((await t.http().get('/api/me')).status).toBe(401);
  });

  it('signs in with an API key: a bad key says so and stays; the key lives in the tab’s session, never in a URL; sign out', async () => {
    const { page, foreignRequests, consoleErrors } = await openPage(browser, t.url);
    try {
      await page.goto(t.url + '/');
      const key = page.getByRole('textbox', { name: 'API key' });
      await key.fill('not-a-real-key');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/not accepted/i);
      await screenshot(page, 'console-sign-in-bad-key');
      expect(await key.isVisible()).toBe(true);
      expect(await page.evaluate('sessionStorage.length')).toBe(0);

      await key.fill(alice.apiKey);
      await key.press('Enter');
      await page.getByRole('heading', { name: 'Find a record' }).waitFor();
      await page.getByText(ALICE_NUMBER).waitFor();
      expect(page.url()).toBe(t.url + '/');
      expect(await page.evaluate('Object.values(sessionStorage)')).toEqual([alice.apiKey]);
      await screenshot(page, 'console-signed-in');

      // a reload keeps the session (the key is checked again)
      await page.reload();
      await page.getByRole('heading', { name: 'Find a record' }).waitFor();

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('textbox', { name: 'API key' }).waitFor();
      expect(await page.evaluate('sessionStorage.length')).toBe(0);
      await screenshot(page, 'console-signed-out');

      expect(foreignRequests).toEqual([]);
      expect(consoleErrors.filter((e) => !/401/.test(e))).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('opens the page of its address after signing in there (deep link), for an admin too', async () => {
    const { page } = await openPage(browser, t.url);
    try {
      await page.goto(t.url + '/admin/anything');
      await page.getByRole('textbox', { name: 'API key' }).fill(ADMIN_KEY);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      expect(page.url()).toBe(t.url + '/admin/anything');
      await screenshot(page, 'console-deep-link-admin');
    } finally {
      await page.context().close();
    }
  });

  it('a rep finds a record, drafts with the live counter, sends, and sees the message delivered in the thread', async () => {
    const page = await signedIn('/', alice.apiKey);
    try {
      await page.getByRole('searchbox', { name: 'Name, phone number or Salesforce id' }).fill('jane');
      await page.getByRole('link', { name: 'Jane Doe' }).click();
      await page.getByRole('heading', { name: 'Jane Doe', level: 1 }).waitFor();
      expect(page.url()).toBe(`${t.url}/records/${demo.contacts.jane}`);

      const from = page.getByRole('combobox', { name: 'From' });
      expect(await from.inputValue()).toBe(ALICE_NUMBER);
      // Jane has a mobile and an office phone: the rep picks one
      const to = page.getByRole('combobox', { name: 'To' });
      expect(await to.locator('option').allTextContents()).toEqual(['Jane Doe · +12125550101', 'Jane Doe · +12125550111']);
      await to.selectOption('+12125550111');

      const message = page.getByRole('textbox', { name: 'Message' });
      const counter = page.getByTestId('sms-counter');
      expect(await counter.textContent()).toBe('0/160 · GSM-7 · 0 segments');
      await message.fill('It’s 5pm {ok}');
      expect(await counter.textContent()).toBe('13/70 · UCS-2 · 1 segment');
      expect(await page.locator('.ucs2').textContent()).toContain('’ (U+2019)');
      const body = 'Hi Jane, do you have 10 minutes tomorrow? {agenda attached}';
      await message.fill(body);
      expect(await counter.textContent()).toBe(`${body.length + 2}/160 · GSM-7 · 1 segment`);
      expect(await page.locator('.ucs2').count()).toBe(0);
      await screenshot(page, 'console-record-draft');

      await page.getByRole('button', { name: 'Send' }).click();
      const sent = page.getByRole('listitem').filter({ hasText: body });
      await sent.getByText('Delivered').waitFor({ timeout: 15_000 });
      expect(await message.inputValue()).toBe('');
      expect(t.twilio.created.map((m) => ({ from: m.from, to: m.to, body: m.body }))).toEqual([{ from: ALICE_NUMBER, to: '+12125550111', body }]);
      // the time is the rep's (the browser's zone: New York in these tests)
      expect(await sent.locator('time').textContent()).toMatch(/E[SD]T$/);
      await screenshot(page, 'console-record-sent-delivered');
    } finally {
      await page.context().close();
    }
  });

  it('a blocked prospect: the banner says why, typing stays possible, and Send is refused with the reason, nothing sent', async () => {
    const before = t.twilio.created.length;
    const page = await signedIn(`/records/${demo.contacts.omar}`, alice.apiKey);
    try {
      await page.getByRole('heading', { name: 'Omar Haddad', level: 1 }).waitFor();
      const alert = page.getByRole('alert');
      expect(await alert.textContent()).toContain('Do-Not-Call');
      const message = page.getByRole('textbox', { name: 'Message' });
      await message.fill('Hello Omar');
      expect(await message.inputValue()).toBe('Hello Omar');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('alert').filter({ hasText: 'Not sent' }).waitFor();
      expect(await page.getByRole('alert').textContent()).toMatch(/^Not sent: .*Do-Not-Call/);
      expect(await message.inputValue()).toBe('Hello Omar');
      expect(t.twilio.created).toHaveLength(before);
      await screenshot(page, 'console-record-blocked');
    } finally {
      await page.context().close();
    }
  });

  it('a rep with no SMS-enabled number sees no Send and can ask for SMS on a number', async () => {
    const bob = (await t.admin<{ id: string; apiKey: string }>('post', '/api/admin/users', { salesforceUserId: demo.users.bob, name: 'Bob Rep', email: 'bob@demo.example', role: 'rep' })).body;
    const number = (await t.admin<{ id: string }>('post', '/api/admin/numbers', { phoneNumber: '+14165550192', userId: bob.id, kind: 'direct', smsEnabled: false })).body;
    const page = await signedIn(`/records/${demo.contacts.mei}`, bob.apiKey);
    try {
      await page.getByRole('heading', { name: 'Mei Chen', level: 1 }).waitFor();
      expect(await page.getByRole('button', { name: 'Send' }).count()).toBe(0);
      expect(await page.getByRole('combobox', { name: 'From' }).count()).toBe(0);
      await page.getByRole('textbox', { name: 'Message' }).fill('A draft');
      await page.getByRole('button', { name: 'Request SMS on +14165550192' }).click();
      await page.getByText('Requested: an admin will review it.').waitFor();
      const requests = await t.admin<{ numberId: string; status: string }[]>('get', '/api/admin/sms-requests');
      expect(requests.body).toEqual([expect.objectContaining({ numberId: number.id, status: 'pending' })]);
      await screenshot(page, 'console-record-no-sms-number');
    } finally {
      await page.context().close();
    }
  });

  it('opens a record by its id, and says so when there is no such record', async () => {
    const page = await signedIn('/', alice.apiKey);
    try {
      const find = page.getByRole('searchbox', { name: 'Name, phone number or Salesforce id' });
      await find.fill(demo.accounts.acme.slice(0, 15));
      await find.press('Enter');
      await page.getByRole('heading', { name: 'Acme Corp', level: 1 }).waitFor();
      // an Account's recipients are its enrolled Contacts
      expect(await page.getByRole('combobox', { name: 'To' }).locator('option').allTextContents()).toEqual(
        expect.arrayContaining(['Jane Doe · +12125550101', 'Omar Haddad · +14155550102']),
      );
      await page.goto(`${t.url}/records/003000000000000AAA`);
      await page.getByText('No Contact, Lead, Account or Task with id 003000000000000AAA').waitFor();
      await screenshot(page, 'console-record-not-found');
    } finally {
      await page.context().close();
    }
  });

  it('a reply pops up live on any page as a link that opens its record; the record’s thread takes the next reply at once; the unread list', async () => {
    const page = await signedIn('/', alice.apiKey);
    try {
      await page.getByRole('heading', { name: 'Find a record' }).waitFor();
      await t.twilio.sendInbound({ from: '+12125550101', to: ALICE_NUMBER, body: 'Yes, tomorrow at 10 works' });
      const popup = page.getByRole('region', { name: 'New replies' }).getByRole('link', { name: 'Reply from Jane Doe' });
      await popup.waitFor();
      await page.getByRole('link', { name: 'Replies (1 unread)' }).waitFor();
      await screenshot(page, 'console-reply-popup');

      await popup.click();
      await page.getByRole('heading', { name: 'Jane Doe', level: 1 }).waitFor();
      expect(page.url()).toBe(`${t.url}/records/${demo.contacts.jane}`);
      const received = page.getByRole('listitem').filter({ hasText: 'Yes, tomorrow at 10 works' });
      await received.getByText('Received').waitFor();
      await page.getByRole('link', { name: 'Replies', exact: true }).waitFor();
      const listed = await t.http().get('/api/notifications').set('Authorization', `Bearer ${alice.apiKey}`);
      expect(listed.body).toEqual([expect.objectContaining({ prospectName: 'Jane Doe', preview: 'Yes, tomorrow at 10 works', read: true })]);

      // on the record itself: the next reply joins the thread without a reload, the draft kept
      await page.getByRole('textbox', { name: 'Message' }).fill('Great, see you then');
      await t.twilio.sendInbound({ from: '+12125550101', to: ALICE_NUMBER, body: 'Bringing my CTO too' });
      await page.getByRole('listitem').filter({ hasText: 'Bringing my CTO too' }).waitFor();
      expect(await page.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('Great, see you then');
      const items = await page.getByRole('list', { name: 'Messages, oldest first' }).getByRole('listitem').allTextContents();
      expect(items.map((text) => text.split('Received')[0].split('Delivered')[0])).toEqual([
        'Hi Jane, do you have 10 minutes tomorrow? {agenda attached}',
        'Yes, tomorrow at 10 works',
        'Bringing my CTO too',
      ]);
      await screenshot(page, 'console-reply-in-thread');

      await page.getByRole('link', { name: 'Replies (1 unread)' }).click();
      await page.getByRole('heading', { name: 'Replies', level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Unread (1)' }).waitFor();
      await screenshot(page, 'console-replies-page');
      await page.getByRole('button', { name: 'Mark all read' }).click();
      await page.getByRole('heading', { name: 'Unread (0)' }).waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('quiet hours where the recipient is: the banner gives their local time and the window, and Send is refused', async () => {
    // a window that excludes this minute in New York (Jane's 212 number)
    const [h, m] = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date()).split(':').map(Number);
    const at = (minutes: number) => {
      const v = (((h * 60 + m + minutes) % 1440) + 1440) % 1440;
      return `${String(Math.floor(v / 60)).padStart(2, '0')}:${String(v % 60).padStart(2, '0')}`;
    };
    const window = `${at(120)}-${at(180)}`;
    const quiet = await startTestStack({ QUIET_HOURS: window });
    try {
      const ids = seedDemoOrg(quiet.salesforce);
      const rep = (await quiet.admin<{ id: string; apiKey: string }>('post', '/api/admin/users', { salesforceUserId: ids.users.alice, name: 'Alice Rep', email: 'alice@demo.example', role: 'rep' })).body;
      await quiet.admin('post', '/api/admin/numbers', { phoneNumber: ALICE_NUMBER, userId: rep.id, kind: 'direct', smsEnabled: true });
      const started = await quiet.admin<{ runId: string }>('post', '/api/admin/sync/mirror');
      for (let i = 0; i < 400 && (await quiet.admin<{ status: string }>('get', `/api/admin/sync/runs/${started.body.runId}`)).body.status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
      const { page } = await openPage(browser, quiet.url);
      try {
        await page.goto(`${quiet.url}/records/${ids.contacts.jane}`);
        await page.getByRole('textbox', { name: 'API key' }).fill(rep.apiKey);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('heading', { name: 'Jane Doe', level: 1 }).waitFor();
        const banner = await page.getByRole('alert').textContent();
        expect(banner).toMatch(new RegExp(`Quiet hours: it is \\d{2}:\\d{2} where the recipient is; texts go out ${window} their time`));
        await page.getByRole('textbox', { name: 'Message' }).fill('Are you free now?');
        await page.getByRole('button', { name: 'Send' }).click();
        await page.getByRole('alert').filter({ hasText: 'Not sent' }).waitFor();
        expect(await page.getByRole('alert').textContent()).toContain('Not sent: Quiet hours');
        expect(quiet.twilio.created).toHaveLength(0);
        await screenshot(page, 'console-record-quiet-hours');
      } finally {
        await page.context().close();
      }
    } finally {
      await quiet.close();
    }
  });

  it('works from the keyboard alone: Tab from the heading reaches Message then Send; Ctrl+Enter sends too; focus is visible', async () => {
    const page = await signedIn(`/records/${demo.contacts.jane}`, alice.apiKey);
    try {
      await page.getByRole('heading', { name: 'Jane Doe', level: 1 }).waitFor();
      const focused = () => page.evaluate<string>("(document.activeElement.getAttribute('aria-label') || document.activeElement.labels?.[0]?.textContent || document.activeElement.textContent || '').trim()");
      const seen: string[] = [];
      for (let i = 0; i < 12 && (await focused()) !== 'Message'; i++) {
        await page.keyboard.press('Tab');
        seen.push(await focused());
      }
      expect(seen).toEqual(['Thread', 'From', 'To', 'Message']);
      const outline = await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle');
      expect(outline).toBe('solid');
      await page.keyboard.type('Typed with the keyboard');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('Send');
      await page.keyboard.press('Enter');
      await page.getByRole('listitem').filter({ hasText: 'Typed with the keyboard' }).waitFor();
      await page.getByRole('textbox', { name: 'Message' }).focus();
      await page.keyboard.type('And with Ctrl+Enter');
      await page.keyboard.press('Control+Enter');
      await page.getByRole('listitem').filter({ hasText: 'And with Ctrl+Enter' }).waitFor();
      expect(t.twilio.created.slice(-2).map((m) => m.body)).toEqual(['Typed with the keyboard', 'And with Ctrl+Enter']);
      await screenshot(page, 'console-keyboard-send');
    } finally {
      await page.context().close();
    }
  });

  it('a key revoked while signed in ends the session at the next call: back to Sign in, saying why', async () => {
    const carol = (await t.admin<{ id: string; apiKey: string }>('post', '/api/admin/users', { salesforceUserId: '005000000000077AAA', name: 'Carol Rep', email: 'carol@demo.example', role: 'rep' })).body;
    const page = await signedIn('/', carol.apiKey);
    try {
      expect((await t.http().delete(`/api/admin/users/${carol.id}/keys`).set('Authorization', `Bearer ${ADMIN_KEY}`)).status).toBe(204);
      // a search makes the next call; a background call (the reply stream) may find the key refused first
      // and end the session before the fill, which is the same outcome
      await page
        .getByRole('searchbox', { name: 'Name, phone number or Salesforce id' })
        .fill('jane', { timeout: 5000 })
        .catch(() => undefined);
      await page.getByRole('textbox', { name: 'API key' }).waitFor();
      await page.getByText('Your key is no longer accepted: sign in again.').waitFor();
      expect(await page.evaluate('sessionStorage.length')).toBe(0);
      await screenshot(page, 'console-key-revoked');
    } finally {
      await page.context().close();
    }
  });

  it('a long thread shows its latest 50 messages, and the older ones on demand, oldest first', async () => {
    for (let i = 1; i <= 53; i++) {
      const sent = await t.http().post('/api/messages').set('Authorization', `Bearer ${alice.apiKey}`).send({ recordId: demo.leads.chloe, from: ALICE_NUMBER, body: `Note ${i}` });
      expect(sent.status).toBe(201);
    }
    const page = await signedIn(`/records/${demo.leads.chloe}`, alice.apiKey);
    try {
      await page.getByRole('heading', { name: 'Chloé Gagnon', level: 1 }).waitFor();
      const items = page.getByRole('list', { name: 'Messages, oldest first' }).getByRole('listitem');
      await items.filter({ hasText: 'Note 53' }).waitFor();
      expect(await items.count()).toBe(50);
      expect(await items.first().locator('.body').textContent()).toBe('Note 4');
      await page.getByRole('button', { name: 'Show older messages' }).click();
      // exactly "Note 1" (not Note 10–19, already shown): the older page has arrived
      await items.locator('.body').getByText('Note 1', { exact: true }).waitFor();
      expect(await items.locator('.body').allTextContents()).toEqual(Array.from({ length: 53 }, (_, i) => `Note ${i + 1}`));
      expect(await page.getByRole('button', { name: 'Show older messages' }).count()).toBe(0);
      await screenshot(page, 'console-thread-older');
    } finally {
      await page.context().close();
    }
  });
});
