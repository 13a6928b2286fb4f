import { beforeAll, describe, expect, it } from 'vitest';
import { uuid7 } from '../../server/db/uuid7';
import { createAcdGroup, createTenant } from '../support/fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/test-server';
import { choose, labelled, screenshot, signIn } from './browser';
import { browserStory } from './browser-story';

const SECRET = 'twilio-auth-token-0123456789abcdef';
const RECIPIENT = '+49301112223';

// An admin connects a Twilio number: the page gives the URL to paste into Twilio's console, never
// shows the auth token again, and shows what arrived in the connector's delivery log.
describe('a connector of a native provider', { timeout: 120_000 }, () => {
  const state = { clientId: '', connectorId: '', token: '' };

  const ui = browserStory(async (server) => {
    state.clientId = (await createTenant(server.admin, { client: 'Acme Insurance' })).clientId;
    await createAcdGroup(server.admin, { name: 'Hotline', clientId: state.clientId });
  });
  beforeAll(async () => {
    await ui.page.goto(`${ui.server.url}/login`);
    await signIn(ui.page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await ui.page.getByTestId('user-menu').waitFor();
  }, 60_000);

  const pageText = async () => (await ui.page.locator('body').textContent()) ?? '';

  it('creates a Twilio connector with its auth token and shows the webhook URL of /SMSReceiver/twilio', async () => {
    await ui.page.goto(`${ui.server.url}/connectors`);
    await ui.page.getByTestId('new-connector').click();
    const form = ui.page.getByTestId('connector-form');
    await form.getByLabel(labelled('Name')).fill('Twilio hotline');
    await form.getByLabel(labelled('Recipient')).fill(RECIPIENT);
    await choose(ui.page, form.getByTestId('connector-provider'), 'Twilio');
    await form.getByLabel('Twilio auth token').fill(SECRET);
    // With a secret, signatures are enforced unless the admin says otherwise.
    expect(await form.getByRole('radio', { name: 'Enforce' }).isChecked()).toBe(true);
    await choose(ui.page, form.getByTestId('connector-acd-group'), 'Hotline');
    await screenshot(ui.page, 'connector-providers-01-form');
    await form.getByRole('button', { name: 'Create connector' }).click();

    state.token = (await ui.page.getByTestId('new-token').textContent())!.trim();
    const url = (await ui.page.getByTestId('webhook-url-token').textContent())!.trim();
    expect(url).toBe(`${ui.server.url}/SMSReceiver/twilio?token=${state.token}`);
    expect(await pageText()).not.toContain(SECRET);
    await ui.page.getByRole('button', { name: 'I have copied the token' }).click();

    const saved = (await ui.server.admin.get(`/api/connectors?clientId=${state.clientId}`)).body.items as Array<{
      id: string;
      provider: string;
      hasProviderSecret: boolean;
      signatureCheck: string;
    }>;
    expect(saved).toMatchObject([{ provider: 'twilio', hasProviderSecret: true, signatureCheck: 'enforce' }]);
    state.connectorId = saved[0]!.id;
    const row = ui.page.getByTestId('connector-row').filter({ hasText: 'Twilio hotline' });
    expect(await row.textContent()).toContain('Twilio');
  });

  it('after a reload, offers the URL without the token, says where it goes, and never shows the secret', async () => {
    await ui.page.reload();
    await ui.page.getByRole('button', { name: 'Actions for Twilio hotline' }).click();
    await ui.page.getByRole('menuitem', { name: 'Provider URL' }).click();
    const dialog = ui.page.getByRole('dialog', { name: 'Provider URL of Twilio hotline' });
    const url = (await dialog.getByTestId('webhook-url').textContent())!.trim();
    expect(url).toBe(`${ui.server.url}/SMSReceiver/twilio`);
    expect(await dialog.textContent()).toContain('A message comes in');
    expect(await dialog.getByTestId('provider-url-hint').textContent()).toContain('?token=');
    await screenshot(ui.page, 'connector-providers-02-webhook-url');
    await ui.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // The form keeps the secret's field empty and says one is set.
    await ui.page.getByRole('button', { name: 'Actions for Twilio hotline' }).click();
    await ui.page.getByRole('menuitem', { name: 'Edit' }).click();
    const secret = ui.page.getByTestId('connector-form').getByLabel('Twilio auth token');
    expect(await secret.inputValue()).toBe('');
    expect(await secret.getAttribute('placeholder')).toBe('Set — enter a new one to replace it');
    expect(await pageText()).not.toContain(SECRET);
    expect(await ui.page.content()).not.toContain(SECRET);
    await ui.page.getByRole('button', { name: 'Cancel' }).click();
    await ui.page.getByTestId('connector-form').waitFor({ state: 'detached' });
  });

  it("shows the connector's delivery log, filtered by status, and a row's redacted request", async () => {
    await seedDeliveries();

    await ui.page.getByRole('button', { name: 'Details of Twilio hotline' }).click();
    const detail = ui.page.getByTestId('connector-detail');
    expect((await detail.getByTestId('webhook-url').textContent())!.trim()).toBe(`${ui.server.url}/SMSReceiver/twilio`);
    const rows = detail.getByTestId('delivery-row');
    await rows.nth(2).waitFor();
    expect(await statusesShown()).toEqual(['401', '200', '200'].sort());
    await detail.getByTestId('connector-status-counts').waitFor();
    expect(await detail.getByTestId('connector-status-counts').textContent()).toContain('401: 1');
    expect(await detail.getByTestId('connector-last-delivery').textContent()).not.toBe('None yet');
    await screenshot(ui.page, 'connector-providers-03-delivery-log');

    await choose(ui.page, detail.getByTestId('delivery-status-filter'), '4xx (refused)');
    await expect.poll(statusesShown).toEqual(['401']);
    await choose(ui.page, detail.getByTestId('delivery-status-filter'), '200');
    await expect.poll(statusesShown).toEqual(['200', '200']);

    await rows.first().click();
    const request = ui.page.getByTestId('delivery-request');
    await request.waitFor();
    const text = (await request.textContent()) ?? '';
    expect(text).toContain('POST /SMSReceiver/twilio');
    expect(text).toContain('[redacted]');
    expect(text).not.toContain(state.token);
    await screenshot(ui.page, 'connector-providers-04-request');
  });

  /** The statuses of the delivery log's rows, sorted. */
  async function statusesShown(): Promise<string[]> {
    const rows = ui.page.getByTestId('connector-detail').getByTestId('delivery-row');
    const statuses = await Promise.all(
      (await rows.all()).map(async (row) => (await row.getAttribute('data-status')) ?? ''),
    );
    return statuses.sort();
  }

  /** Two deliveries and a refused one, as the receiver records them. */
  async function seedDeliveries(): Promise<void> {
    const attempt = (status: number, outcome: 'accepted' | 'refused', reason: string, secondsAgo: number) => ({
      id: uuid7(),
      received_at: new Date(Date.now() - secondsAgo * 1000),
      provider: 'twilio' as const,
      connector_id: state.connectorId,
      client_id: state.clientId,
      status,
      outcome,
      reason,
      reason_sentence: null,
      sms_id: null,
      client_address: '127.0.0.1',
      request: JSON.stringify({
        method: 'POST',
        path: '/SMSReceiver/twilio',
        query: { token: '[redacted]' },
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': '[redacted]' },
        body: `MessageSid=SM${status}${secondsAgo}&From=%2B491701234567&To=${encodeURIComponent(RECIPIENT)}&Body=Hello`,
      }),
    });
    await ui.server.switchboard.database.db
      .insertInto('delivery_attempt')
      .values([
        attempt(200, 'accepted', 'Stored', 30),
        attempt(401, 'refused', 'The signature in X-Twilio-Signature does not match', 20),
        attempt(200, 'accepted', 'Stored', 10),
      ])
      .execute();
  }
});
