import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditorIfStale } from '../../editor/build-if-stale';
import { CURRENT_SCHEMA_VERSION, type WorkflowGraph } from '../../workflows';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/test-server';
import { DESKTOP, dropNode, launchBrowser, screenshot } from './browser';

/** "VIP" (as the switch compares `value`) to VIP, everything else to Sales. */
function vipRouting(value: string, vip: string, sales: string): WorkflowGraph {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 'start_1', type: 'start', position: { x: 0, y: 80 }, config: {} },
      {
        id: 'switch_1',
        type: 'switch',
        position: { x: 300, y: 48 },
        config: {
          value,
          caseInsensitive: true,
          cases: [{ id: 'vip', label: 'VIP', operator: 'equals', value: 'VIP' }],
        },
      },
      {
        id: 'route_vip',
        type: 'route_to_acd_group',
        position: { x: 640, y: 0 },
        config: { acdGroupId: vip, subject: 'VIP {{sms.sender}}', priority: 9 },
      },
      {
        id: 'route_sales',
        type: 'route_to_acd_group',
        position: { x: 640, y: 220 },
        config: { acdGroupId: sales, subject: 'SMS from {{sms.sender}}', priority: 5 },
      },
    ],
    edges: [
      { id: 'e1', source: 'start_1', sourcePort: 'next', target: 'switch_1' },
      { id: 'e2', source: 'switch_1', sourcePort: 'vip', target: 'route_vip' },
      { id: 'e3', source: 'switch_1', sourcePort: 'default', target: 'route_sales' },
    ],
  };
}

// What a first-time admin stumbled on in the flow editor (issue 16), tried as they would try it.
describe('the flow editor for a first-time admin', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let applicationId = '';
  const groups = { vip: '', sales: '' };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await buildEditorIfStale({ quiet: true });
    server = await startTestServer();
    const reseller = await server.admin.post('/api/resellers', { name: 'Northwind Telecom' });
    const client = await server.admin.post('/api/clients', { name: 'Acme Insurance', resellerId: reseller.body.id });
    const clientId = client.body.id as string;
    groups.vip = (await server.admin.post('/api/acd-groups', { name: 'VIP desk', clientId })).body.id;
    groups.sales = (await server.admin.post('/api/acd-groups', { name: 'Sales', clientId })).body.id;
    const application = await server.admin.post('/api/routing-applications', { name: 'Hotline', clientId });
    applicationId = application.body.id;
    const draft = await server.admin.put(`/api/routing-applications/${applicationId}/draft`, {
      graph: vipRouting('sms.keyword', groups.vip, groups.sales),
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

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('simulates an SMS with a keyword: the API takes it beside the text', async () => {
    const graph = vipRouting('sms.keyword', groups.vip, groups.sales);
    const simulate = (body: Record<string, unknown>) =>
      server.admin.post(`/api/routing-applications/${applicationId}/simulate`, {
        sender: '+491701234567',
        graph,
        ...body,
      });
    const withKeyword = await simulate({ message: 'please call me back', keyword: 'vip' });
    expect(withKeyword.status).toBe(200);
    expect(withKeyword.body.outcome).toMatchObject({ kind: 'routed', acdGroupId: groups.vip });
    const withoutKeyword = await simulate({ message: 'VIP please call me back' });
    expect(withoutKeyword.body.outcome).toMatchObject({ kind: 'routed', acdGroupId: groups.sales });
    const byFirstWord = await simulate({
      message: 'VIP please call me back',
      graph: vipRouting('sms.firstWord', groups.vip, groups.sales),
    });
    expect(byFirstWord.body.outcome).toMatchObject({ kind: 'routed', acdGroupId: groups.vip });
  });

  it('says what sms.keyword is, offers the first word of the text, and tests a keyword case', async () => {
    await page.goto(`${server.url}/routing-applications/${applicationId}`);
    await page.getByTestId('node-switch_1').waitFor();
    expect(await page.getByTestId('node-switch_1').textContent()).toContain('keyword equals VIP');

    // The field picker says what the keyword is.
    await page.getByTestId('node-switch_1').click();
    const inspector = page.getByTestId('inspector');
    const compare = inspector.locator('[data-path="value"]');
    await compare.waitFor();
    await expect.poll(() => inspector.textContent()).toContain('some providers send beside the text');
    await expect.poll(() => inspector.textContent()).toContain('often empty');

    // The test panel has a keyword: the keyword case is taken with it, not without.
    await page.getByRole('tab', { name: 'Test' }).click();
    // Its time is read in the browser's zone, and says so.
    await page.getByText('Received at (Europe/Berlin)').waitFor();
    await page.getByLabel('Text', { exact: true }).fill('VIP please call me back');
    await page.getByTestId('run-test').click();
    await expect.poll(() => page.getByTestId('outcome').textContent()).toContain('Routed to Sales');
    await page.getByLabel('Keyword (sms.keyword)').fill('VIP');
    await page.getByTestId('run-test').click();
    await expect.poll(() => page.getByTestId('outcome').textContent()).toContain('Routed to VIP desk');

    // The first word of the text is offered as a value of its own, with what it is.
    await compare.click();
    const offered = page.locator('[data-value-path="sms.firstWord"]');
    await offered.waitFor();
    expect(await offered.textContent()).toContain('The first word of the text');
    await offered.click();
    await expect.poll(() => compare.inputValue()).toBe('sms.firstWord');
    await expect.poll(() => page.getByTestId('node-switch_1').textContent()).toContain('first word equals VIP');
    await page.getByLabel('Keyword (sms.keyword)').fill('');
    await page.getByTestId('run-test').click();
    await expect.poll(() => page.getByTestId('outcome').textContent()).toContain('Routed to VIP desk');
    await screenshot(page, 'flow-editor-first-word');
    expect(pageErrors).toEqual([]);
  });

  it('reads the routing from the graph: each route names its group, one whose group is gone is marked', async () => {
    await page.goto(`${server.url}/routing-applications/${applicationId}`);
    await page.getByTestId('node-route_vip').waitFor();
    expect(await page.getByTestId('node-route_vip').textContent()).toContain('To VIP desk, priority 9');
    expect(await page.getByTestId('node-route_sales').textContent()).toContain('To Sales, priority 5');
    expect(await page.getByTestId('missing-group-route_vip').count()).toBe(0);

    // A group deleted while a draft still routes to it.
    const clientId = (await server.admin.get(`/api/routing-applications/${applicationId}`)).body.clientId as string;
    const night = (await server.admin.post('/api/acd-groups', { name: 'Night shift', clientId })).body.id as string;
    const other = await server.admin.post('/api/routing-applications', { name: 'Night routing', clientId });
    await server.admin.put(`/api/routing-applications/${other.body.id}/draft`, {
      graph: vipRouting('sms.firstWord', groups.vip, night),
    });
    expect((await server.admin.delete(`/api/acd-groups/${night}`)).status).toBeLessThan(300);
    await page.goto(`${server.url}/routing-applications/${other.body.id}`);
    const gone = page.getByTestId('node-route_sales');
    await gone.waitFor();
    expect(await gone.textContent()).toContain('To a deleted group, priority 5');
    expect(await gone.getAttribute('data-missing-group')).toBe('true');
    await page.getByTestId('missing-group-route_sales').getByText('Its ACD group no longer exists').waitFor();
    expect(await page.getByTestId('node-route_vip').getAttribute('data-missing-group')).toBeNull();
    await screenshot(page, 'flow-editor-group-gone');
    expect(pageErrors).toEqual([]);
  });

  it('asks before making a version active, marks one whose groups are gone, and says when nothing changed', async () => {
    const path = `/api/routing-applications/${applicationId}`;
    const clientId = (await server.admin.get(path)).body.clientId as string;
    const graph = vipRouting('sms.keyword', groups.vip, groups.sales);
    await server.admin.put(`${path}/draft`, { graph });
    expect((await server.admin.post(`${path}/publish`, { comment: 'first' })).status).toBe(201);
    const temp = (await server.admin.post('/api/acd-groups', { name: 'Temp team', clientId })).body.id as string;
    await server.admin.put(`${path}/draft`, { graph: vipRouting('sms.keyword', groups.vip, temp) });
    expect((await server.admin.post(`${path}/publish`, { comment: 'temp team' })).status).toBe(201);
    expect((await server.admin.delete(`/api/acd-groups/${temp}`)).status).toBe(204);
    await server.admin.put(`${path}/draft`, { graph: vipRouting('sms.firstWord', groups.vip, groups.sales) });
    expect((await server.admin.post(`${path}/publish`, { comment: 'first word' })).status).toBe(201);

    await page.goto(`${server.url}/routing-applications/${applicationId}`);
    await page.getByTestId('node-switch_1').waitFor();
    await page.getByRole('tab', { name: 'Versions' }).click();
    const versions = page.getByTestId('versions');
    await versions.waitFor();

    // Version 2 routes to a deleted group: marked, and it cannot be made active.
    const v2 = versions.locator('[data-version="2"]');
    await page.getByTestId('groups-gone-2').getByText('Groups deleted').waitFor();
    expect(await v2.getByRole('button', { name: 'Make active' }).isDisabled()).toBe(true);
    expect(await page.getByTestId('groups-gone-3').count()).toBe(0);

    // Make active asks first, naming the version; Cancel changes nothing.
    const v3 = versions.locator('[data-version="3"]');
    await v3.getByRole('button', { name: 'Make active' }).click();
    const dialog = page.getByRole('dialog', { name: 'Make version 3 active?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('runs version 3 from now on, instead of version 1');
    await screenshot(page, 'flow-editor-make-active');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await server.admin.get(path)).body.activeVersionId).not.toBe(null);
    const active = async () => {
      const list = (await server.admin.get(`${path}/versions`)).body.items as { id: string; number: number }[];
      const id = (await server.admin.get(path)).body.activeVersionId as string;
      return list.find((version) => version.id === id)?.number;
    };
    expect(await active()).toBe(1);
    await v3.getByRole('button', { name: 'Make active' }).click();
    await page.getByRole('button', { name: 'Make version 3 active' }).click();
    await page.getByText('Version 3 is active now').waitFor();
    await expect.poll(active).toBe(3);
    await v3.getByText('Active', { exact: true }).waitFor();

    // Publishing the draft unchanged says so, and makes no version 4.
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByTestId('confirm-publish').click();
    await page.getByText('The draft is the same as version 3: nothing was published').waitFor();
    expect((await server.admin.get(`${path}/versions`)).body.items).toHaveLength(3);
    expect(pageErrors).toEqual([]);
  });

  it('flags an HTTP body that is not JSON while drawing, naming the field as the form labels it', async () => {
    await page.goto(`${server.url}/routing-applications/${applicationId}`);
    await page.getByTestId('node-switch_1').waitFor();
    await dropNode(page, 'http_request', { x: 300, y: 330 });
    const node = page.getByTestId('node-http_request_1');
    await node.waitFor();
    await node.click();
    const inspector = page.getByTestId('inspector');
    await inspector.locator('[data-path="url"]').fill('https://crm.example.com/lookup');
    await inspector.locator('[data-path="body"]').fill('{"text": "{{sms.text}}",}');
    await page.getByRole('tab', { name: 'Problems' }).click();
    const problems = page.getByTestId('problems-list');
    await expect
      .poll(() => problems.textContent())
      .toContain('HTTP request "http_request_1": Body (JSON): This is not valid JSON');
    expect(await problems.textContent()).not.toContain('body:');
    await expect.poll(() => inspector.textContent()).toContain('This is not valid JSON');
    await inspector.locator('[data-path="body"]').fill('{"text": "{{sms.text}}"}');
    await expect.poll(() => problems.textContent()).not.toContain('not valid JSON');

    // A palette click with the HTTP node selected puts the new node beside it, connected from its free port.
    await node.click();
    await page.locator('.palette-item[data-type="drop"]').click();
    const added = page.getByTestId('node-drop_1');
    await added.waitFor();
    await page.locator('.react-flow__edge[data-id="http_request_1.success-drop_1"]').waitFor({ state: 'attached' });
    const [from, to] = [await node.boundingBox(), await added.boundingBox()];
    expect(to!.x).toBeGreaterThan(from!.x + from!.width);
    await screenshot(page, 'flow-editor-placed-beside');
    expect(pageErrors).toEqual([]);
  });
});
