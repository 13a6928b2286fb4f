import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditorIfStale } from '../../editor/build-if-stale';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/test-server';
import { createAcdGroup, createDirectConnector, createTenant, createUserRecord, deliver } from '../support/fixtures';
import { choose, closeAll, DESKTOP, labelled, launchBrowser, openPage, screenshot, signIn } from './browser';

const AGENT = { email: 'mira.agent@acme.test', password: 'agent password 42', name: 'Mira Lindqvist' };
const RECIPIENT = '+49301112233';

/** A customer's SMS to the claims number; answers its id. */
// A customer each (the first is FIRST_CUSTOMER): one customer's SMS thread into one conversation.
const FIRST_CUSTOMER = '+4915712345678';
let customers = 0;
const nextCustomer = () => `+49157123456${78 + customers++}`;
const customerWrites = (server: TestServer, message: string, sender = nextCustomer()) =>
  deliver(server.url, { receiver: RECIPIENT, sender, message });

/**
 * The agent's network: a TCP proxy in front of the server that can be cut (every open connection
 * dropped, new ones refused) and restored — a real dropped connection, which the browser's
 * offline emulation is not (it leaves an open event stream alone).
 */
async function startNetwork(target: string) {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let down = false;
  const proxy: Server = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = connect(Number(port), hostname);
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(a);
      a.pipe(b);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        sockets.delete(a);
        b.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    cut() {
      down = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      down = false;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}

// An agent works SMS in the desk while an admin watches: one story, in order.
describe('the agent desk', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let agentContext: BrowserContext;
  let adminContext: BrowserContext;
  let desk: Page;
  let admin: Page;
  let network: Awaited<ReturnType<typeof startNetwork>>;
  const pageErrors: string[] = [];
  const ids = { clientId: '', groupId: '', agentId: '' };

  beforeAll(async () => {
    await buildEditorIfStale({ quiet: true });
    server = await startTestServer();
    const { admin } = server;
    ({ clientId: ids.clientId } = await createTenant(admin, {
      reseller: 'Northwind Telecom',
      client: 'Acme Insurance',
    }));
    const agent = await createUserRecord(admin, {
      email: AGENT.email,
      password: AGENT.password,
      role: 'agent',
      clientId: ids.clientId,
      displayName: AGENT.name,
      capacity: 2,
    });
    ids.agentId = agent.id;
    const colleague = await createUserRecord(admin, {
      email: 'jonas.agent@acme.test',
      password: 'agent password 43',
      role: 'agent',
      clientId: ids.clientId,
      displayName: 'Jonas Weber',
      smsDelivery: 'email',
      capacity: 3,
    });
    const group = await createAcdGroup(admin, {
      name: 'Claims hotline',
      clientId: ids.clientId,
      offerTimeoutSeconds: 60,
      members: [
        { agentId: ids.agentId, priority: 10 },
        { agentId: colleague.id, priority: 0 },
      ],
    });
    ids.groupId = group.id;
    await createDirectConnector(admin, {
      name: 'Claims SMS',
      recipient: RECIPIENT,
      requireToken: false,
      acdGroupId: ids.groupId,
      subject: 'Claims question',
      clientId: ids.clientId,
    });
    network = await startNetwork(server.url);
    browser = await launchBrowser();
    ({ context: agentContext, page: desk } = await openPage(browser, pageErrors));
    adminContext = await browser.newContext(DESKTOP);
  }, 180_000);

  afterAll(() => closeAll(agentContext, adminContext, browser, network, server));

  it('lands an agent on the desk, without the administration', async () => {
    await desk.goto(`${network.url}/`);
    await desk.waitForURL(/\/login/);
    await signIn(desk, AGENT.email, AGENT.password);
    await desk.waitForURL(/\/desk$/);
    await desk.getByTestId('agent-desk').waitFor();
    await expect.poll(() => desk.getByTestId('connection').textContent()).toBe('Live');
    expect(await desk.getByRole('link', { name: 'Connectors' }).count()).toBe(0);
    expect(await desk.getByTestId('offers').textContent()).toContain('Set your status to Available');
    // An administration page typed in by hand leads back to the desk.
    await desk.goto(`${network.url}/traffic`);
    await desk.waitForURL(/\/desk$/);
    await desk.getByTestId('agent-desk').waitFor();
    await expect.poll(() => desk.getByTestId('connection').textContent()).toBe('Live');
  });

  it('shows an SMS delivered to /SMSReceiver live, with a countdown, and accepts and completes it', async () => {
    await desk.getByTestId('status-switcher').getByText('Available', { exact: true }).click();
    await expect.poll(() => desk.getByTestId('status-since').textContent()).toContain('Available for');
    const smsId = await customerWrites(server, 'My car was hit in the parking lot. Claim no. 4711?');
    const card = desk.getByTestId('offers').getByTestId('media-event-card');
    await card.waitFor();
    expect(await card.getByTestId('sms-text').textContent()).toBe('My car was hit in the parking lot. Claim no. 4711?');
    expect(await card.textContent()).toContain('Claims question');
    expect(await card.textContent()).toContain('+4915712345678');
    expect(await card.textContent()).toContain('Claims hotline');
    await expect
      .poll(async () => Number((await card.getByTestId('countdown').textContent())!.split(' ')[0]))
      .toBeGreaterThan(50);
    await screenshot(desk, '20-desk-offer');

    await card.getByRole('button', { name: 'Accept' }).click();
    const held = desk.getByTestId('accepted').getByTestId('media-event-card');
    await held.waitFor();
    expect(await desk.getByTestId('offers').getByTestId('media-event-card').count()).toBe(0);
    const event = await server.admin.get(`/api/media-events?smsId=${smsId}`);
    expect(event.body.items[0]).toMatchObject({ state: 'accepted', agentId: ids.agentId });
    await screenshot(desk, '21-desk-accepted');

    // The customer writes again: it joins the held conversation, no new offer; the thread (open
    // from the start) shows both.
    await held.getByRole('button', { name: 'Hide conversation' }).waitFor();
    const thread = held.getByTestId('thread-message');
    await expect.poll(() => thread.count()).toBe(1);
    await customerWrites(server, 'Also, the other car drove off.', FIRST_CUSTOMER);
    await expect
      .poll(() => thread.allTextContents())
      .toEqual([
        expect.stringContaining('My car was hit in the parking lot. Claim no. 4711?'),
        expect.stringContaining('Also, the other car drove off.'),
      ]);
    expect(await desk.getByTestId('offers').getByTestId('media-event-card').count()).toBe(0);
    expect(await held.textContent()).toContain('No earlier conversations with this customer');

    await held.getByRole('button', { name: 'Complete' }).click();
    await expect.poll(() => desk.getByTestId('accepted').getByTestId('media-event-card').count()).toBe(0);
    await expect.poll(() => desk.getByTestId('history').textContent()).toContain('Completed');
    expect((await server.admin.get(`/api/media-events?smsId=${smsId}`)).body.items[0].state).toBe('completed');
  });

  it('chimes and notifies for each new offer while the desk is open, until the agent turns it off', async () => {
    // The browser's Notification and AudioContext, recording what the desk asks of them.
    await desk.addInitScript({
      content: `
        window.deskAlerts = [];
        window.Notification = class {
          static permission = 'granted';
          static requestPermission() { return Promise.resolve('granted'); }
          constructor(title, options) { window.deskAlerts.push({ title, body: options && options.body }); }
          close() {}
        };
        window.AudioContext = class extends window.AudioContext {
          createOscillator() { window.deskAlerts.push('tone'); return super.createOscillator(); }
        };`,
    });
    await desk.reload();
    await expect.poll(() => desk.getByTestId('connection').textContent()).toBe('Live');
    const alerts = () => desk.evaluate<unknown[]>('window.deskAlerts');
    const cards = desk.getByTestId('offers').getByTestId('media-event-card');

    const customer = nextCustomer();
    await customerWrites(server, 'Is claim 4711 through?', customer);
    await cards.first().waitFor();
    await expect
      .poll(alerts)
      .toEqual(['tone', 'tone', { title: 'New SMS: Claims question', body: `${customer}: Is claim 4711 through?` }]);

    await desk.getByRole('switch', { name: 'Sound and notifications' }).click();
    await customerWrites(server, 'Hello?');
    await expect.poll(() => cards.count()).toBe(2);
    expect(await alerts()).toHaveLength(3);
    await desk.getByRole('switch', { name: 'Sound and notifications' }).click();

    for (let left = 2; left > 0; left--) {
      await cards.first().getByRole('button', { name: 'Accept' }).click();
      await expect.poll(() => cards.count()).toBe(left - 1);
    }
    const held = desk.getByTestId('accepted').getByTestId('media-event-card');
    while ((await held.count()) > 0) {
      const before = await held.count();
      await held.first().getByRole('button', { name: 'Complete' }).click();
      await expect.poll(() => held.count()).toBe(before - 1);
    }
  });

  it('keeps an SMS that arrives while the connection is down, and shows it once when it is back', async () => {
    const cards = desk.getByTestId('offers').getByTestId('media-event-card');
    network.cut();
    await expect.poll(() => desk.getByTestId('connection').textContent()).toBe('Reconnecting …');
    await customerWrites(server, 'Sent while the desk was offline');
    // Long enough for the desk to say so plainly, and for the browser to give up on its own retries.
    await desk.getByTestId('connection-lost').waitFor({ timeout: 15_000 });
    expect(await cards.count()).toBe(0);
    await screenshot(desk, '22-desk-reconnecting');
    network.restore();
    await expect.poll(() => desk.getByTestId('connection').textContent(), { timeout: 20_000 }).toBe('Live');
    await expect.poll(() => cards.count()).toBe(1);
    expect(await cards.getByTestId('sms-text').textContent()).toBe('Sent while the desk was offline');
    expect(await desk.getByTestId('connection-lost').count()).toBe(0);
    // Whatever the stream replays after the snapshot adds nothing: an SMS sent now comes after
    // it, so once that one is shown, a repeat of the first would be too.
    await customerWrites(server, 'Sent once the desk was back');
    await expect.poll(() => cards.count()).toBe(2);
    expect(await cards.getByTestId('sms-text').allTextContents()).toEqual([
      'Sent while the desk was offline',
      'Sent once the desk was back',
    ]);

    const held = desk.getByTestId('accepted').getByTestId('media-event-card');
    for (let left = 2; left > 0; left--) {
      await cards.first().getByRole('button', { name: 'Accept' }).click();
      await held.waitFor();
      await held.getByRole('button', { name: 'Complete' }).click();
      await expect.poll(() => held.count()).toBe(0);
      expect(await cards.count()).toBe(left - 1);
    }
  });

  it('catches up after the page was away, showing each SMS once', async () => {
    // The desk is gone (tab closed) while two SMS arrive; it comes back and shows both, once.
    await desk.goto('about:blank');
    await customerWrites(server, 'First while away');
    await customerWrites(server, 'Second while away');
    await desk.goto(`${network.url}/desk`);
    const cards = desk.getByTestId('offers').getByTestId('media-event-card');
    await expect.poll(() => cards.count()).toBe(2);
    await expect.poll(() => desk.getByTestId('connection').textContent()).toBe('Live');
    expect(await cards.getByTestId('sms-text').allTextContents()).toEqual(['First while away', 'Second while away']);

    // The stream resumes after the snapshot: nothing is added twice. A decline is answered on the
    // stream after whatever it replays — the withdrawal, then the offer again (she is the only one
    // available) — so once the SMS is back, a repeat would have been shown too.
    await cards.first().getByRole('button', { name: 'Decline' }).click();
    await expect.poll(() => desk.getByTestId('history').textContent()).toContain('Declined');
    await expect.poll(() => cards.count()).toBe(2);
    expect((await cards.getByTestId('sms-text').allTextContents()).sort()).toEqual([
      'First while away',
      'Second while away',
    ]);
    await screenshot(desk, '23-desk-history');
  });

  it('lets the admin create an agent with a group membership, and filter by group', async () => {
    admin = await adminContext.newPage();
    admin.setDefaultTimeout(15_000);
    admin.on('pageerror', (error) => pageErrors.push(error.message));
    await admin.goto(`${server.url}/login`);
    await signIn(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    await admin.waitForURL(/\/traffic$/);
    await admin.getByRole('link', { name: 'Agents' }).click();
    const row = admin.getByTestId('agent-row').filter({ hasText: AGENT.name });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('Available');
    expect(await row.textContent()).toContain('Claims hotline');

    await admin.getByRole('button', { name: 'New agent' }).click();
    const form = admin.getByTestId('agent-form');
    await form.getByLabel(labelled('Display name')).fill('Aylin Demir');
    await form.getByRole('textbox', { name: 'E-mail' }).fill('aylin');
    await form.getByText('Enter an e-mail address').waitFor();
    await form.getByRole('textbox', { name: 'E-mail' }).fill('aylin.agent@acme.test');
    await form.getByLabel(labelled('Password')).fill('short');
    await form.getByText('At least 10 characters (5 more)').waitFor();
    await form.getByLabel(labelled('Password')).fill('agent password 44');
    await form.getByLabel(labelled('Capacity')).fill('3');
    await choose(admin, form.getByLabel('Add to an ACD group …', { exact: true }), 'Claims hotline');
    await form.getByLabel('Priority of Claims hotline').fill('5');
    await screenshot(admin, '24-agent-form');
    await form.getByRole('button', { name: 'Create agent' }).click();
    const created = admin.getByTestId('agent-row').filter({ hasText: 'Aylin Demir' });
    await created.waitFor();
    await expect.poll(() => created.textContent()).toContain('Claims hotline · 5');
    expect(await created.textContent()).toContain('Logged off');
    const group = await server.admin.get(`/api/acd-groups/${ids.groupId}`);
    expect(group.body.members).toHaveLength(3);

    await choose(admin, admin.locator('input[aria-label="Filter by ACD group"]'), 'Claims hotline');
    await choose(admin, admin.locator('input[aria-label="Filter by status"]'), 'Available');
    await expect.poll(() => admin.getByTestId('agent-row').count()).toBe(1);
    await admin.getByRole('button', { name: 'Clear the status filter' }).click();
    await expect.poll(() => admin.getByTestId('agent-row').count()).toBe(3);
    await screenshot(admin, '25-agents');
    expect(pageErrors).toEqual([]);
  });

  it('lets the admin cancel an offered SMS from the traffic page, and the desk drops it', async () => {
    const cards = desk.getByTestId('offers').getByTestId('media-event-card');
    await expect.poll(() => cards.count()).toBe(2);
    const offered = await server.admin.get(`/api/media-events?clientId=${ids.clientId}&state=offered`);
    const texts = await Promise.all(
      offered.body.items.map(async (event: { smsId: string }) => {
        const sms = await server.admin.get(`/api/sms/${event.smsId}`);
        return { smsId: event.smsId, message: sms.body.message as string };
      }),
    );
    const spam = texts.find((t) => t.message === 'Second while away')!;
    await admin.goto(`${server.url}/traffic/${spam.smsId}`);
    const detail = admin.getByTestId('sms-detail');
    await detail.getByTestId('media-event').waitFor();
    await detail.getByRole('button', { name: 'Cancel' }).click();
    await admin.getByRole('button', { name: 'Cancel SMS' }).click();
    await expect.poll(() => detail.getByTestId('media-event').textContent()).toContain('Cancelled');
    await expect.poll(() => cards.count()).toBe(1);
    expect(await cards.getByTestId('sms-text').allTextContents()).not.toContain('Second while away');
    await screenshot(admin, '25b-sms-cancelled');
    await admin.keyboard.press('Escape');
    // The freed slot takes the next SMS.
    await customerWrites(server, 'After the cancellation');
    await expect.poll(() => cards.count()).toBe(2);
    await admin.getByRole('link', { name: 'Agents' }).click();
    await admin.getByTestId('agent-row').filter({ hasText: AGENT.name }).waitFor();
  });

  it('lets the admin pause the agent (the desk follows) and watch the group live', async () => {
    const row = admin.getByTestId('agent-row').filter({ hasText: AGENT.name });
    await row.getByRole('button', { name: `Actions for ${AGENT.name}` }).click();
    await admin.getByRole('menuitem', { name: 'Pause' }).click();
    await expect.poll(() => desk.getByTestId('status-since').textContent()).toContain('Pause for');
    await expect.poll(() => desk.getByTestId('offers').getByTestId('media-event-card').count()).toBe(0);

    await row.getByRole('button', { name: `Actions for ${AGENT.name}` }).click();
    await admin.getByRole('menuitem', { name: 'Status history' }).click();
    const history = admin.getByTestId('status-history');
    await expect.poll(() => history.textContent()).toContain('by System administrator');
    expect(await history.textContent()).toContain('by themselves');
    await screenshot(admin, '26-status-history');
    await admin.keyboard.press('Escape');

    // Pausing gave both offers back (the declined one had come back to her, the only one
    // available); the others are logged off, so they wait — as the live view shows.
    await admin.getByRole('link', { name: 'ACD groups' }).click();
    await admin.getByRole('button', { name: 'Live view of Claims hotline' }).click();
    await expect.poll(() => admin.getByTestId('live-queue').textContent()).toBe('2');
    const liveView = admin.getByTestId('group-live');
    await expect.poll(() => liveView.getByTestId('live-agent').count()).toBe(3);
    expect(await liveView.textContent()).toContain(AGENT.name);
    expect(await liveView.textContent()).toContain('Pause');
    expect(await liveView.textContent()).toContain('no member is available');
    await screenshot(admin, '27-acd-group-queue');

    // The agent comes back: the queue drains onto her desk, and the live view follows within 2 s.
    await desk.getByTestId('status-switcher').getByText('Available', { exact: true }).click();
    await expect.poll(() => desk.getByTestId('offers').getByTestId('media-event-card').count()).toBe(2);
    await expect.poll(() => admin.getByTestId('live-queue').textContent(), { timeout: 6000 }).toBe('0');
    await expect.poll(() => admin.getByTestId('live-offered').textContent()).toBe('2');
    await screenshot(admin, '28-acd-group-live');
    expect(pageErrors).toEqual([]);
  });

  it('lets the admin edit the group: distribution, maximum wait and priorities', async () => {
    await admin.getByRole('button', { name: 'Edit group' }).click();
    const form = admin.getByTestId('acd-group-form');
    await choose(admin, form.getByLabel('Distribution', { exact: true }), 'Round robin');
    await form.getByLabel('Maximum wait (minutes)').fill('0');
    await form.getByText('Empty, or a whole number of minutes from 1 to 10080').waitFor();
    await form.getByLabel('Maximum wait (minutes)').fill('45');
    await form.getByLabel('Priority of Jonas Weber').fill('50');
    await screenshot(admin, '29-acd-group-edit');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await admin.getByText('“Claims hotline” saved').waitFor();
    const group = await server.admin.get(`/api/acd-groups/${ids.groupId}`);
    expect(group.body.strategy).toBe('round_robin');
    expect(group.body.maxWaitSeconds).toBe(45 * 60);
    expect(group.body.members).toContainEqual({ agentId: expect.any(String), priority: 50 });
    expect(pageErrors).toEqual([]);
  });
});
