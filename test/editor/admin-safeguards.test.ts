import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/test-server';
import { createAcdGroup, createRoutingApplication, createTenant, createUserRecord } from '../support/fixtures';
import { choose, dropNode, labelled, screenshot, signIn } from './browser';
import { browserStory } from './browser-story';

// An admin's work is never thrown away without asking, and a setting never silently lies: a
// system admin on a server without a mail server, in one client.
describe('admin safeguards', { timeout: 120_000 }, () => {
  const state = { clientId: '', groupId: '', applicationId: '', mailAgentId: '', deskAgentId: '' };

  const ui = browserStory(async (server) => {
    const client = await createTenant(server.admin, { reseller: 'Northwind Telecom', client: 'Acme Insurance' });
    state.clientId = client.clientId;
    const agent = async (displayName: string, smsDelivery: 'web' | 'email') => {
      const created = await createUserRecord(server.admin, {
        email: `${displayName.split(' ')[0]!.toLowerCase()}@acme.test`,
        password: 'an agent password',
        role: 'agent',
        clientId: state.clientId,
        displayName,
        smsDelivery,
      });
      expect((await server.admin.put(`/api/agents/${created.id}/status`, { status: 'available' })).status).toBe(200);
      return created.id;
    };
    state.mailAgentId = await agent('Maja By-Mail', 'email');
    state.deskAgentId = await agent('Dario Desk', 'web');
    const group = await createAcdGroup(server.admin, {
      name: 'Support',
      clientId: state.clientId,
      members: [{ agentId: state.mailAgentId }, { agentId: state.deskAgentId }],
    });
    state.groupId = group.id;
    // Where the connector's test SMS go, so that they keep nobody in Support busy.
    await createAcdGroup(server.admin, { name: 'Hotline', clientId: state.clientId });
    const application = await createRoutingApplication(server.admin, {
      name: 'Hotline routing',
      clientId: state.clientId,
    });
    state.applicationId = application.id;
  });
  beforeAll(async () => {
    await ui.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ui.server.url });
    // Each part starts from a fresh page load; a draft left dirty must not hold that up.
    ui.page.on('dialog', (dialog) => void dialog.accept());
    await ui.page.goto(`${ui.server.url}/login`);
    await signIn(ui.page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await ui.page.getByTestId('user-menu').waitFor();
  }, 60_000);

  const draftNodes = async () =>
    (await ui.server.admin.get(`/api/routing-applications/${state.applicationId}/draft`)).body.graph.nodes as unknown[];

  describe('the flow editor with unsaved changes', () => {
    const leaveDialog = () => ui.page.getByRole('dialog', { name: 'Leave without saving?' });

    it('asks before the back arrow leaves; Stay keeps the draft as it is', async () => {
      await ui.page.goto(`${ui.server.url}/routing-applications`);
      await ui.page.getByRole('link', { name: 'Hotline routing' }).click();
      await ui.page.waitForURL(/\/routing-applications\/[0-9a-f-]{36}$/);
      await ui.page.getByTestId('palette').waitFor();
      await dropNode(ui.page, 'start', { x: 120, y: 140 });
      await ui.page.getByTestId('node-start_1').waitFor();
      await ui.page.getByText('Draft · unsaved changes').waitFor();

      await ui.page.getByRole('link', { name: 'Back' }).click();
      await leaveDialog().waitFor();
      expect(await leaveDialog().textContent()).toContain('If you leave now, they are lost');
      await screenshot(ui.page, 'safeguards-01-leave-prompt');
      await leaveDialog().getByRole('button', { name: 'Stay' }).click();
      await leaveDialog().waitFor({ state: 'detached' });
      expect(ui.page.url()).toMatch(new RegExp(`/routing-applications/${state.applicationId}$`));
      expect(await ui.page.getByTestId('node-start_1').count()).toBe(1);
      await ui.page.getByText('Draft · unsaved changes').waitFor();

      // The browser's back button is asked about too.
      await ui.page.goBack();
      await leaveDialog().waitFor();
      await leaveDialog().getByRole('button', { name: 'Stay' }).click();
      await leaveDialog().waitFor({ state: 'detached' });
      expect(ui.page.url()).toMatch(new RegExp(`/routing-applications/${state.applicationId}$`));
      expect(await ui.page.getByTestId('node-start_1').count()).toBe(1);
      expect(await draftNodes()).toEqual([]);
    });

    it('Leave discards the changes and goes back to the list', async () => {
      await ui.page.getByRole('link', { name: 'Back' }).click();
      await leaveDialog()
        .getByRole('button', { name: /^Leave/ })
        .click();
      await ui.page.waitForURL(/\/routing-applications$/);
      expect(await draftNodes()).toEqual([]);

      // Opened again, the draft is as saved: nothing to lose, so the back arrow does not ask.
      await ui.page.getByRole('link', { name: 'Hotline routing' }).click();
      await ui.page.getByText('Draft · saved').waitFor();
      expect(await ui.page.getByTestId('node-start_1').count()).toBe(0);
      await ui.page.getByRole('link', { name: 'Back' }).click();
      await ui.page.waitForURL(/\/routing-applications$/);
      expect(await leaveDialog().count()).toBe(0);
    });
  });

  describe("a connector's provider URL", () => {
    let token = '';
    // Runs in the page, where `navigator` exists (the test's tsconfig has no DOM types).
    const clipboard = () => ui.page.evaluate<string>('navigator.clipboard.readText()');
    /** The URL as a provider fills it in, then calls it. */
    const providerCalls = async (url: string) =>
      (await fetch(url.replace('{sender}', '%2B491701234567').replace('{message}', 'Hello'))).status;

    it('right after creation, offers a copy with the real token, which a provider can use', async () => {
      await ui.page.goto(`${ui.server.url}/connectors`);
      await ui.page.getByTestId('new-connector').click();
      const form = ui.page.getByTestId('connector-form');
      await form.getByLabel(labelled('Name')).fill('Hotline Berlin');
      await form.getByLabel(labelled('Recipient')).fill('+49301234567');
      await choose(ui.page, form.getByTestId('connector-acd-group'), 'Hotline');
      await form.getByRole('button', { name: 'Create connector' }).click();

      token = (await ui.page.getByTestId('new-token').textContent())!.trim();
      expect(token).toMatch(/^sbt_/);
      await ui.page.getByRole('button', { name: 'Copy Provider URL with token' }).click();
      const copied = await clipboard();
      expect(copied).toBe(
        `${ui.server.url}/SMSReceiver?receiver=%2B49301234567&sender={sender}&message={message}&token=${token}`,
      );
      expect(await providerCalls(copied)).toBe(200);
      await ui.page.getByRole('button', { name: 'I have copied the token' }).click();
      await ui.page.getByRole('dialog').waitFor({ state: 'detached' });

      // While this page still knows the token, the Provider URL dialog offers it too.
      await ui.page.getByRole('button', { name: 'Actions for Hotline Berlin' }).click();
      await ui.page.getByRole('menuitem', { name: 'Provider URL' }).click();
      await ui.page.getByRole('button', { name: 'Copy With token' }).click();
      expect(await clipboard()).toBe(copied);
      await ui.page.keyboard.press('Escape');
      await ui.page.getByRole('dialog').waitFor({ state: 'detached' });
    });

    it('later offers no copy with a token, and says the token must be put in or sent as a header', async () => {
      await ui.page.reload();
      await ui.page.getByRole('button', { name: 'Actions for Hotline Berlin' }).click();
      await ui.page.getByRole('menuitem', { name: 'Provider URL' }).click();
      const dialog = ui.page.getByRole('dialog', { name: 'Provider URL of Hotline Berlin' });
      await dialog.getByTestId('provider-url-hint').waitFor();
      const hint = (await dialog.getByTestId('provider-url-hint').textContent()) ?? '';
      expect(hint).toContain('Put in the token');
      expect(hint).toContain(`…${token.slice(-4)}`);
      expect(hint).toContain('X-Switchboard-Token');
      expect(await dialog.getByText('With token', { exact: true }).count()).toBe(0);
      expect(await dialog.textContent()).not.toContain('%3Ctoken');
      await screenshot(ui.page, 'safeguards-02-provider-url-later');

      // Every copy the dialog offers is one that works as it is, once the token is added as the hint says.
      const copies = dialog.getByRole('button', { name: /^Copy / });
      expect(await copies.count()).toBe(1);
      await copies.first().click();
      const copied = await clipboard();
      expect(copied).toBe(`${ui.server.url}/SMSReceiver?receiver=%2B49301234567&sender={sender}&message={message}`);
      expect(await providerCalls(copied)).toBe(401);
      expect(await providerCalls(`${copied}&token=${token}`)).toBe(200);
      await ui.page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    });
  });

  describe('numbers out of range', () => {
    it('are refused in the ACD group form with the field’s message, not clamped', async () => {
      await ui.page.goto(`${ui.server.url}/acd-groups`);
      await ui.page.getByRole('button', { name: 'Edit Support' }).click();
      const form = ui.page.getByTestId('acd-group-form');
      const timeout = form.getByLabel(labelled('Offer timeout (seconds)'));
      const maxWait = form.getByLabel(labelled('Maximum wait (minutes)'));
      await timeout.fill('0');
      await maxWait.fill('-5');
      await form.getByLabel(labelled('Name')).click();
      // Left as typed, and refused with what the field takes.
      expect(await timeout.inputValue()).toBe('0');
      expect(await maxWait.inputValue()).toBe('-5');
      await form.getByText('A whole number of seconds from 5 to 3600').waitFor();
      await form.getByText('Empty, or a whole number of minutes from 1 to 10080 (7 days)').waitFor();

      const priority = form.getByLabel('Priority of Dario Desk');
      await priority.fill('150');
      await form.getByLabel(labelled('Name')).click();
      expect(await priority.inputValue()).toBe('150');
      await form.getByText('A whole number from 0 to 100').waitFor();
      await screenshot(ui.page, 'safeguards-03-group-form-refused');

      await form.getByRole('button', { name: 'Save' }).click();
      expect(await form.isVisible()).toBe(true);
      // Corrected, it saves what was typed.
      await timeout.fill('45');
      await maxWait.fill('');
      await priority.fill('7');
      await form.getByRole('button', { name: 'Save' }).click();
      await form.waitFor({ state: 'detached' });
      const saved = (await ui.server.admin.get(`/api/acd-groups/${state.groupId}`)).body;
      expect(saved).toMatchObject({ offerTimeoutSeconds: 45, maxWaitSeconds: null });
      expect(saved.members).toContainEqual({ agentId: state.deskAgentId, priority: 7 });
    });

    it('are refused in the agent form with the field’s message', async () => {
      await ui.page.goto(`${ui.server.url}/agents`);
      await ui.page.getByRole('button', { name: 'Actions for Dario Desk' }).click();
      await ui.page.getByRole('menuitem', { name: 'Edit' }).click();
      const form = ui.page.getByTestId('agent-form');
      const capacity = form.getByLabel(labelled('Capacity'));
      await capacity.fill('0');
      await form.getByLabel(labelled('Display name')).click();
      expect(await capacity.inputValue()).toBe('0');
      await form.getByText('A whole number from 1 to 100').waitFor();
      await form.getByRole('button', { name: 'Save changes' }).click();
      expect(await form.isVisible()).toBe(true);
      await ui.page.keyboard.press('Escape');
      await form.waitFor({ state: 'detached' });
      expect((await ui.server.admin.get(`/api/users/${state.deskAgentId}`)).body.capacity).toBe(1);
    });

    it('are refused by the API with 400 naming the field', async () => {
      for (const [field, body] of [
        ['offerTimeoutSeconds', { offerTimeoutSeconds: 0 }],
        ['maxWaitSeconds', { maxWaitSeconds: -300 }],
        ['members.0.priority', { members: [{ agentId: state.deskAgentId, priority: 150 }] }],
      ] as const) {
        const response = await ui.server.admin.patch(`/api/acd-groups/${state.groupId}`, body);
        expect(response.status).toBe(400);
        expect(response.body.field).toBe(field);
      }
      const capacity = await ui.server.admin.patch(`/api/users/${state.deskAgentId}`, { capacity: 0 });
      expect(capacity.status).toBe(400);
      expect(capacity.body.field).toBe('capacity');
    });
  });

  describe('an e-mail agent on a server without a mail server', () => {
    it('is shown as not available, with the reason, in the live group view', async () => {
      await ui.page.goto(`${ui.server.url}/acd-groups`);
      await ui.page.getByRole('button', { name: 'Live view of Support' }).click();
      const live = ui.page.getByTestId('group-live');
      const mailRow = live.getByTestId('live-agent').filter({ hasText: 'Maja By-Mail' });
      await mailRow.waitFor();
      const mailText = (await mailRow.textContent()) ?? '';
      expect(mailText).toContain('Not available');
      expect(mailText).toContain('Takes SMS by e-mail, but this server has no mail server');
      const deskRow = live.getByTestId('live-agent').filter({ hasText: 'Dario Desk' });
      expect(await deskRow.textContent()).toContain('Available');
      expect(await deskRow.textContent()).not.toContain('Not available');
      await live.getByTestId('live-no-mail-server').waitFor();
      await expect.poll(() => live.textContent()).toContain('1 of 2 members ready for an SMS');
      await screenshot(ui.page, 'safeguards-04-live-no-mail-server');
      await ui.page.keyboard.press('Escape');
      await live.waitFor({ state: 'hidden' });
    });

    it('is warned about on the Agents page and in the agent form', async () => {
      await ui.page.goto(`${ui.server.url}/agents`);
      const warning = ui.page.getByTestId('agents-no-mail-server');
      await warning.waitFor();
      expect(await warning.textContent()).toContain('One agent takes SMS by e-mail and is never offered an SMS');
      await screenshot(ui.page, 'safeguards-05-agents-no-mail-server');

      await ui.page.getByRole('button', { name: 'Actions for Maja By-Mail' }).click();
      await ui.page.getByRole('menuitem', { name: 'Edit' }).click();
      const form = ui.page.getByTestId('agent-form');
      await form.getByTestId('agent-no-mail-server').waitFor();
      // Switched to the desk, the warning goes.
      await form.locator('label', { hasText: /^Agent desk$/ }).click();
      await expect.poll(() => form.getByTestId('agent-no-mail-server').count()).toBe(0);
      await form.locator('label', { hasText: /^E-mail$/ }).click();
      await form.getByTestId('agent-no-mail-server').waitFor();
      await screenshot(ui.page, 'safeguards-06-agent-form-no-mail-server');
      await ui.page.keyboard.press('Escape');
      await form.waitFor({ state: 'detached' });
    });
  });

  it('raised no error in the page', () => {
    expect(ui.pageErrors).toEqual([]);
  });
});
