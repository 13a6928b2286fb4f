import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditorIfStale } from '../../editor/build-if-stale';
import { startFakeSmsGateway, type FakeSmsGateway } from '../support/fake-sms-gateway';
import {
  createAcdGroup,
  createDirectConnector,
  createTenant,
  createUserRecord,
  deliver,
  expectStatus,
  waitFor,
} from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/test-server';
import { gatewayConnector, gatewayNetwork } from '../server/sms-sender/outbox-support';
import { closeAll, launchBrowser, openPage, screenshot, signIn } from './browser';

const AGENT = { email: 'lena.agent@parcel.test', password: 'agent password 77', name: 'Lena Vogt' };
const RECIPIENT = '+49302223344';
/** A second number of the client, whose connector names no send connector for replies. */
const NO_REPLY_RECIPIENT = '+49302223355';
const CUSTOMER = '+4915799887766';

// An agent answers a customer from the desk, one story in order: the SMS arrives, the agent
// accepts, writes (the counter counts), inserts a canned response with `/`, sends; the provider
// receives it from the number the customer wrote to; its status callback arrives; the desk shows
// "Delivered" without a reload.
describe('replying from the desk', { timeout: 120_000 }, () => {
  let server: TestServer;
  let gateway: FakeSmsGateway;
  let browser: Browser;
  let context: BrowserContext;
  let desk: Page;
  const pageErrors: string[] = [];
  let sendConnectorId = '';

  beforeAll(async () => {
    await buildEditorIfStale({ quiet: true });
    gateway = await startFakeSmsGateway();
    server = await startTestServer({
      env: { SWITCHBOARD_SECRET_KEY: randomBytes(32).toString('base64') },
      httpNetwork: gatewayNetwork(),
    });
    const { admin } = server;
    const { clientId } = await createTenant(admin, { reseller: 'Northwind Telecom', client: 'Parcel Express' });
    const agent = await createUserRecord(admin, {
      email: AGENT.email,
      password: AGENT.password,
      role: 'agent',
      clientId,
      displayName: AGENT.name,
      capacity: 2,
    });
    const group = await createAcdGroup(admin, {
      name: 'Parcel service',
      clientId,
      offerTimeoutSeconds: 120,
      members: [{ agentId: agent.id, priority: 0 }],
    });
    const connector = await createDirectConnector(admin, {
      name: 'Parcel SMS',
      recipient: RECIPIENT,
      requireToken: false,
      acdGroupId: group.id,
      subject: 'Parcel question',
      clientId,
    });
    await createDirectConnector(admin, {
      name: 'Parcel notices',
      recipient: NO_REPLY_RECIPIENT,
      requireToken: false,
      acdGroupId: group.id,
      subject: 'Notice answered',
      clientId,
    });
    sendConnectorId = (await gatewayConnector(admin, gateway, clientId, 'twilio')).id;
    expectStatus(
      await admin.patch(`/api/connectors/${connector.id}`, { sendConnectorId }),
      200,
      'naming the send connector for replies',
    );
    expectStatus(
      await admin.post('/api/canned-responses', {
        clientId,
        shortcut: 'thanks',
        title: 'Thank the customer',
        text: 'Thank you for writing to {{client.name}}. Kind regards, {{agent.name}}',
      }),
      201,
      'creating a canned response',
    );
    browser = await launchBrowser();
    ({ context, page: desk } = await openPage(browser, pageErrors));
  }, 180_000);

  afterAll(() => closeAll(context, browser, server, gateway));

  it('sends the agent’s reply to the customer and shows it delivered, live', async () => {
    await desk.goto(`${server.url}/`);
    await desk.waitForURL(/\/login/);
    await signIn(desk, AGENT.email, AGENT.password);
    await desk.waitForURL(/\/desk$/);
    await expect.poll(() => desk.getByTestId('connection').textContent()).toBe('Live');
    await desk.getByTestId('status-switcher').getByText('Available', { exact: true }).click();
    await expect.poll(() => desk.getByTestId('status-since').textContent()).toContain('Available for');

    await deliver(server.url, { receiver: RECIPIENT, sender: CUSTOMER, message: 'Where is parcel 0815?' });
    const offer = desk.getByTestId('offers').getByTestId('media-event-card');
    await offer.waitFor();
    await offer.getByRole('button', { name: 'Accept' }).click();
    const held = desk.getByTestId('accepted').getByTestId('media-event-card');
    await held.waitFor();
    // The thread is open from the start, the customer's SMS on it.
    const thread = held.getByTestId('thread-message');
    await expect.poll(() => thread.allTextContents()).toEqual([expect.stringContaining('Where is parcel 0815?')]);
    expect(await thread.first().getAttribute('data-direction')).toBe('inbound');

    // A marker the page keeps until it is reloaded.
    await desk.evaluate("window.replyStory = 'same page'");

    const box = held.getByLabel('Reply');
    const counter = held.getByTestId('segment-counter');
    expect(await counter.textContent()).toBe('Nothing written yet · at most 10 SMS');
    await box.fill('Grüße! Your parcel is on its way 🚚');
    await expect.poll(() => counter.textContent()).toBe('1 SMS · 34 characters · UCS-2');
    await box.fill('a'.repeat(161));
    await expect.poll(() => counter.textContent()).toBe('2 SMS · 161 characters · GSM-7');
    await box.fill('ж'.repeat(671));
    await expect.poll(() => counter.textContent()).toBe('Too long: 11 SMS, at most 10 go out as one message');
    expect(await held.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);

    // `/` opens the canned responses; typing filters, Enter inserts with the placeholders filled.
    await box.fill('Your parcel leaves today. ');
    await box.press('End');
    await box.pressSequentially('/tha');
    const picker = held.getByTestId('canned-picker');
    await expect
      .poll(() => picker.getByTestId('canned-option').allTextContents())
      .toEqual(['/thanks Thank the customer']);
    await box.press('Enter');
    const text = `Your parcel leaves today. Thank you for writing to Parcel Express. Kind regards, ${AGENT.name}`;
    await expect.poll(() => box.inputValue()).toBe(text);
    expect(await picker.count()).toBe(0);
    await expect.poll(() => counter.textContent()).toBe(`1 SMS · ${text.length} characters · GSM-7`);
    await screenshot(desk, '30-desk-reply-written');

    await box.press('Control+Enter');
    await expect.poll(() => box.inputValue()).toBe('');
    const reply = held.locator('[data-testid="thread-message"][data-direction="outbound"]');
    await expect.poll(() => reply.count()).toBe(1);
    expect(await reply.textContent()).toContain(text);

    // The fake provider receives it once: to the customer, from the number they wrote to.
    const received = await waitFor('the reply at the provider', async () => {
      const found = gateway.received.filter((r) => r.api === 'twilio' && r.fields?.Body === text);
      return found.length > 0 ? found : undefined;
    });
    expect(received.map((r) => [r.fields!.To, r.fields!.From])).toEqual([[CUSTOMER, RECIPIENT]]);
    await expect.poll(() => reply.getByTestId('message-status').textContent(), { timeout: 15_000 }).toBe('Sent');

    // The provider reports delivery: the desk says so, live.
    const sent = await server.switchboard.database.db
      .selectFrom('outbound_sms')
      .select(['provider_message_id'])
      .where('text', '=', text)
      .executeTakeFirstOrThrow();
    const callback = `${server.url}/SMSReceiver/twilio/status/${sendConnectorId}`;
    expect(
      await gateway.sendTwilioStatus(callback, { MessageSid: sent.provider_message_id!, MessageStatus: 'delivered' }),
    ).toBe(200);
    await expect.poll(() => reply.getByTestId('message-status').textContent(), { timeout: 15_000 }).toBe('Delivered');
    expect(await desk.evaluate('window.replyStory')).toBe('same page');
    await screenshot(desk, '31-desk-reply-delivered');
    expect(pageErrors).toEqual([]);
  });

  it('says in the thread that a customer cannot be reached, and offers no reply box', async () => {
    await deliver(server.url, { receiver: NO_REPLY_RECIPIENT, sender: '+4915799887700', message: 'STOP notices' });
    const offer = desk.getByTestId('offers').getByTestId('media-event-card');
    await offer.waitFor();
    await offer.getByRole('button', { name: 'Accept' }).click();
    const held = desk.getByTestId('accepted').getByTestId('media-event-card').filter({ hasText: 'STOP notices' });
    await held.getByTestId('unreachable').waitFor();
    expect(await held.getByTestId('unreachable').textContent()).toContain(
      'names no send connector for replies. An administrator can choose one on the connector.',
    );
    expect(await held.getByTestId('reply-box').count()).toBe(0);
    await screenshot(desk, '32-desk-reply-unreachable');
    expect(pageErrors).toEqual([]);
  });
});
