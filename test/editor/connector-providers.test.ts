import { beforeAll, describe, expect, it } from 'vitest';
import { fakeTwilio } from '../support/fake-providers';
import { createAcdGroup, createTenant, waitFor } from '../support/fixtures';
import { rawRequest } from '../support/raw-request';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/test-server';
import { choose, labelled, screenshot, signIn } from './browser';
import { browserStory } from './browser-story';

const SECRET = 'twilio-auth-token-0123456789abcdef';
const RECIPIENT = '+49301112223';
const twilio = fakeTwilio(SECRET);

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

    // Twilio signs every request, so the admin lets it deliver without the token; the secret stays.
    const form = ui.page.getByTestId('connector-form');
    await form.getByLabel('Require token').uncheck();
    await form.getByRole('button', { name: 'Save connector' }).click();
    await form.waitFor({ state: 'detached' });
    const saved = (await ui.server.admin.get(`/api/connectors/${state.connectorId}`)).body;
    expect(saved).toMatchObject({ requireToken: false, hasProviderSecret: true, signatureCheck: 'enforce' });
  });

  let refusedStatus = 0;
  let wrongSignature = '';

  it("shows the connector's delivery log, filtered by status, and a row's redacted request", async () => {
    await deliver('First');
    const refused = await deliver('Second', { wrongSecret: true });
    refusedStatus = refused.status;
    wrongSignature = refused.signature;
    await deliver('Third');
    expect(refusedStatus).toBeGreaterThanOrEqual(400);
    expect(refusedStatus).toBeLessThan(500);
    // The log is written in batches: the page is opened once all three lines are in.
    await waitFor('three lines in the delivery log', async () => {
      const page = await ui.server.admin.get(`/api/connectors/${state.connectorId}/deliveries`);
      return page.body.items.length >= 3 ? true : undefined;
    });

    await ui.page.getByRole('button', { name: 'Details of Twilio hotline' }).click();
    const detail = ui.page.getByTestId('connector-detail');
    expect((await detail.getByTestId('webhook-url').textContent())!.trim()).toBe(`${ui.server.url}/SMSReceiver/twilio`);
    const rows = detail.getByTestId('delivery-row');
    await rows.nth(2).waitFor();
    expect(await statusesShown()).toEqual(['200', '200', String(refusedStatus)]);
    await detail.getByTestId('connector-status-counts').waitFor();
    expect(await detail.getByTestId('connector-status-counts').textContent()).toContain(`${refusedStatus}: 1`);
    expect(await detail.getByTestId('connector-last-delivery').textContent()).not.toBe('None yet');
    await screenshot(ui.page, 'connector-providers-03-delivery-log');

    await choose(ui.page, detail.getByTestId('delivery-status-filter'), '4xx (refused)');
    await expect.poll(statusesShown).toEqual([String(refusedStatus)]);
    await choose(ui.page, detail.getByTestId('delivery-status-filter'), '200');
    await expect.poll(statusesShown).toEqual(['200', '200']);

    await choose(ui.page, detail.getByTestId('delivery-status-filter'), '4xx (refused)');
    await expect.poll(statusesShown).toEqual([String(refusedStatus)]);
    await rows.first().click();
    const request = ui.page.getByTestId('delivery-request');
    await request.waitFor();
    const text = (await request.textContent()) ?? '';
    expect(text).toContain('POST /SMSReceiver/twilio');
    expect(text).toContain('x-twilio-signature: [redacted]');
    expect(text).toContain('Body=Second');
    expect(text).not.toContain(wrongSignature);
    expect(text).not.toContain(SECRET);
    await screenshot(ui.page, 'connector-providers-04-request');
  });

  it('shows system admins the requests no connector took', async () => {
    await ui.page.keyboard.press('Escape');
    await ui.page.getByTestId('connector-detail').waitFor({ state: 'detached' });
    const unknown = await deliver('To nobody', {}, '+4930999999');
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    await waitFor('the unmatched request in the log', async () => {
      const page = await ui.server.admin.get('/api/delivery-log/unmatched');
      return page.body.items.length >= 1 ? true : undefined;
    });
    await ui.page.getByTestId('unmatched-tab').click();
    const unmatched = ui.page.getByTestId('unmatched-deliveries');
    await unmatched.getByTestId('delivery-row').first().waitFor();
    expect(await unmatched.getByTestId('delivery-row').count()).toBe(1);
    expect(await unmatched.getByTestId('delivery-row').textContent()).toContain('+4930999999');
    await screenshot(ui.page, 'connector-providers-05-unmatched');
  });

  it('gives a client the country its national numbers are read in', async () => {
    await ui.page.goto(`${ui.server.url}/clients`);
    await ui.page.getByRole('button', { name: 'Edit Acme Insurance' }).click();
    const country = ui.page.getByTestId('client-default-country');
    await country.fill('Germ');
    await ui.page.getByRole('option', { name: 'Germany (DE)' }).click();
    await ui.page.getByRole('button', { name: 'Save client' }).click();
    await ui.page.getByRole('dialog').waitFor({ state: 'detached' });
    expect((await ui.server.admin.get(`/api/clients/${state.clientId}`)).body.defaultCountry).toBe('DE');
  });

  /** The statuses of the delivery log's rows, sorted. */
  async function statusesShown(): Promise<string[]> {
    const rows = ui.page.getByTestId('connector-detail').getByTestId('delivery-row');
    const statuses = await Promise.all(
      (await rows.all()).map(async (row) => (await row.getAttribute('data-status')) ?? ''),
    );
    return statuses.sort();
  }

  /** An SMS as Twilio delivers it, signed with the connector's auth token (or, if asked, another one). */
  async function deliver(text: string, options: { wrongSecret?: boolean } = {}, to = RECIPIENT) {
    const delivery = twilio.deliver({ from: '+491701234567', to, text }, { origin: ui.server.url, ...options });
    const answer = await rawRequest(ui.server.url, delivery);
    return { status: answer.status, signature: delivery.headers['x-twilio-signature'] ?? '' };
  }
});
