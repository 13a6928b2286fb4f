import { describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { createTenantWithUsers, type Tenant } from '../support/fixtures';
import { screenshot, signIn } from './browser';
import { browserStory } from './browser-story';

// A client admin sets an expiry on a key of their own, and revokes a key of one of their agents.
describe('API keys in the web UI', { timeout: 120_000 }, () => {
  let tenant: Tenant;
  let agentKey = '';

  const ui = browserStory(async (server) => {
    tenant = await createTenantWithUsers(server.admin, 'Acme');
    await server.admin.patch(`/api/users/${tenant.agent.id}`, { displayName: 'Mira Lindqvist' });
    const created = await tenant.agent.api.post('/api/api-keys', { name: 'Desk integration' });
    agentKey = created.body.key;
  });

  const keyWorks = async (key: string) =>
    (await new ApiClient(ui.server.url).withApiKey(key).get('/api/auth/me')).status === 200;

  it('creates an own key that expires in 30 days and shows when', async () => {
    await ui.page.goto(`${ui.server.url}/login`);
    await signIn(ui.page, tenant.clientAdmin.email, tenant.clientAdmin.password);
    await ui.page.getByTestId('user-menu').waitFor();
    await ui.page.goto(`${ui.server.url}/api-keys`);
    await ui.page.getByTestId('new-api-key').click();
    await ui.page.getByLabel(/^Name/).fill('Nightly export');
    await ui.page.getByTestId('api-key-expiry').click();
    await ui.page.getByRole('option', { name: 'In 30 days' }).click();
    await ui.page.getByRole('button', { name: 'Create key' }).click();
    await ui.page.getByTestId('new-api-key-value').waitFor();
    await ui.page.getByRole('button', { name: 'I have copied the key' }).click();

    const listed = (await tenant.clientAdmin.api.get('/api/api-keys')).body.items;
    const expiresAt = Date.parse(listed.find((k: { name: string }) => k.name === 'Nightly export').expiresAt);
    expect(Math.abs(expiresAt - (Date.now() + 30 * 86_400_000))).toBeLessThan(10 * 60_000);
    const row = ui.page.getByTestId('api-key-row').filter({ hasText: 'Nightly export' });
    await expect.poll(() => row.textContent()).not.toContain('Never (until revoked)');
    expect(await row.textContent()).toContain(String(new Date(expiresAt).getFullYear()));
    await screenshot(ui.page, 'api-keys-01-own-with-expiry');
  });

  it("shows an agent's keys from the Users page and revokes one", async () => {
    await ui.page.getByRole('link', { name: 'Users' }).click();
    await ui.page.waitForURL(/\/users$/);
    await ui.page.getByRole('button', { name: 'Actions for Mira Lindqvist' }).click();
    await ui.page.getByRole('menuitem', { name: 'API keys' }).click();
    const drawer = ui.page.getByTestId('user-api-keys');
    await drawer.getByTestId('user-api-key-row').filter({ hasText: 'Desk integration' }).waitFor();
    await screenshot(ui.page, 'api-keys-02-user-drawer');

    expect(await keyWorks(agentKey)).toBe(true);
    await drawer.getByRole('button', { name: 'Revoke Desk integration' }).click();
    await ui.page.getByRole('button', { name: 'Revoke key' }).click();
    await ui.page.getByText('API key “Desk integration” of Mira Lindqvist revoked').waitFor();
    await drawer.getByText('No API keys', { exact: true }).waitFor();
    expect(await keyWorks(agentKey)).toBe(false);

    const audit = await tenant.clientAdmin.api.get('/api/audit-log?entityType=api_key');
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toContain('api_key.revoke.by_admin');
    expect(ui.pageErrors).toEqual([]);
  });
});
