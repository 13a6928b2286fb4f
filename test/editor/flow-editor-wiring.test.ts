import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditorIfStale } from '../../editor/build-if-stale';
import { CURRENT_SCHEMA_VERSION, type WorkflowGraph } from '../../workflows';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/test-server';
import { closeAll, connect, DESKTOP, dropNode, launchBrowser, screenshot } from './browser';

/** HELP is dropped, the switch's default port is free. */
const graph: WorkflowGraph = {
  schemaVersion: CURRENT_SCHEMA_VERSION,
  nodes: [
    { id: 'start_1', type: 'start', position: { x: 0, y: 80 }, config: {} },
    {
      id: 'switch_1',
      type: 'switch',
      position: { x: 300, y: 48 },
      config: { value: 'sms.text', cases: [{ id: 'help', label: 'Help', operator: 'equals', value: 'HELP' }] },
    },
    { id: 'drop_1', type: 'drop', position: { x: 640, y: 0 }, config: { reason: 'Help' } },
  ],
  edges: [
    { id: 'e1', source: 'start_1', sourcePort: 'next', target: 'switch_1' },
    { id: 'e2', source: 'switch_1', sourcePort: 'help', target: 'drop_1' },
  ],
};

// Wiring on the canvas (issue 16, item 3): a connection dropped on empty canvas, a used port.
describe('wiring nodes in the flow editor', { timeout: 120_000 }, () => {
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
    const application = await server.admin.post('/api/routing-applications', {
      name: 'Hotline',
      clientId: client.body.id,
    });
    applicationId = application.body.id;
    expect((await server.admin.put(`/api/routing-applications/${applicationId}/draft`, { graph })).status).toBe(200);

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

  const edge = (id: string) => page.locator(`.react-flow__edge[data-id="${id}"]`);

  it('offers the palette where a connection is dropped on empty canvas; the node arrives there, connected', async () => {
    await page.goto(`${server.url}/routing-applications/${applicationId}`);
    await page.getByTestId('node-switch_1').waitFor();
    const handle = page.locator('.react-flow__handle.source[data-nodeid="switch_1"][data-handleid="default"]');
    const from = (await handle.boundingBox())!;
    const drop = await page.getByTestId('node-drop_1').boundingBox();
    // Below the HELP drop, on empty canvas.
    const at = { x: drop!.x + 40, y: drop!.y + drop!.height + 140 };
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(at.x, at.y, { steps: 12 });
    await page.mouse.up();

    const menu = page.getByTestId('connection-drop-menu');
    await menu.waitFor();
    expect(await menu.textContent()).toContain('Add a node after “default” of Switch');
    expect(await menu.locator('.palette-item[data-type="start"]').count()).toBe(0);
    await screenshot(page, 'flow-editor-connection-drop');
    await menu.getByLabel('Search node types').fill('drop');
    await menu.locator('.palette-item[data-type="drop"]').click();
    await menu.waitFor({ state: 'hidden' });

    const added = page.getByTestId('node-drop_2');
    await added.waitFor();
    await edge('switch_1.default-drop_2').waitFor({ state: 'attached' });
    // It arrives where the connection was let go (within the grid's snap and the node's head).
    const box = (await added.boundingBox())!;
    expect(Math.abs(box.x - at.x)).toBeLessThan(40);
    expect(Math.abs(box.y - at.y)).toBeLessThan(60);

    // Escape closes the menu and adds nothing.
    const again = (await handle.boundingBox())!;
    await page.mouse.move(again.x + again.width / 2, again.y + again.height / 2);
    await page.mouse.down();
    await page.mouse.move(at.x - 300, at.y + 120, { steps: 12 });
    await page.mouse.up();
    await menu.waitFor();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    expect(await page.locator('.react-flow__node').count()).toBe(4);
    expect(pageErrors).toEqual([]);
  });

  it('replaces the edge of a port that has one, says so, and undo brings the old edge back', async () => {
    await connect(page, 'switch_1', 'help', 'drop_2');
    const notice = page.getByTestId('edge-replaced');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(
      'A port has one edge: “Help” of Switch (switch_1) now leads to Drop (drop_2) instead of Drop (drop_1).',
    );
    await edge('switch_1.help-drop_2').waitFor({ state: 'attached' });
    expect(await edge('e2').count()).toBe(0);
    await screenshot(page, 'flow-editor-edge-replaced');

    await notice.getByRole('button', { name: 'Undo' }).click();
    await notice.waitFor({ state: 'hidden' });
    await edge('e2').waitFor({ state: 'attached' });
    expect(await edge('switch_1.help-drop_2').count()).toBe(0);
    await edge('switch_1.default-drop_2').waitFor({ state: 'attached' });
    expect(pageErrors).toEqual([]);
  });

  it('flags a URL the server refuses while drawing; a node tells its problems in the Problems list, not over its neighbours', async () => {
    await page.goto(`${server.url}/routing-applications/${applicationId}`);
    await page.getByTestId('node-switch_1').waitFor();
    await dropNode(page, 'http_request', { x: 420, y: 60 });
    const node = page.getByTestId('node-http_request_1');
    await node.waitFor();
    await node.click();
    const inspector = page.getByTestId('inspector');
    await inspector.locator('[data-path="url"]').fill('http://localhost:8080/customers?phone={{sms.sender}}');
    await expect
      .poll(() => inspector.textContent())
      .toContain('The server refuses this host: localhost is an internal address (loopback)');
    await inspector.locator('[data-path="url"]').fill('http://169.254.169.254/latest/meta-data');
    await expect
      .poll(() => inspector.textContent())
      .toContain('169.254.169.254 is an internal address (cloud metadata)');

    // Hovering a node with problems covers nothing; its alert opens the Problems list at its rows.
    await page.getByTestId('node-switch_1').click();
    await page.getByRole('tab', { name: 'Test' }).click();
    await node.hover();
    expect(await page.locator('[role="tooltip"]').count()).toBe(0);
    await page.getByTestId('problems-of-http_request_1').click();
    const problems = page.getByTestId('problems-list');
    await problems.waitFor();
    const current = problems.locator('.problem-row[data-current]');
    await expect.poll(() => current.count()).toBeGreaterThan(0);
    for (const row of await current.all()) expect(await row.getAttribute('data-node')).toBe('http_request_1');
    await expect
      .poll(() => current.allTextContents())
      .toContainEqual(expect.stringContaining('URL: The server refuses this host: 169.254.169.254'));
    expect(await problems.locator('.problem-row[data-node="drop_1"][data-current]').count()).toBe(0);
    await screenshot(page, 'flow-editor-problems-beside');

    await inspector.locator('[data-path="url"]').fill('https://crm.example.com/customers');
    await expect.poll(() => problems.textContent()).not.toContain('refuses this host');
    expect(pageErrors).toEqual([]);
  });
});
