import { beforeAll, describe, expect, it } from 'vitest';
import { uuid7 } from '../../server/db/uuid7';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/test-server';
import { aGraph } from '../workflows/fixtures';
import { createAcdGroup, createTenant, publishWithConnector } from '../support/fixtures';
import { screenshot, signIn } from './browser';
import { browserStory } from './browser-story';

// What the web UI shows when Switchboard refuses to delete something in use, and when it wrote
// off an SMS it could not route.
describe('objects in use and written-off SMS in the web UI', { timeout: 120_000 }, () => {
  const state = { clientId: '', connectorId: '', salesId: '', fallbackId: '' };

  const ui = browserStory(async (server) => {
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
  });
  beforeAll(async () => {
    await ui.page.goto(`${ui.server.url}/login`);
    await signIn(ui.page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await ui.page.getByTestId('user-menu').waitFor();
  }, 60_000);

  it("shows the server's sentence when a group in use is not deleted, and keeps the group", async () => {
    await ui.page.getByRole('link', { name: 'ACD groups' }).click();
    await ui.page.getByRole('button', { name: 'Delete Sales' }).click();
    await ui.page.getByRole('button', { name: 'Delete group' }).click();
    const alert = ui.page.getByRole('alert').filter({ hasText: 'The group was not deleted' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      'The ACD group "Sales" is used by the active version of routing application "Hotline"; point them elsewhere first.',
    );
    await screenshot(ui.page, 'delete-in-use-01-group-refused');
    await ui.page.getByRole('button', { name: 'Cancel' }).click();
    await ui.page.getByRole('cell', { name: 'Sales', exact: true }).waitFor();
  });

  it('shows why an SMS was written off in its traffic detail, without a graph to draw', async () => {
    // An SMS that earlier server lives claimed as often as allowed: the next sweep writes it off.
    const smsId = uuid7();
    await ui.server.switchboard.database.db
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
    await ui.server.switchboard.engine.sweep();
    expect((await ui.server.admin.get(`/api/sms/${smsId}`)).body.status).toBe('routed');

    await ui.page.getByRole('link', { name: 'Traffic' }).click();
    await ui.page.getByTestId('sms-row').filter({ hasText: 'Never routed' }).click();
    const execution = ui.page.getByTestId('execution');
    await expect
      .poll(() => execution.getByTestId('outcome').textContent())
      .toContain('Failed: Routing was attempted 5 times without finishing; the server log has the errors');
    expect(await ui.page.getByTestId('media-event').textContent()).toContain('Fallback');
    await execution.getByTestId('no-run-path').waitFor();
    expect(await execution.getByText('The graph of this run could not be loaded').count()).toBe(0);
    await screenshot(ui.page, 'delete-in-use-02-written-off');
  });

  it('threw no errors in the page', () => {
    expect(ui.pageErrors).toEqual([]);
  });
});
