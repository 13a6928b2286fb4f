import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskMediaEvent, DeskSnapshot } from '../../contract/desk';
import { buildEditorIfStale } from '../../editor/build-if-stale';
import {
  createAcdGroup,
  createDirectConnector,
  createTenant,
  createUser,
  createUserRecord,
  deliver,
  expectStatus,
  waitFor,
  type UserHandle,
} from '../support/fixtures';
import { startFakeSmsGateway, type FakeSmsGateway } from '../support/fake-sms-gateway';
import { startTestServer, type TestServer } from '../support/test-server';
import { gatewayConnector, gatewayNetwork } from '../server/sms-sender/outbox-support';
import { closeAll, launchBrowser, openPage, screenshot, signIn } from './browser';

const LENA = { email: 'lena.links@parcel.test', password: 'agent password 81', name: 'Lena Vogt' };
const LENA_NUMBER = '+49302227711';
const MAX_NUMBER = '+49302227722';
const MAX_TEXT = 'Private question for Max only';

// The links in the desk's e-mails (`/desk?conversation=…`, `/desk?mediaEvent=…`) open that card
// on the agent's desk, through the sign-in page if need be; what is not on their desk gets a
// notice that says so and nothing more.
describe('links into the desk', { timeout: 120_000 }, () => {
  let server: TestServer;
  let gateway: FakeSmsGateway;
  let browser: Browser;
  let deskContext: BrowserContext;
  let desk: Page;
  let mailContext: BrowserContext;
  let mail: Page;
  const pageErrors: string[] = [];
  let max: UserHandle;

  beforeAll(async () => {
    await buildEditorIfStale({ quiet: true });
    gateway = await startFakeSmsGateway();
    // Replies need a send connector: only then does a held conversation show its reply box.
    server = await startTestServer({
      env: { SWITCHBOARD_SECRET_KEY: randomBytes(32).toString('base64') },
      httpNetwork: gatewayNetwork(),
    });
    const { admin } = server;
    const { clientId } = await createTenant(admin, { reseller: 'Northwind Telecom', client: 'Parcel Express' });
    const lena = await createUserRecord(admin, {
      email: LENA.email,
      password: LENA.password,
      role: 'agent',
      clientId,
      displayName: LENA.name,
      capacity: 3,
    });
    max = await createUser(admin, { role: 'agent', clientId, displayName: 'Max Roth' });
    const lenaGroup = await createAcdGroup(admin, {
      name: 'Parcel service',
      clientId,
      offerTimeoutSeconds: 600,
      members: [{ agentId: lena.id, priority: 0 }],
    });
    const maxGroup = await createAcdGroup(admin, {
      name: 'Returns',
      clientId,
      offerTimeoutSeconds: 600,
      members: [{ agentId: max.id, priority: 0 }],
    });
    const sendConnectorId = (await gatewayConnector(admin, gateway, clientId, 'twilio')).id;
    for (const [name, recipient, group] of [
      ['Parcel SMS', LENA_NUMBER, lenaGroup.id],
      ['Returns SMS', MAX_NUMBER, maxGroup.id],
    ] as const) {
      const connector = await createDirectConnector(admin, {
        name,
        recipient,
        requireToken: false,
        acdGroupId: group,
        subject: name,
        clientId,
      });
      expectStatus(
        await admin.patch(`/api/connectors/${connector.id}`, { sendConnectorId }),
        200,
        'naming the send connector for replies',
      );
    }
    browser = await launchBrowser();
    ({ context: deskContext, page: desk } = await openPage(browser, pageErrors));
    ({ context: mailContext, page: mail } = await openPage(browser, pageErrors));
  }, 180_000);

  afterAll(() => closeAll(deskContext, mailContext, browser, server, gateway));

  /** Lena's desk open in one window, with one conversation she holds and one offer waiting. */
  async function lenaHoldsOneAndIsOfferedOne(): Promise<{ held: DeskMediaEvent; offered: DeskMediaEvent }> {
    await desk.goto(`${server.url}/`);
    await desk.waitForURL(/\/login/);
    await signIn(desk, LENA.email, LENA.password);
    await desk.waitForURL(/\/desk$/);
    await expect.poll(() => desk.getByTestId('connection').textContent()).toBe('Live');
    await desk.getByTestId('status-switcher').getByText('Available', { exact: true }).click();
    await expect.poll(() => desk.getByTestId('status-since').textContent()).toContain('Available for');

    await deliver(server.url, { receiver: LENA_NUMBER, sender: '+4915799880001', message: 'Where is parcel 0815?' });
    const offer = desk.getByTestId('offers').getByTestId('media-event-card');
    await offer.waitFor();
    await offer.getByRole('button', { name: 'Accept' }).click();
    await desk.getByTestId('accepted').getByTestId('media-event-card').waitFor();
    await deliver(server.url, {
      receiver: LENA_NUMBER,
      sender: '+4915799880002',
      message: 'Can I change the address?',
    });
    await offer.waitFor();
    const [held, offered] = await Promise.all([
      desk.getByTestId('accepted').getByTestId('media-event-card').getAttribute('data-media-event'),
      offer.getAttribute('data-media-event'),
    ]);
    // The ids the e-mails would carry, as Lena's own session reads them.
    const answer = await desk.request.get(`${server.url}/api/desk`);
    expect(answer.status()).toBe(200);
    const snapshot = (await answer.json()) as DeskSnapshot;
    return {
      held: snapshot.accepted.find((event) => event.id === held)!,
      offered: snapshot.offers.find((event) => event.id === offered)!,
    };
  }

  /** A conversation Max holds: in Lena's client, but not hers. */
  async function maxHoldsOne(): Promise<string> {
    expectStatus(await max.api.put('/api/desk/status', { status: 'available' }), 200, 'Max available');
    await deliver(server.url, { receiver: MAX_NUMBER, sender: '+4915799880003', message: MAX_TEXT });
    const offer = await waitFor('the offer to Max', async () => {
      const snapshot = expectStatus(await max.api.get<DeskSnapshot>('/api/desk'), 200, 'reading Max’s desk');
      return snapshot.offers[0];
    });
    expectStatus(await max.api.post(`/api/desk/media-events/${offer.id}/accept`), 200, 'Max accepting');
    return offer.conversationId!;
  }

  const focusedLabel = (page: Page) =>
    page.evaluate<string | null>("document.activeElement && document.activeElement.getAttribute('aria-label')");

  it('opens a held conversation from its link through the sign-in: the card is highlighted and the reply box focused', async () => {
    const { held } = await lenaHoldsOneAndIsOfferedOne();
    expect(held.conversationId).toBeTruthy();

    // The e-mail's link, opened in a browser that is not signed in yet.
    await mail.goto(`${server.url}/desk?conversation=${held.conversationId}`);
    await mail.waitForURL(/\/login\?next=/);
    await signIn(mail, LENA.email, LENA.password);
    const card = mail.locator(`[data-testid="media-event-card"][data-media-event="${held.id}"]`);
    await card.waitFor();
    await expect.poll(() => card.getAttribute('data-linked')).toBe('true');
    expect(await mail.locator('[data-linked]').count()).toBe(1);
    await card.getByTestId('reply-box').waitFor();
    await expect.poll(() => focusedLabel(mail)).toBe('Reply');
    // Read once: the address no longer names it, so a reload later does not point at old work.
    await expect.poll(() => new URL(mail.url()).search).toBe('');
    expect(await mail.getByTestId('desk-link-notice').count()).toBe(0);
    await screenshot(mail, '33-desk-link-held');
    expect(pageErrors).toEqual([]);
  });

  it('opens an offer from its media event link: highlighted, nothing focused for a reply', async () => {
    const offered = await desk.getByTestId('offers').getByTestId('media-event-card').getAttribute('data-media-event');
    await mail.goto(`${server.url}/desk?mediaEvent=${offered}`);
    const card = mail.getByTestId('offers').locator(`[data-media-event="${offered}"]`);
    await card.waitFor();
    await expect.poll(() => card.getAttribute('data-linked')).toBe('true');
    expect(await mail.locator('[data-linked]').count()).toBe(1);
    expect(await mail.getByTestId('desk-link-notice').count()).toBe(0);
    // An offer has no reply box: the held conversation's box, once shown, is not given the focus.
    await mail.getByTestId('accepted').getByTestId('reply-box').waitFor();
    expect(await focusedLabel(mail)).not.toBe('Reply');
    expect(pageErrors).toEqual([]);
  });

  it('says that a conversation another agent holds is not on the desk, and shows nothing of it', async () => {
    const maxConversation = await maxHoldsOne();
    await mail.goto(`${server.url}/desk?conversation=${maxConversation}`);
    const notice = mail.getByTestId('desk-link-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('The conversation this link opens is not on your desk');
    expect(await mail.locator('[data-linked]').count()).toBe(0);
    expect(await mail.getByTestId('agent-desk').textContent()).not.toContain(MAX_TEXT);
    await screenshot(mail, '34-desk-link-not-yours');

    // An id that names nothing at all (or an offer long gone) gets the same words.
    await mail.goto(`${server.url}/desk?mediaEvent=00000000-0000-4000-8000-000000000000`);
    await expect
      .poll(() => notice.textContent())
      .toContain('The SMS this link opens is no longer offered to you or held by you');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => notice.count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
