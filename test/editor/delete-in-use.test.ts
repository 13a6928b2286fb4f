import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditorIfStale } from '../../editor/build-if-stale';
import { uuid7 } from '../../server/db/uuid7';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/test-server';
import { aGraph } from '../workflows/fixtures';
import { createAcdGroup, createTenant, publishWithConnector } from '../support/fixtures';
import { closeAll, launchBrowser, openPage, screenshot, signIn } from './browser';

// What the web UI shows when Switchboard refuses to delete something in use, and when it wrote
// off an SMS it could not route.
describe('objects in use and written-off SMS in the web UI', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const state = { clientId: '', connectorId: '', salesId: '', fallbackId: '' };

  beforeAll(async () => {
    await buildEditorIfStale({ quiet: true });
    server = await startTestServer();
    ({ clientId: state.clientId } = await createTenant(server.admin, {
      reseller: 'Northwind Telecom',
      client: 'Acme Insurance',
    }));
    for (const [key, name] of [
      ['salesId', 'Sales'],
      ['fallbackId', 'Fallback'],
    ] as const) {
      state[key] = (await createAcdGroup(server.admin, { name, clientId: state.clientId })).id;
    }
    const graph = aGraph(
      [
        ['start', 'start'],
        ['route', 'route_to_acd_group', { acdGroupId: state.salesId }],
      ],
      [['start', 'next', 'route']],
    );
    const published = await publishWithConnector(server.admin, state.clientId, graph, '+4930555000', {
      fallbackAcdGroupId: state.fallbackId,
    });
    state.connectorId = published.connectorId;
    await server.admin.patch(`/api/routing-applications/${published.applicationId}`, { name: 'Hotline' });
    browser = await launchBrowser();
    ({ context, page } = await openPage(browser, pageErrors));
    await page.goto(`${server.url}/login`);
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByTestId('user-menu').waitFor();
  }, 180_000);

  afterAll(() => closeAll(context, browser, server));

  it("shows the server's sentence when a group in use is not deleted, and keeps the group", async () => {
    await page.getByRole('link', { name: 'ACD groups' }).click();
    await page.getByRole('button', { name: 'Delete Sales' }).click();
    await page.getByRole('button', { name: 'Delete group' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The group was not deleted' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      'The ACD group "Sales" is used by the active version of routing application "Hotline"; point them elsewhere first.',
    );
    await screenshot(page, 'delete-in-use-01-group-refused');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('cell', { name: 'Sales', exact: true }).waitFor();
  });

  it('shows why an SMS was written off in its traffic detail, without a graph to draw', async () => {
    // An SMS that earlier server lives claimed as often as allowed: the next sweep writes it off.
    const smsId = uuid7();
    await server.switchboard.database.db
      .insertInto('inbound_sms')
      .values({
        id: smsId,
        client_id: state.clientId,
        connector_id: state.connectorId,
        sender: '+491701234567',
        sender_normalized: '+491701234567',
        receiver: '+4930555000',
        receiver_normalized: '+4930555000',
        message: 'Never routed',
        keyword: null,
        message_id: null,
        status: 'received',
        raw: '{}',
        routing_lease_until: null,
        routing_attempts: 5,
      })
      .execute();
    await server.switchboard.engine.sweep();
    expect((await server.admin.get(`/api/sms/${smsId}`)).body.status).toBe('routed');

    await page.getByRole('link', { name: 'Traffic' }).click();
    await page.getByTestId('sms-row').filter({ hasText: 'Never routed' }).click();
    const execution = page.getByTestId('execution');
    await expect
      .poll(() => execution.getByTestId('outcome').textContent())
      .toContain('Failed: Routing was attempted 5 times without finishing; the server log has the errors');
    expect(await page.getByTestId('media-event').textContent()).toContain('Fallback');
    await execution.getByTestId('no-run-path').waitFor();
    expect(await execution.getByText('The graph of this run could not be loaded').count()).toBe(0);
    await screenshot(page, 'delete-in-use-02-written-off');
  });

  it('threw no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
