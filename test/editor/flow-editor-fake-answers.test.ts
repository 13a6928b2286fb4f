import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditorIfStale } from '../../editor/build-if-stale';
import { CURRENT_SCHEMA_VERSION, type WorkflowGraph } from '../../workflows';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/test-server';
import { choose, closeAll, DESKTOP, launchBrowser, screenshot } from './browser';

/** A CRM lookup, then the VIP desk's status, then a 70/30 split between two routes. */
function graph(groups: { vip: string; other: string }): WorkflowGraph {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 'start_1', type: 'start', position: { x: 0, y: 0 }, config: {} },
      {
        id: 'crm',
        type: 'http_request',
        position: { x: 260, y: 0 },
        config: { method: 'GET', url: 'https://crm.example.com/lookup?phone={{sms.sender}}', saveAs: 'crm' },
      },
      {
        id: 'desk',
        type: 'acd_group_status',
        position: { x: 540, y: 0 },
        config: { acdGroupId: groups.vip, condition: 'agents_available', threshold: 1 },
      },
      {
        id: 'split',
        type: 'percentage_split',
        position: { x: 820, y: 0 },
        config: {
          branches: [
            { id: 'new', label: 'New team', percent: 70 },
            { id: 'old', label: 'Old team', percent: 30 },
          ],
        },
      },
      {
        id: 'to_new',
        type: 'route_to_acd_group',
        position: { x: 1100, y: 0 },
        config: { acdGroupId: groups.vip, subject: 'New', priority: 5 },
      },
      {
        id: 'to_old',
        type: 'route_to_acd_group',
        position: { x: 1100, y: 200 },
        config: { acdGroupId: groups.other, subject: 'Old', priority: 5 },
      },
      { id: 'no_crm', type: 'drop', position: { x: 540, y: 240 }, config: { reason: 'CRM down' } },
      { id: 'closed', type: 'drop', position: { x: 820, y: 240 }, config: { reason: 'Desk closed' } },
    ],
    edges: [
      { id: 'e1', source: 'start_1', sourcePort: 'next', target: 'crm' },
      { id: 'e2', source: 'crm', sourcePort: 'success', target: 'desk' },
      { id: 'e3', source: 'crm', sourcePort: 'error', target: 'no_crm' },
      { id: 'e4', source: 'desk', sourcePort: 'available', target: 'split' },
      { id: 'e5', source: 'desk', sourcePort: 'unavailable', target: 'closed' },
      { id: 'e6', source: 'split', sourcePort: 'new', target: 'to_new' },
      { id: 'e7', source: 'split', sourcePort: 'old', target: 'to_old' },
    ],
  };
}

// The test panel's fake answers as small forms (issue 16, item 5).
describe('fake answers in the test panel', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let applicationId = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await buildEditorIfStale({ quiet: true });
    server = await startTestServer();
    const reseller = await server.admin.post('/api/resellers', { name: 'Northwind Telecom' });
    const client = await server.admin.post('/api/clients', { name: 'Acme Insurance', resellerId: reseller.body.id });
    const clientId = client.body.id as string;
    const vip = (await server.admin.post('/api/acd-groups', { name: 'VIP desk', clientId })).body.id as string;
    const other = (await server.admin.post('/api/acd-groups', { name: 'Sales', clientId })).body.id as string;
    const application = await server.admin.post('/api/routing-applications', { name: 'Hotline', clientId });
    applicationId = application.body.id;
    const draft = await server.admin.put(`/api/routing-applications/${applicationId}/draft`, {
      graph: graph({ vip, other }),
    });
    expect(draft.status).toBe(200);

    browser = await launchBrowser();
    context = await browser.newContext(DESKTOP);
    const login = await context.request.post(`${server.url}/api/auth/login`, {
      data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    });
    expect(login.status()).toBe(200);
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(() => closeAll(context, browser, server));

  it('answers the HTTP request, the group status by name and the split draw from small forms', async () => {
    await page.goto(`${server.url}/routing-applications/${applicationId}`);
    await page.getByTestId('node-crm').waitFor();
    await page.getByRole('tab', { name: 'Test' }).click();
    await page.getByLabel('Text', { exact: true }).fill('hello');
    const outcome = () => page.getByTestId('outcome').textContent();

    // Without fake answers the CRM request fails.
    await page.getByTestId('run-test').click();
    await expect.poll(outcome).toContain('CRM down');

    await page.getByText('Add fake answers (HTTP, ACD group status, split draw)').click();
    const forms = page.getByTestId('fake-answers');
    await forms.waitFor();
    const crm = forms.locator('[data-fake-http="crm"]');
    expect(await crm.textContent()).toContain('HTTP request (crm)');
    await crm.getByLabel('Status').fill('200');
    await crm.getByLabel('JSON answer').fill('{"tier": "vip",}');
    await page.getByTestId('run-test').click();
    await crm.getByText('This is not valid JSON').waitFor();
    await crm.getByLabel('JSON answer').fill('{"tier": "vip"}');
    await page.getByTestId('run-test').click();
    // The group is named, not its id; no agents answered: the desk is closed.
    await expect.poll(outcome).toContain('Desk closed');
    const desk = forms.locator('[data-fake-group]');
    expect(await desk.textContent()).toContain('ACD group VIP desk');

    await desk.getByLabel('Agents available').fill('2');
    await choose(page, forms.getByLabel('Split draw'), '“Old team · 30%” of Percentage split (split)');
    await page.getByTestId('run-test').click();
    await expect.poll(outcome).toContain('Routed to Sales');
    await choose(page, forms.getByLabel('Split draw'), '“New team · 70%” of Percentage split (split)');
    await page.getByTestId('run-test').click();
    await expect.poll(outcome).toContain('Routed to VIP desk');
    await screenshot(page, 'flow-editor-fake-answers');

    // The raw JSON is still there, as the advanced way, and wins where both answer.
    await page.getByText('Advanced: fake answers as JSON').click();
    await page.getByLabel('Fake answers as JSON').fill('{"http": {"crm": {"status": 503}}}');
    await page.getByTestId('run-test').click();
    await expect.poll(outcome).toContain('CRM down');
    expect(pageErrors).toEqual([]);
  });

  it('saves a test case with the application and runs it again with one click after a reload', async () => {
    // The form still holds the last run: the advanced JSON's 503 is taken out first.
    await page.getByLabel('Fake answers as JSON').fill('');
    await choose(
      page,
      page.getByTestId('fake-answers').getByLabel('Split draw'),
      '“Old team · 30%” of Percentage split (split)',
    );
    const saved = page.getByTestId('saved-test-cases');
    await saved.getByText('None yet').waitFor();
    await saved.getByLabel('Save this SMS and its fake answers as').fill('Old team, desk open');
    await saved.getByRole('button', { name: 'Save' }).click();
    await saved.locator('[data-test-case="Old team, desk open"]').waitFor();
    const stored = await server.admin.get(`/api/routing-applications/${applicationId}/test-cases`);
    expect(stored.body.items).toEqual([
      expect.objectContaining({
        name: 'Old team, desk open',
        input: expect.objectContaining({
          message: 'hello',
          mocks: expect.objectContaining({ http: { crm: { status: 200, json: { tier: 'vip' } } }, random: 0.85 }),
        }),
      }),
    ]);

    await page.reload();
    await page.getByTestId('node-crm').waitFor();
    await page.getByRole('tab', { name: 'Test' }).click();
    await page.getByRole('button', { name: 'Run “Old team, desk open” on the graph on the canvas' }).click();
    await expect.poll(() => page.getByTestId('outcome').textContent()).toContain('Routed to Sales');
    // The form shows the case it ran, in its small forms.
    expect(await page.getByLabel('Text', { exact: true }).inputValue()).toBe('hello');
    const forms = page.getByTestId('fake-answers');
    expect(await forms.locator('[data-fake-http="crm"]').getByLabel('Status').inputValue()).toBe('200');
    expect(await forms.getByLabel('Split draw').inputValue()).toBe('“Old team · 30%” of Percentage split (split)');
    await screenshot(page, 'flow-editor-saved-test-case');

    await page.getByRole('button', { name: 'Delete “Old team, desk open”' }).click();
    await page.getByTestId('saved-test-cases').getByText('None yet').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
