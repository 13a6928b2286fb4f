import { describe, expect, it } from 'vitest';
import { createAcdGroup, createSendConnector, createTenant } from '../support/fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/test-server';
import { choose, labelled, screenshot, signIn } from './browser';
import { browserStory } from './browser-story';

interface Draft {
  graph: { nodes: Array<{ id: string; type: string; config: Record<string, unknown> }> };
  problems: Array<{ nodeId?: string }>;
}

// An admin creates a routing application from the out-of-hours template: the draft has the
// example's nodes without groups, the editor marks where the client's groups go, and once they are
// chosen a test run on a Sunday shows the auto-reply it would send, recorded, not sent.
describe('a routing application from a template', { timeout: 120_000 }, () => {
  const state = { clientId: '', day: '', night: '', sendConnectorId: '', applicationId: '' };
  const ui = browserStory(async (server) => {
    state.clientId = (await createTenant(server.admin, { client: 'Acme Templates' })).clientId;
    state.day = (await createAcdGroup(server.admin, { name: 'Day team', clientId: state.clientId })).id;
    state.night = (await createAcdGroup(server.admin, { name: 'Night desk', clientId: state.clientId })).id;
    state.sendConnectorId = (
      await createSendConnector(server.admin, { name: 'Replies out', clientId: state.clientId })
    ).id;
  });

  it('offers every example in the dialog and creates the draft from the one chosen', async () => {
    const { page, server } = ui;
    await page.goto(`${server.url}/login`);
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByTestId('user-menu').waitFor();
    await page.goto(`${server.url}/routing-applications`);
    await page.getByTestId('new-application').click();
    const dialog = page.getByRole('dialog', { name: 'New routing application' });
    await dialog.getByLabel(labelled('Name')).fill('After-hours line');
    await dialog.getByTestId('application-template').click();
    for (const name of [
      'An empty application',
      'Keyword routing',
      'Business hours',
      'CRM VIP lookup',
      'Out-of-hours auto-reply',
    ])
      await page.getByRole('option', { name, exact: true }).waitFor();
    await page.getByRole('option', { name: 'Out-of-hours auto-reply', exact: true }).click();
    await dialog.getByText('We are closed, we answer from 8:00.', { exact: false }).waitFor();
    await screenshot(page, 'application-from-template-01-dialog');
    await dialog.getByRole('button', { name: 'Create and open editor' }).click();
    await page.getByTestId('node-auto-reply').waitFor();
    state.applicationId = new URL(page.url()).pathname.split('/').at(-1)!;

    const draft = (await server.admin.get<Draft>(`/api/routing-applications/${state.applicationId}/draft`)).body;
    expect(draft.graph.nodes.map((node) => node.type)).toEqual([
      'start',
      'business_hours',
      'route_to_acd_group',
      'send_sms',
      'route_to_acd_group',
    ]);
    // The groups are left for the admin: a problem on each route, and on nothing else.
    expect(new Set(draft.problems.map((problem) => problem.nodeId))).toEqual(
      new Set(['route-day', 'route-after-hours']),
    );
    expect(await page.getByTestId('node-auto-reply').textContent()).toContain('To the sender');
    await page.getByTestId('problems-of-route-day').waitFor();
    await page.getByTestId('problems-of-route-after-hours').waitFor();
    await screenshot(page, 'application-from-template-02-groups-to-choose');
    expect(ui.pageErrors).toEqual([]);
  });

  it('is completed in the inspector and its test run lists the SMS it would send', async () => {
    const { page, server } = ui;
    const inspector = page.getByTestId('inspector');
    for (const [node, group] of [
      ['route-day', 'Day team'],
      ['route-after-hours', 'Night desk'],
    ] as const) {
      await page.getByTestId(`node-${node}`).click();
      await choose(page, inspector.locator('[data-path="acdGroupId"]'), group);
      await page.getByTestId(`problems-of-${node}`).waitFor({ state: 'detached' });
    }
    // The send connector: the SMS's own by default, or one of the client's.
    await page.getByTestId('node-auto-reply').click();
    const connector = inspector.locator('[data-path="sendConnectorId"]');
    await expect.poll(() => connector.inputValue()).toContain('The SMS’s own');
    await choose(page, connector, 'Replies out');
    await screenshot(page, 'application-from-template-03-send-sms-inspector');

    // A saved case on a Sunday: closed, so the auto-reply goes out and the SMS to the night desk.
    const saved = await server.admin.post(`/api/routing-applications/${state.applicationId}/test-cases`, {
      name: 'Sunday morning',
      sender: '+491701234567',
      message: 'Are you open?',
      at: '2026-03-29T08:00:00Z',
    });
    expect(saved.status).toBe(201);
    await page.getByRole('tab', { name: 'Test' }).click();
    await page.getByRole('button', { name: 'Run “Sunday morning” on the graph on the canvas' }).click();
    await expect.poll(() => page.getByTestId('outcome').textContent()).toContain('Routed to Night desk');
    const sent = page.getByTestId('sent-sms');
    await sent.waitFor();
    await sent.scrollIntoViewIfNeeded();
    const text = await sent.textContent();
    expect(text).toContain('+491701234567');
    expect(text).toContain('We are closed, we answer from 8:00.');
    expect(text).toContain('Replies out');
    expect(text).toContain('recorded, not sent');
    await screenshot(page, 'application-from-template-04-test-run');

    const outbound = await server.admin.get<{ items: unknown[] }>(`/api/outbound-sms?clientId=${state.clientId}`);
    expect(outbound.status).toBe(200);
    expect(outbound.body.items).toEqual([]);
    expect(ui.pageErrors).toEqual([]);
  });
});
