import { describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/test-server';
import { createTenant, deliver } from '../support/fixtures';
import { choose, connect, dropNode, labelled, screenshot, signIn } from './browser';
import { browserStory } from './browser-story';

// One story, in order, the way an admin sets Switchboard up: each step needs the ones before.
describe('the web UI', { timeout: 120_000 }, () => {
  const state = { token: '', clientId: '', applicationId: '' };

  const ui = browserStory(async (server) => {
    const client = await createTenant(server.admin, { reseller: 'Northwind Telecom', client: 'Acme Insurance' });
    state.clientId = client.clientId;
  });

  it('asks to log in, refuses a wrong password with the API sentence, then shows the shell', async () => {
    await ui.page.goto(`${ui.server.url}/connectors`);
    await ui.page.waitForURL(/\/login/);
    await signIn(ui.page, ADMIN_EMAIL, 'wrong password');
    await expect.poll(() => ui.page.getByRole('alert').textContent()).toContain('Wrong e-mail or password');
    await screenshot(ui.page, '01-login');

    await ui.page.getByLabel(labelled('Password')).fill(ADMIN_PASSWORD);
    await ui.page.getByRole('button', { name: 'Sign in' }).click();
    await ui.page.waitForURL(/\/connectors$/);
    await expect.poll(() => ui.page.getByTestId('user-menu').textContent()).toContain('System admin');
    await expect
      .poll(() =>
        ui.page
          .getByRole('textbox', { name: 'Client' })
          .or(ui.page.getByRole('combobox', { name: 'Client' }))
          .inputValue(),
      )
      .toBe('Acme Insurance');
  });

  it('creates ACD groups', async () => {
    await ui.page.getByRole('link', { name: 'ACD groups' }).click();
    for (const name of ['Support', 'Sales']) {
      await ui.page.getByRole('button', { name: 'New ACD group' }).click();
      await ui.page.getByLabel(labelled('Name')).fill(name);
      await ui.page.getByRole('button', { name: 'Create ACD group' }).click();
      await ui.page.getByRole('cell', { name, exact: true }).waitFor();
    }
    await screenshot(ui.page, '02-acd-groups');
  });

  it('creates a connector, showing validation next to the field and the token once', async () => {
    await ui.page.getByRole('link', { name: 'Connectors' }).click();
    await ui.page.getByTestId('new-connector').click();
    const form = ui.page.getByTestId('connector-form');
    await form.getByLabel(labelled('Name')).fill('Hotline Berlin');
    await form.getByLabel(labelled('Recipient')).fill('not a number');
    await expect.poll(() => form.getByText('Enter a phone number such as +49301234567').count()).toBe(1);
    // The server's rule, in the form: a national number names no country, so it is no recipient.
    await form.getByLabel(labelled('Recipient')).fill('030 1234567');
    await expect.poll(() => form.getByText('Enter a phone number such as +49301234567').count()).toBe(1);
    await form.getByLabel(labelled('Recipient')).fill('+49 30 1234567');
    await choose(ui.page, form.getByTestId('connector-acd-group'), 'Support');
    await form.getByLabel(labelled('Incoming SMS subject')).fill('SMS to the hotline');
    await screenshot(ui.page, '03-connector-form');
    await form.getByRole('button', { name: 'Create connector' }).click();

    const token = ui.page.getByTestId('new-token');
    await token.waitFor();
    state.token = (await token.textContent())!.trim();
    expect(state.token).toMatch(/^sbt_/);
    expect(await ui.page.getByTestId('provider-url-token').textContent()).toContain(
      `/SMSReceiver?receiver=%2B49301234567&sender={sender}&message={message}&token=${state.token}`,
    );
    await screenshot(ui.page, '04-connector-token');
    await ui.page.getByRole('button', { name: 'I have copied the token' }).click();
    const row = ui.page.getByTestId('connector-row').filter({ hasText: 'Hotline Berlin' });
    await row.waitFor();
    expect(await row.textContent()).toContain('+49301234567');
    expect(await row.textContent()).toContain('Support');
    expect(await row.textContent()).toContain(state.token.slice(-4));

    // The API's answer for a taken number lands next to the recipient field.
    await ui.page.getByTestId('new-connector').click();
    await form.getByLabel(labelled('Name')).fill('Duplicate');
    await form.getByLabel(labelled('Recipient')).fill('+49301234567');
    await form.getByRole('button', { name: 'Create connector' }).click();
    await expect.poll(() => form.getByText('Another connector has this recipient number already').count()).toBe(1);
    await ui.page.keyboard.press('Escape');
    await screenshot(ui.page, '05-connectors');
  });

  it('draws a routing application from the palette, validates it live and publishes it', async () => {
    await ui.page.getByRole('link', { name: 'Routing applications' }).click();
    await ui.page.getByTestId('new-application').click();
    await ui.page.getByLabel(labelled('Name')).fill('Hotline routing');
    await ui.page.getByRole('button', { name: 'Create and open editor' }).click();
    await ui.page.waitForURL(/\/routing-applications\/[0-9a-f-]{36}$/);
    state.applicationId = ui.page.url().split('/').at(-1)!;
    await ui.page.getByTestId('palette').waitFor();

    await dropNode(ui.page, 'start', { x: 80, y: 140 });
    await dropNode(ui.page, 'switch', { x: 380, y: 120 });
    await dropNode(ui.page, 'route_to_acd_group', { x: 720, y: 40 });
    await dropNode(ui.page, 'route_to_acd_group', { x: 720, y: 280 });
    for (const id of ['start_1', 'switch_1', 'route_to_acd_group_1', 'route_to_acd_group_2'])
      await ui.page.getByTestId(`node-${id}`).waitFor();

    // A new route node has no group yet: the problem is drawn on the node and listed.
    const route1 = ui.page.getByTestId('node-route_to_acd_group_1');
    expect(await route1.getAttribute('data-problem')).toBe('true');
    expect(Number(await ui.page.getByTestId('problem-count').textContent())).toBeGreaterThan(0);
    expect(await ui.page.getByTestId('publish').isDisabled()).toBe(true);

    // The switch: one case, "text contains HELP".
    await ui.page.getByTestId('node-switch_1').click();
    const inspector = ui.page.getByTestId('inspector');
    await inspector.getByRole('button', { name: 'Add case' }).click();
    await choose(ui.page, inspector.locator('[data-path="cases.0.operator"]'), 'contains');
    await inspector.locator('[data-path="cases.0.value"]').fill('HELP');
    await inspector.locator('[data-path="cases.0.label"]').fill('Help');
    await expect.poll(() => ui.page.getByTestId('node-switch_1').textContent()).toContain('text contains HELP');

    await connect(ui.page, 'start_1', 'next', 'switch_1');
    await connect(ui.page, 'switch_1', 'case_1', 'route_to_acd_group_1');
    await connect(ui.page, 'switch_1', 'default', 'route_to_acd_group_2');
    // A connection into the start node is refused; a second edge from a port replaces the first,
    // says so, and its Undo brings the first back.
    await connect(ui.page, 'switch_1', 'default', 'start_1');
    await connect(ui.page, 'switch_1', 'default', 'route_to_acd_group_1');
    await expect.poll(() => ui.page.locator('.react-flow__edge').count()).toBe(3);
    await ui.page.getByTestId('edge-replaced').getByRole('button', { name: 'Undo' }).click();
    await ui.page.getByTestId('edge-replaced').waitFor({ state: 'detached' });
    await expect.poll(() => ui.page.locator('.react-flow__edge').count()).toBe(3);

    await ui.page.getByTestId('node-route_to_acd_group_1').click();
    await choose(ui.page, inspector.locator('[data-path="acdGroupId"]'), 'Support');
    await inspector.locator('[data-path="subject"]').fill('Help wanted by {{sms.sender}}');
    await expect.poll(() => route1.getAttribute('data-problem')).toBeNull();

    // The remaining problem is listed; clicking it selects its node for the inspector.
    await ui.page.getByTestId('problems-list').locator('[data-node="route_to_acd_group_2"]').click();
    await expect.poll(() => inspector.getByLabel('Node id').inputValue()).toBe('route_to_acd_group_2');
    await screenshot(ui.page, '06-editor-problems');
    await choose(ui.page, inspector.locator('[data-path="acdGroupId"]'), 'Sales');
    await expect.poll(() => ui.page.getByTestId('problem-count').textContent()).toBe('0');
    await ui.page.getByTestId('no-problems').waitFor();

    await ui.page.getByRole('button', { name: 'Auto-layout' }).click();
    await ui.page.locator('[aria-label="Auto-layout"]:not([data-loading])').waitFor();
    await ui.page.keyboard.press('Control+s');
    await ui.page.getByText('Draft · saved').waitFor();

    // Test the draft: HELP goes down the first case.
    await ui.page.getByRole('tab', { name: 'Test' }).click();
    await ui.page.locator('textarea[name="test-message"]').fill('HELP please');
    await ui.page.getByTestId('run-test').click();
    await expect.poll(() => ui.page.getByTestId('outcome').textContent()).toContain('Routed to Support');
    expect(await ui.page.getByTestId('node-route_to_acd_group_1').getAttribute('data-visited')).toBe('true');
    expect(await ui.page.getByTestId('node-route_to_acd_group_2').getAttribute('data-dimmed')).toBe('true');
    expect(await ui.page.locator('.react-flow__edge.edge-taken').count()).toBe(2);
    await screenshot(ui.page, '07-editor-test');

    // Copy, paste and undo from the keyboard; a change to the graph clears the drawn path.
    await ui.page.getByTestId('node-route_to_acd_group_2').click();
    await ui.page.keyboard.press('Control+c');
    await ui.page.keyboard.press('Control+v');
    await ui.page.getByTestId('node-route_to_acd_group_3').waitFor();
    expect(await ui.page.locator('.react-flow__edge.edge-taken').count()).toBe(0);
    await expect.poll(() => ui.page.getByTestId('problem-count').textContent()).not.toBe('0');
    await ui.page.keyboard.press('Control+z');
    await expect.poll(() => ui.page.getByTestId('node-route_to_acd_group_3').count()).toBe(0);
    await expect.poll(() => ui.page.getByTestId('problem-count').textContent()).toBe('0');
    await ui.page.getByText('Draft · saved').waitFor();

    await ui.page.getByTestId('publish').click();
    await ui.page.getByLabel(labelled('Comment')).fill('HELP to Support, the rest to Sales');
    await ui.page.getByTestId('confirm-publish').click();
    await ui.page.getByText('Version 1 published').waitFor();
    await ui.page.getByTestId('versions').getByText('HELP to Support, the rest to Sales').waitFor();
    await ui.page.getByTestId('versions').getByRole('button', { name: 'Set as test' }).click();
    await ui.page.getByText('Test v1').waitFor();
    const senders = ui.page.getByRole('textbox', { name: 'Test senders' }).or(ui.page.getByLabel('Test senders'));
    await senders.first().fill('+491709999999');
    await ui.page.keyboard.press('Enter');
    await ui.page.getByRole('button', { name: 'Save', exact: true }).click();
    await ui.page.getByText('Test senders saved').waitFor();
    await screenshot(ui.page, '08-editor-versions');
    const application = await ui.server.admin.get(`/api/routing-applications/${state.applicationId}`);
    expect(application.body.testSenders).toEqual(['+491709999999']);
    expect(application.body.testVersionId).toBe(application.body.activeVersionId);

    const versions = await ui.server.admin.get(`/api/routing-applications/${state.applicationId}/versions`);
    expect(versions.body.items).toHaveLength(1);
  });

  it('points the connector at the application', async () => {
    await ui.page.goto(`${ui.server.url}/connectors`);
    await ui.page.getByRole('button', { name: 'Actions for Hotline Berlin' }).click();
    await ui.page.getByRole('menuitem', { name: 'Edit' }).click();
    const form = ui.page.getByTestId('connector-form');
    await form.getByText('Routing application', { exact: true }).click();
    await choose(ui.page, form.getByRole('combobox', { name: 'Routing application' }), 'Hotline routing');
    await form.getByRole('button', { name: 'Save connector' }).click();
    await ui.page.getByTestId('connector-row').filter({ hasText: 'Hotline routing' }).waitFor();
  });

  it('shows delivered SMS on the traffic page with the path they took', async () => {
    // Two customers: a customer's second SMS would join their open conversation without a routing run.
    for (const [message, sender] of [
      ['HELP with my policy', '+491701234567'],
      ['Hello there', '+491701234568'],
    ] as const) {
      await deliver(ui.server.url, { receiver: '+49301234567', sender, message, token: state.token });
    }
    await expect
      .poll(
        async () =>
          (await ui.server.admin.get(`/api/sms?clientId=${state.clientId}`)).body.items.map(
            (sms: { status: string }) => sms.status,
          ),
        { timeout: 15_000 },
      )
      .toEqual(['routed', 'routed']);

    await ui.page.getByRole('link', { name: 'Traffic' }).click();
    const rows = ui.page.getByTestId('sms-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('Hello there');
    expect(await rows.first().textContent()).toContain('Sales');
    await screenshot(ui.page, '09-traffic');

    await rows.filter({ hasText: 'HELP with my policy' }).click();
    const run = ui.page.getByTestId('run-canvas');
    await run.waitFor();
    await expect
      .poll(() => ui.page.getByTestId('execution').getByTestId('outcome').textContent())
      .toContain('Routed to Support');
    expect(await run.locator('[data-testid="node-route_to_acd_group_1"]').getAttribute('data-visited')).toBe('true');
    expect(await run.locator('[data-testid="node-route_to_acd_group_2"]').getAttribute('data-dimmed')).toBe('true');
    expect(await run.locator('.react-flow__edge.edge-taken').count()).toBe(2);
    expect(await ui.page.getByTestId('media-event').textContent()).toContain('Help wanted by +491701234567');
    await screenshot(ui.page, '10-traffic-detail');
  });

  it('filters the traffic by status', async () => {
    await ui.page.keyboard.press('Escape');
    await choose(ui.page, ui.page.getByTestId('filter-status'), 'Failed');
    await ui.page.getByText('No SMS match these filters').waitFor();
    await ui.page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => ui.page.getByTestId('sms-row').count()).toBe(2);
  });

  it('shows a client admin the connectors read-only, without a client switcher', async () => {
    const created = await ui.server.admin.post('/api/users', {
      email: 'carla@acme.test',
      password: 'client admin password',
      role: 'client_admin',
      clientId: state.clientId,
      displayName: 'Carla Client',
    });
    expect(created.status).toBe(201);
    const other = await ui.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    try {
      const clientPage = await other.newPage();
      await clientPage.goto(`${ui.server.url}/login`);
      await signIn(clientPage, 'carla@acme.test', 'client admin password');
      await clientPage.getByRole('link', { name: 'Connectors' }).click();
      await clientPage.getByText('Connectors are set up by your reseller or system administrator').waitFor();
      await clientPage.getByTestId('connector-row').filter({ hasText: 'Hotline Berlin' }).waitFor();
      expect(await clientPage.getByTestId('new-connector').count()).toBe(0);
      expect(await clientPage.getByTestId('client-switcher').count()).toBe(0);
      expect(await clientPage.getByTestId('user-menu').textContent()).toContain('Client admin');
      await screenshot(clientPage, '13-connectors-client-admin');
    } finally {
      await other.close();
    }
  });

  it('lists clients for the system admin and signs out', async () => {
    await ui.page.getByRole('link', { name: 'Clients' }).click();
    await ui.page.getByRole('cell', { name: 'Acme Insurance', exact: true }).waitFor();
    await screenshot(ui.page, '11-clients');
    await ui.page.getByRole('link', { name: 'Routing applications' }).click();
    await ui.page.getByRole('link', { name: 'Hotline routing' }).waitFor();
    await screenshot(ui.page, '12-routing-applications');
    await ui.page.getByTestId('user-menu').click();
    await ui.page.getByTestId('logout').click();
    await ui.page.waitForURL(/\/login$/);
    expect(ui.pageErrors).toEqual([]);
  });
});
