import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditorIfStale } from '../../editor/build-if-stale';
import { CURRENT_SCHEMA_VERSION, type WorkflowGraph } from '../../workflows';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/test-server';
import { DESKTOP, dropNode, launchBrowser, screenshot } from './browser';

/** "HILFE" to Support, everything else to Sales: enough for every part of the editor to speak. */
function hotline(support: string, sales: string): WorkflowGraph {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 'start_1', type: 'start', position: { x: 0, y: 80 }, config: {} },
      {
        id: 'switch_1',
        type: 'switch',
        position: { x: 300, y: 48 },
        config: {
          value: 'sms.text',
          caseInsensitive: true,
          cases: [{ id: 'hilfe', label: 'Hilfe', operator: 'contains', value: 'HILFE' }],
        },
      },
      {
        id: 'route_to_acd_group_1',
        type: 'route_to_acd_group',
        position: { x: 640, y: 0 },
        config: { acdGroupId: support, subject: 'Hilfe für {{sms.sender}}', priority: 7 },
      },
      {
        id: 'route_to_acd_group_2',
        type: 'route_to_acd_group',
        position: { x: 640, y: 200 },
        config: { acdGroupId: sales, subject: 'Anfrage von {{sms.sender}}', priority: 5 },
      },
    ],
    edges: [
      { id: 'e1', source: 'start_1', sourcePort: 'next', target: 'switch_1' },
      { id: 'e2', source: 'switch_1', sourcePort: 'hilfe', target: 'route_to_acd_group_1' },
      { id: 'e3', source: 'switch_1', sourcePort: 'default', target: 'route_to_acd_group_2' },
    ],
  };
}

// The flow editor for a user whose browser asks for German: every word on the screen is German.
describe('the flow editor in German', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let applicationId = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await buildEditorIfStale({ quiet: true });
    server = await startTestServer();
    const reseller = await server.admin.post('/api/resellers', { name: 'Nordwind Telekom' });
    const client = await server.admin.post('/api/clients', { name: 'Acme Versicherung', resellerId: reseller.body.id });
    const clientId = client.body.id as string;
    const [support, sales] = await Promise.all(
      ['Support', 'Vertrieb'].map(
        async (name) => (await server.admin.post('/api/acd-groups', { name, clientId })).body.id,
      ),
    );
    const application = await server.admin.post('/api/routing-applications', { name: 'Hotline-Routing', clientId });
    applicationId = application.body.id;
    const draft = await server.admin.put(`/api/routing-applications/${applicationId}/draft`, {
      graph: hotline(support, sales),
    });
    expect(draft.status).toBe(200);

    browser = await launchBrowser();
    context = await browser.newContext({ ...DESKTOP, locale: 'de-DE' });
    // Signed in through the API: the session cookie lands in the German context.
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

  it('shows palette, toolbar, canvas, inspector and drawer in German', async () => {
    await page.goto(`${server.url}/routing-applications/${applicationId}`);
    await page.getByTestId('palette').waitFor();
    await page.getByTestId('node-switch_1').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');

    // The palette: its search and the node types in their German names.
    const palette = page.getByTestId('palette');
    await palette.getByPlaceholder('Knotentypen suchen').waitFor();
    expect(await palette.textContent()).toContain('Verzweigung');
    expect(await palette.textContent()).toContain('An ACD-Gruppe routen');

    // The toolbar.
    await page.getByText('Entwurf · gespeichert').waitFor();
    await page.getByRole('button', { name: 'Entwurf speichern' }).waitFor();
    await page.getByRole('button', { name: 'Veröffentlichen' }).waitFor();
    await page.getByRole('button', { name: 'Automatisch anordnen' }).waitFor();
    expect(await page.getByRole('button', { name: 'Rückgängig' }).isDisabled()).toBe(true);
    await page.getByText('Nicht veröffentlicht').waitFor();

    // The canvas: node titles, one-line summaries and ports.
    const switchNode = page.getByTestId('node-switch_1');
    expect(await switchNode.textContent()).toContain('Text enthält HILFE');
    expect(await switchNode.textContent()).toContain('sonst');
    expect(await page.getByTestId('node-route_to_acd_group_1').textContent()).toContain(
      'An Support, Priorität 7, Betreff „Hilfe für {{sms.sender}}“',
    );
    expect(await page.getByTestId('node-start_1').textContent()).toContain('Wenn eine SMS eingeht');

    // The inspector of the switch, and the drawer's tabs.
    await switchNode.click();
    const inspector = page.getByTestId('inspector');
    await inspector.getByLabel('Knoten-ID').waitFor();
    expect(await inspector.textContent()).toContain('Bezeichnung');
    expect(await inspector.textContent()).toContain('Fälle');
    await page.getByRole('tab', { name: 'Probleme' }).waitFor();
    await page.getByRole('tab', { name: 'Versionen' }).waitFor();
    await page.getByTestId('no-problems').getByText('Keine Probleme').waitFor();

    // A test run, told in German.
    await page.getByRole('tab', { name: 'Test' }).click();
    await page.getByLabel('Text', { exact: true }).fill('HILFE bitte');
    await page.getByRole('button', { name: 'Test ausführen' }).click();
    await expect.poll(() => page.getByTestId('outcome').textContent()).toContain('Geroutet an Support');
    expect(await page.getByTestId('trace').textContent()).toContain('Verlassen über Port');
    expect(await page.getByTestId('trace').textContent()).toContain('Hilfe');

    await screenshot(page, 'de-flow-editor');

    // A node dropped from the palette starts with its texts in German, and the draft has changes.
    await dropNode(page, 'route_to_acd_group', { x: 300, y: 330 });
    await page.getByTestId('node-route_to_acd_group_3').waitFor();
    await expect.poll(() => inspector.locator('[data-path="subject"]').inputValue()).toBe('SMS von {{sms.sender}}');
    await page.getByText('Entwurf · ungespeicherte Änderungen').waitFor();
    await page.getByRole('tab', { name: 'Probleme' }).click();
    await expect
      .poll(() => page.getByTestId('problems-list').textContent())
      .toContain('An ACD-Gruppe routen „route_to_acd_group_3“ ist vom Startknoten aus nicht erreichbar.');
    expect(pageErrors).toEqual([]);
  });
});
