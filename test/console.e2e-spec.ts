import type { Browser } from 'playwright-core';
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
    expect((await t.admin('post', '/api/admin/numbers', { phoneNumber: '+12125550190', userId: alice.id, kind: 'direct', smsEnabled: true })).status).toBe(201);
  });
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
      await page.getByRole('heading', { name: 'Welcome, Alice Rep' }).waitFor();
      await page.getByText('+12125550190').waitFor();
      expect(page.url()).toBe(t.url + '/');
      expect(await page.evaluate('Object.values(sessionStorage)')).toEqual([alice.apiKey]);
      await screenshot(page, 'console-signed-in');

      // a reload keeps the session (the key is checked again)
      await page.reload();
      await page.getByRole('heading', { name: 'Welcome, Alice Rep' }).waitFor();

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
});

