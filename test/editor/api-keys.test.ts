import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditorIfStale } from '../../editor/build-if-stale';
import { ApiClient } from '../support/api-client';
import { startTestServer, type TestServer } from '../support/test-server';
import { createTenantWithUsers, type Tenant } from '../support/fixtures';
import { closeAll, launchBrowser, openPage, screenshot, signIn } from './browser';

// A client admin sets an expiry on a key of their own, and revokes a key of one of their agents.
describe('API keys in the web UI', { timeout: 120_000 }, () => {
  let server: TestServer;
  let tenant: Tenant;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let agentKey = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await buildEditorIfStale({ quiet: true });
    server = await startTestServer();
    tenant = await createTenantWithUsers(server.admin, 'Acme');
    await server.admin.patch(`/api/users/${tenant.agent.id}`, { displayName: 'Mira Lindqvist' });
    const created = await tenant.agent.api.post('/api/api-keys', { name: 'Desk integration' });
    agentKey = created.body.key;
    browser = await launchBrowser();
    ({ context, page } = await openPage(browser, pageErrors));
  }, 180_000);

  afterAll(() => closeAll(context, browser, server));

  const keyWorks = async (key: string) =>
    (await new ApiClient(server.url).withApiKey(key).get('/api/auth/me')).status === 200;

  it('creates an own key that expires in 30 days and shows when', async () => {
    await page.goto(`${server.url}/login`);
    await signIn(page, tenant.clientAdmin.email, tenant.clientAdmin.password);
    await page.getByTestId('user-menu').waitFor();
    await page.goto(`${server.url}/api-keys`);
    await page.getByTestId('new-api-key').click();
    await page.getByLabel(/^Name/).fill('Nightly export');
    await page.getByTestId('api-key-expiry').click();
    await page.getByRole('option', { name: 'In 30 days' }).click();
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByTestId('new-api-key-value').waitFor();
    await page.getByRole('button', { name: 'I have copied the key' }).click();

    const listed = (await tenant.clientAdmin.api.get('/api/api-keys')).body.items;
    const expiresAt = Date.parse(listed.find((k: { name: string }) => k.name === 'Nightly export').expiresAt);
    expect(Math.abs(expiresAt - (Date.now() + 30 * 86_400_000))).toBeLessThan(10 * 60_000);
    const row = page.getByTestId('api-key-row').filter({ hasText: 'Nightly export' });
    await expect.poll(() => row.textContent()).not.toContain('Never (until revoked)');
    expect(await row.textContent()).toContain(String(new Date(expiresAt).getFullYear()));
    await screenshot(page, 'api-keys-01-own-with-expiry');
  });

  it("shows an agent's keys from the Users page and revokes one", async () => {
    await page.getByRole('link', { name: 'Users' }).click();
    await page.waitForURL(/\/users$/);
    await page.getByRole('button', { name: 'Actions for Mira Lindqvist' }).click();
    await page.getByRole('menuitem', { name: 'API keys' }).click();
    const drawer = page.getByTestId('user-api-keys');
    await drawer.getByTestId('user-api-key-row').filter({ hasText: 'Desk integration' }).waitFor();
    await screenshot(page, 'api-keys-02-user-drawer');

    expect(await keyWorks(agentKey)).toBe(true);
    await drawer.getByRole('button', { name: 'Revoke Desk integration' }).click();
    await page.getByRole('button', { name: 'Revoke key' }).click();
    await page.getByText('API key “Desk integration” of Mira Lindqvist revoked').waitFor();
    await drawer.getByText('No API keys', { exact: true }).waitFor();
    expect(await keyWorks(agentKey)).toBe(false);

    const audit = await tenant.clientAdmin.api.get('/api/audit-log?entityType=api_key');
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toContain('api_key.revoke.by_admin');
    expect(pageErrors).toEqual([]);
  });
});
