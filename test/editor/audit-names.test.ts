import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditorIfStale } from '../../editor/build-if-stale';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/test-server';
import { createAcdSetup } from '../support/fixtures';
import { choose, closeAll, launchBrowser, openPage, screenshot, signIn } from './browser';

// The audit log reads as names: the ids an entry's fields hold (a group's agents, a connector's
// target) show as what they point at, and one whose object is gone says so.
describe('names in the audit log', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const ids = { group: '', client: '', agents: [] as string[] };

  beforeAll(async () => {
    await buildEditorIfStale({ quiet: true });
    server = await startTestServer();
    const setup = await createAcdSetup(server.admin, {
      agents: [{ displayName: 'Ada Lovelace' }, { displayName: 'Bo Gone' }],
    });
    Object.assign(ids, { group: setup.groupId, client: setup.clientId, agents: setup.agents.map((agent) => agent.id) });
    expect((await server.admin.delete(`/api/users/${setup.agents[1]!.id}`)).status).toBe(204);
    browser = await launchBrowser();
    ({ context, page } = await openPage(browser, pageErrors));
    await page.goto(`${server.url}/login`);
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByTestId('user-menu').waitFor();
  }, 180_000);

  afterAll(() => closeAll(context, browser, server));

  it("shows a group's members and a connector's target by name, and a deleted agent as deleted", async () => {
    await page.getByRole('link', { name: 'Audit log' }).click();
    await choose(page, page.getByTestId('audit-scope'), 'Everything you can see');
    await choose(page, page.getByTestId('audit-type'), 'ACD group');
    const created = page.locator('[data-action="acd_group.create"]');
    await created.getByRole('button', { name: 'All fields' }).click();
    const details = page.getByRole('dialog');
    await details.getByText('Ada Lovelace').waitFor();
    const text = (await details.textContent()) ?? '';
    expect(text).toContain('deleted agent');
    expect(text).not.toContain('Bo Gone');
    for (const id of [...ids.agents, ids.client]) expect(text).not.toContain(id);
    await screenshot(page, 'audit-names-group');
    await page.keyboard.press('Escape');

    await choose(page, page.getByTestId('audit-type'), 'Connector');
    const connector = page.locator('[data-action="connector.create"]');
    await connector.getByRole('button', { name: 'All fields' }).click();
    await details
      .getByText(/^Support/)
      .first()
      .waitFor();
    const target = (await details.textContent()) ?? '';
    for (const id of [ids.group, ids.client]) expect(target).not.toContain(id);
    await page.keyboard.press('Escape');
    expect(pageErrors).toEqual([]);
  });
});
