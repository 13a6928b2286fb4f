import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAcdGroup, createDirectConnector, createTenant } from '../support/fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/test-server';
import { choose, labelled, screenshot, signIn } from './browser';
import { browserStory } from './browser-story';

const ACCOUNT_SID = `AC${randomBytes(16).toString('hex')}`;
const AUTH_TOKEN = `twilio-send-token-${randomBytes(8).toString('hex')}`;

// An admin sets up a Twilio send connector in the web UI: the driver's fields come from its
// declaration, the auth token is never shown again, and a receive connector's replies are pointed at it.
describe('a send connector in the web UI', { timeout: 120_000 }, () => {
  const state = { clientId: '', receiverId: '', senderId: '' };
  const ui = browserStory(
    async (server) => {
      state.clientId = (await createTenant(server.admin, { client: 'Acme Replies' })).clientId;
      const group = await createAcdGroup(server.admin, { name: 'Replies line', clientId: state.clientId });
      state.receiverId = (
        await createDirectConnector(server.admin, { name: 'Hotline', clientId: state.clientId, acdGroupId: group.id })
      ).id;
    },
    { env: { SWITCHBOARD_SECRET_KEY: randomBytes(32).toString('base64') } },
  );
  beforeAll(async () => {
    await ui.page.goto(`${ui.server.url}/login`);
    await signIn(ui.page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await ui.page.getByTestId('user-menu').waitFor();
  }, 60_000);

  it('is created from the navigation with the Twilio driver’s fields and its auth token', async () => {
    await ui.page.getByRole('link', { name: 'Outbound SMS' }).click();
    await ui.page.getByTestId('new-send-connector').click();
    const form = ui.page.getByTestId('send-connector-form');
    await form.getByLabel(labelled('Name')).fill('Twilio main');
    await choose(ui.page, form.getByTestId('send-connector-driver'), 'Twilio');
    await form.getByLabel(labelled('Default sender')).fill('+49 30 1234567');
    await form.getByLabel(labelled('Account SID')).fill(ACCOUNT_SID);
    await form.getByLabel(labelled('Auth token')).fill(AUTH_TOKEN);
    await screenshot(ui.page, 'send-connectors-01-form');
    await form.getByRole('button', { name: 'Create send connector' }).click();
    await form.waitFor({ state: 'detached' });

    const row = ui.page.getByTestId('send-connector-row').filter({ hasText: 'Twilio main' });
    await row.waitFor();
    expect(await row.textContent()).toContain('+49301234567');
    expect(await row.textContent()).toContain('stored — enter to replace');
    const saved = (await ui.server.admin.get(`/api/send-connectors?clientId=${state.clientId}`)).body.items;
    expect(saved).toMatchObject([
      { name: 'Twilio main', driver: 'twilio', settings: { accountSid: ACCOUNT_SID }, hasCredentials: true },
    ]);
    state.senderId = saved[0].id;
    expect(await ui.page.locator('body').textContent()).not.toContain(AUTH_TOKEN);
  });

  it('keeps the token write-only when edited, and names a wrong setting at its field', async () => {
    await ui.page.getByRole('button', { name: 'Actions for Twilio main' }).click();
    await ui.page.getByRole('menuitem', { name: 'Edit' }).click();
    const form = ui.page.getByTestId('send-connector-form');
    const token = form.getByLabel(labelled('Auth token'));
    expect(await token.inputValue()).toBe('');
    expect(await token.getAttribute('placeholder')).toBe('stored — enter to replace');
    await form.getByLabel(labelled('Account SID')).fill('not-a-sid');
    await form.getByRole('button', { name: 'Save send connector' }).click();
    await form.getByText('must be a Twilio account SID').waitFor();
    await form.getByLabel(labelled('Account SID')).fill(ACCOUNT_SID);
    await form.getByRole('button', { name: 'Save send connector' }).click();
    await form.waitFor({ state: 'detached' });
    const saved = (await ui.server.admin.get(`/api/send-connectors/${state.senderId}`)).body;
    expect(saved).toMatchObject({ hasCredentials: true, settings: { accountSid: ACCOUNT_SID } });
  });

  it('is chosen on the receive connector as the one its replies go through', async () => {
    await ui.page.getByRole('link', { name: 'Connectors', exact: true }).click();
    await ui.page.getByRole('button', { name: 'Actions for Hotline' }).click();
    await ui.page.getByRole('menuitem', { name: 'Edit' }).click();
    const form = ui.page.getByTestId('connector-form');
    await choose(ui.page, form.getByTestId('connector-send-connector'), 'Twilio main');
    await screenshot(ui.page, 'send-connectors-02-replies-go-through');
    await form.getByRole('button', { name: 'Save connector' }).click();
    await form.waitFor({ state: 'detached' });
    const receiver = (await ui.server.admin.get(`/api/connectors/${state.receiverId}`)).body;
    expect(receiver.sendConnectorId).toBe(state.senderId);
    expect(ui.pageErrors).toEqual([]);
  });
});
