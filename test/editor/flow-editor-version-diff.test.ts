import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditorIfStale } from '../../editor/build-if-stale';
import { CURRENT_SCHEMA_VERSION, type WorkflowGraph } from '../../workflows';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/test-server';
import { choose, closeAll, DESKTOP, launchBrowser, screenshot } from './browser';

const v1: WorkflowGraph = {
  schemaVersion: CURRENT_SCHEMA_VERSION,
  nodes: [
    { id: 'start_1', type: 'start', position: { x: 0, y: 80 }, config: {} },
    {
      id: 'switch_1',
      type: 'switch',
      position: { x: 300, y: 48 },
      config: { value: 'sms.text', cases: [{ id: 'help', label: 'Help', operator: 'equals', value: 'HELP' }] },
    },
    { id: 'drop_help', type: 'drop', position: { x: 640, y: 0 }, config: { reason: 'Help' } },
    { id: 'drop_other', type: 'drop', position: { x: 640, y: 200 }, config: { reason: 'Other' } },
  ],
  edges: [
    { id: 'e1', source: 'start_1', sourcePort: 'next', target: 'switch_1' },
    { id: 'e2', source: 'switch_1', sourcePort: 'help', target: 'drop_help' },
    { id: 'e3', source: 'switch_1', sourcePort: 'default', target: 'drop_other' },
  ],
};

/** The first word instead of the text; "default" goes to a new drop, the old one is gone. */
const v2: WorkflowGraph = {
  ...v1,
  nodes: [
    v1.nodes[0]!,
    { ...v1.nodes[1]!, config: { ...v1.nodes[1]!.config, value: 'sms.firstWord' } },
    v1.nodes[2]!,
    { id: 'drop_new', type: 'drop', position: { x: 640, y: 200 }, config: { reason: 'Not for us' } },
  ],
  edges: [v1.edges[0]!, v1.edges[1]!, { id: 'e4', source: 'switch_1', sourcePort: 'default', target: 'drop_new' }],
};

// Versions (issue 16, item 6): a diff of two versions, or of a version and the draft.
describe('the diff of versions in the flow editor', { timeout: 120_000 }, () => {
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
    const path = `/api/routing-applications/${applicationId}`;
    await server.admin.put(`${path}/draft`, { graph: v1 });
    expect((await server.admin.post(`${path}/publish`, { comment: 'first' })).status).toBe(201);
    await server.admin.put(`${path}/draft`, { graph: v2 });
    expect((await server.admin.post(`${path}/publish`, { comment: 'first word' })).status).toBe(201);
    // The draft adds a label to the help drop.
    const draft = structuredClone(v2);
    draft.nodes[2]!.label = 'Help desk closed';
    expect((await server.admin.put(`${path}/draft`, { graph: draft })).status).toBe(200);

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

  it('lists what changed between two versions and marks it on the newer one', async () => {
    await page.goto(`${server.url}/routing-applications/${applicationId}`);
    await page.getByTestId('node-switch_1').waitFor();
    await page.getByRole('tab', { name: 'Versions' }).click();
    const diff = page.getByTestId('version-diff');
    await diff.waitFor();
    // The active version (1) against the draft by default; here version 1 against version 2.
    await choose(page, diff.getByLabel('with'), 'Version 2');
    await diff.getByRole('button', { name: 'Show changes' }).click();
    const list = page.getByTestId('diff-list');
    await list.waitFor();
    const rows = async () => (await list.locator('[data-diff-row]').allTextContents()).join('\n');
    await expect.poll(rows).toContain('Added: Drop (drop_new)');
    const text = await rows();
    expect(text).toContain('Removed: Drop (drop_other)');
    expect(text).toContain('Changed: Switch (switch_1) (settings)');
    expect(text).toContain(
      'Edge changed: “default” of Switch (switch_1) now leads to Drop (drop_new) instead of Drop (drop_other)',
    );
    expect(await list.textContent()).toContain('From Version 1 to Version 2');

    // Version 2 is on the canvas, its new and changed nodes marked.
    await page.getByText('Version 2', { exact: false }).first().waitFor();
    await expect.poll(() => page.getByTestId('node-drop_new').getAttribute('data-diff')).toBe('added');
    expect(await page.getByTestId('node-switch_1').getAttribute('data-diff')).toBe('changed');
    expect(await page.getByTestId('node-drop_help').getAttribute('data-diff')).toBeNull();
    expect(await page.locator('.react-flow__edge[data-id="e4"]').getAttribute('class')).toContain(
      'edge-diff-retargeted',
    );
    await screenshot(page, 'flow-editor-version-diff');
    expect(pageErrors).toEqual([]);
  });

  it('compares a version with the draft, marked on the draft', async () => {
    const diff = page.getByTestId('version-diff');
    await choose(page, diff.getByLabel('Compare'), 'Version 2');
    await choose(page, diff.getByLabel('with'), 'The draft');
    await diff.getByRole('button', { name: 'Show changes' }).click();
    const list = page.getByTestId('diff-list');
    await expect.poll(() => list.textContent()).toContain('From Version 2 to The draft');
    expect(await list.locator('[data-diff-row]').allTextContents()).toEqual(['Changed: Help desk closed (label)']);
    await expect.poll(() => page.getByTestId('node-drop_help').getAttribute('data-diff')).toBe('changed');
    expect(await page.getByTestId('node-drop_new').getAttribute('data-diff')).toBeNull();
    // The draft is editable again, and a change takes the marks away.
    await page.getByTestId('node-drop_help').click();
    await page.getByTestId('inspector').getByLabel('Label').fill('Help closed');
    await expect.poll(() => page.getByTestId('node-drop_help').getAttribute('data-diff')).toBeNull();
    expect(pageErrors).toEqual([]);
  });
});
