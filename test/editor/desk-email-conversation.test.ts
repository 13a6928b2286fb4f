import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditorIfStale } from '../../editor/build-if-stale';
import {
  createAcdGroup,
  createDirectConnector,
  createTenant,
  createUserRecord,
  deliver,
  expectStatus,
  waitFor,
} from '../support/fixtures';
import { startFakeSmsGateway, type FakeSmsGateway } from '../support/fake-sms-gateway';
import { decodeBody, startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { startTestServer, type TestServer } from '../support/test-server';
import { gatewayConnector, gatewayNetwork } from '../server/sms-sender/outbox-support';
import { closeAll, launchBrowser, openPage, screenshot, signIn } from './browser';

const ELLA = { email: 'ella.mail@parcel.test', password: 'agent password 93', name: 'Ella Brandt' };
const RECIPIENT = '+49302228811';
const CUSTOMER = '+4915799881001';

// An agent who takes SMS by e-mail (issue 14): the offer arrives as a mail with a link to answer
// in the desk; the conversation stays hers, so the customer's next SMS is mailed too; the link
// opens it on the desk, where she replies and closes it.
describe('a conversation held by e-mail, answered in the desk', { timeout: 120_000 }, () => {
  let server: TestServer;
  let smtp: SmtpSink;
  let gateway: FakeSmsGateway;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  let ellaId: string;

  beforeAll(async () => {
    await buildEditorIfStale({ quiet: true });
    smtp = await startSmtpSink();
    gateway = await startFakeSmsGateway();
    server = await startTestServer({
      env: {
        SMTP_URL: smtp.url,
        SMTP_FROM: 'Switchboard <noreply@switchboard.test>',
        SWITCHBOARD_SECRET_KEY: randomBytes(32).toString('base64'),
      },
      httpNetwork: gatewayNetwork(),
    });
    const { admin } = server;
    const { clientId } = await createTenant(admin, { reseller: 'Northwind Telecom', client: 'Parcel Express' });
    ellaId = (
      await createUserRecord(admin, {
        email: ELLA.email,
        password: ELLA.password,
        role: 'agent',
        clientId,
        displayName: ELLA.name,
        smsDelivery: 'email',
      })
    ).id;
    const group = await createAcdGroup(admin, {
      name: 'Parcel service',
      clientId,
      members: [{ agentId: ellaId, priority: 0 }],
    });
    const connector = await createDirectConnector(admin, {
      name: 'Parcel SMS',
      recipient: RECIPIENT,
      requireToken: false,
      acdGroupId: group.id,
      subject: 'Parcel SMS',
      clientId,
    });
    const sendConnectorId = (await gatewayConnector(admin, gateway, clientId, 'twilio')).id;
    expectStatus(
      await admin.patch(`/api/connectors/${connector.id}`, { sendConnectorId }),
      200,
      'naming the send connector for replies',
    );
    expectStatus(await admin.put(`/api/agents/${ellaId}/status`, { status: 'available' }), 200, 'Ella available');
    browser = await launchBrowser();
    ({ context, page } = await openPage(browser, pageErrors));
  }, 180_000);

  afterAll(() => closeAll(context, browser, server, gateway, smtp));

  /** The mails Ella got, their bodies decoded, once there are `count`. */
  const mailsOfElla = (count: number) =>
    waitFor(`${count} mail(s) to Ella`, async () => {
      const mails = smtp.accepted.filter((mail) => mail.to.includes(ELLA.email));
      return mails.length >= count ? mails.map((mail) => decodeBody(mail.raw)) : undefined;
    });

  it('opens the mailed link, shows both SMS, replies to the customer and closes the conversation', async () => {
    await deliver(server.url, { receiver: RECIPIENT, sender: CUSTOMER, message: 'Where is parcel 4711?' });
    const [offerMail] = await mailsOfElla(1);
    const link = /Answer in the agent desk: (\S+\/desk\?conversation=[0-9a-f-]+)/.exec(offerMail!)?.[1];
    expect(link).toBeDefined();
    const conversationId = new URL(link!).searchParams.get('conversation')!;

    // The customer writes again: no new offer, a mail with the same link.
    await deliver(server.url, { receiver: RECIPIENT, sender: CUSTOMER, message: 'It was due yesterday.' });
    const mails = await mailsOfElla(2);
    expect(mails[1]).toContain('It was due yesterday.');
    expect(mails[1]).toContain(link);

    // The link, opened in a browser not signed in yet.
    await page.goto(link!);
    await page.waitForURL(/\/login\?next=/);
    await signIn(page, ELLA.email, ELLA.password);
    const section = page.getByTestId('held-by-email');
    const card = section.locator(`[data-testid="held-by-email-card"][data-conversation="${conversationId}"]`);
    await card.waitFor();
    await expect.poll(() => card.getAttribute('data-linked')).toBe('true');
    expect(await page.getByTestId('desk-link-notice').count()).toBe(0);
    expect(await card.textContent()).toContain(CUSTOMER);
    expect(await card.textContent()).toContain('By e-mail');
    const thread = card.getByTestId('thread-message');
    await expect
      .poll(() => thread.allTextContents())
      .toEqual([expect.stringContaining('Where is parcel 4711?'), expect.stringContaining('It was due yesterday.')]);
    // Nothing was offered: the desk's offers stay empty.
    expect(await page.getByTestId('offers').getByTestId('media-event-card').count()).toBe(0);

    const box = card.getByLabel('Reply');
    await expect.poll(() => page.evaluate("document.activeElement?.getAttribute('aria-label') ?? null")).toBe('Reply');
    const text = 'Sorry for the delay: parcel 4711 leaves our depot today.';
    await box.fill(text);
    await screenshot(page, '70-desk-email-conversation-reply');
    await box.press('Control+Enter');
    await expect.poll(() => box.inputValue()).toBe('');
    const reply = card.locator('[data-testid="thread-message"][data-direction="outbound"]');
    await expect.poll(() => reply.count()).toBe(1);
    expect(await reply.textContent()).toContain(text);
    const received = await waitFor('the reply at the provider', async () => {
      const found = gateway.received.filter((r) => r.api === 'twilio' && r.fields?.Body === text);
      return found.length > 0 ? found : undefined;
    });
    expect(received.map((r) => [r.fields!.To, r.fields!.From])).toEqual([[CUSTOMER, RECIPIENT]]);
    await expect.poll(() => reply.getByTestId('message-status').textContent(), { timeout: 15_000 }).toBe('Sent');
    await screenshot(page, '71-desk-email-conversation-sent');

    // Close: the group asks for no wrap-up code, so it closes at once and leaves the desk.
    await card.getByTestId('close-held').click();
    await expect.poll(() => card.count()).toBe(0);
    await expect.poll(() => section.textContent()).toContain('No conversation is held by you by e-mail.');
    const closed = expectStatus(await server.admin.get(`/api/conversations/${conversationId}`), 200, 'reading it');
    expect(closed).toMatchObject({ state: 'closed', lastAgentId: ellaId });
    expect(pageErrors).toEqual([]);
  });
});
