import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditorIfStale } from '../../editor/build-if-stale';
import { ApiClient } from '../support/api-client';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/test-server';
import { labelled, launchBrowser, screenshot } from './browser';

const AGENT = { email: 'mira.agent@acme.test', password: 'agent password 42', name: 'Mira Lindqvist' };
const RECIPIENT = '+49301112233';

async function deliver(server: TestServer, message: string): Promise<string> {
  const query = new URLSearchParams({ receiver: RECIPIENT, sender: '+4915712345678', message });
  const response = await fetch(`${server.url}/SMSReceiver?${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

// An agent works SMS in the desk while an admin watches: one story, in order.
describe('the agent desk', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let agentContext: BrowserContext;
  let adminContext: BrowserContext;
  let desk: Page;
  const pageErrors: string[] = [];
  const ids = { clientId: '', groupId: '', agentId: '' };

  beforeAll(async () => {
    await buildEditorIfStale({ quiet: true });
    server = await startTestServer();
    const { admin } = server;
    const reseller = await admin.post('/api/resellers', { name: 'Northwind Telecom' });
    const client = await admin.post('/api/clients', { name: 'Acme Insurance', resellerId: reseller.body.id });
    ids.clientId = client.body.id;
    const agent = await admin.post('/api/users', {
      email: AGENT.email,
      password: AGENT.password,
      role: 'agent',
      clientId: ids.clientId,
      displayName: AGENT.name,
      capacity: 2,
    });
    ids.agentId = agent.body.id;
    const colleague = await admin.post('/api/users', {
      email: 'jonas.agent@acme.test',
      password: 'agent password 43',
      role: 'agent',
      clientId: ids.clientId,
      displayName: 'Jonas Weber',
      smsDelivery: 'email',
      capacity: 3,
    });
    const group = await admin.post('/api/acd-groups', {
      name: 'Claims hotline',
      clientId: ids.clientId,
      offerTimeoutSeconds: 60,
      members: [
        { agentId: ids.agentId, priority: 10 },
        { agentId: colleague.body.id, priority: 0 },
      ],
    });
    ids.groupId = group.body.id;
    const connector = await admin.post('/api/connectors', {
      name: 'Claims SMS',
      recipient: RECIPIENT,
      requireToken: false,
      routingType: 'direct_acd_group',
      acdGroupId: ids.groupId,
      subject: 'Claims question',
      clientId: ids.clientId,
    });
    expect(connector.status).toBe(201);
    browser = await launchBrowser();
    const options = { viewport: { width: 1440, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Berlin' };
    agentContext = await browser.newContext(options);
    adminContext = await browser.newContext(options);
    desk = await agentContext.newPage();
    desk.setDefaultTimeout(15_000);
    desk.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await agentContext?.close();
    await adminContext?.close();
    await browser?.close();
    await server?.close();
  });

  it('lands an agent on the desk, without the administration', async () => {
    await desk.goto(`${server.url}/`);
    await desk.waitForURL(/\/login/);
    await desk.getByLabel(labelled('E-mail')).fill(AGENT.email);
    await desk.getByLabel(labelled('Password')).fill(AGENT.password);
    await desk.getByRole('button', { name: 'Sign in' }).click();
    await desk.waitForURL(/\/desk$/);
    await desk.getByTestId('agent-desk').waitFor();
    await expect.poll(() => desk.getByTestId('connection').textContent()).toBe('Live');
    expect(await desk.getByRole('link', { name: 'Connectors' }).count()).toBe(0);
    expect(await desk.getByTestId('offers').textContent()).toContain('Set your status to Available');
  });

  it('shows an SMS delivered to /SMSReceiver live, with a countdown, and accepts and completes it', async () => {
    await desk.getByTestId('status-switcher').getByText('Available', { exact: true }).click();
    await expect.poll(() => desk.getByTestId('status-since').textContent()).toContain('Available for');
    const smsId = await deliver(server, 'My car was hit in the parking lot. Claim no. 4711?');
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

    await held.getByRole('button', { name: 'Complete' }).click();
    await expect.poll(() => desk.getByTestId('accepted').getByTestId('media-event-card').count()).toBe(0);
    await expect.poll(() => desk.getByTestId('history').textContent()).toContain('completed');
    expect((await server.admin.get(`/api/media-events?smsId=${smsId}`)).body.items[0].state).toBe('completed');
  });

  it('catches up after the page was away, showing each SMS once', async () => {
    // The desk is gone (tab closed) while two SMS arrive; it comes back and shows both, once.
    await desk.goto('about:blank');
    await deliver(server, 'First while away');
    await deliver(server, 'Second while away');
    await desk.goto(`${server.url}/desk`);
    const cards = desk.getByTestId('offers').getByTestId('media-event-card');
    await expect.poll(() => cards.count()).toBe(2);
    await expect.poll(() => desk.getByTestId('connection').textContent()).toBe('Live');
    // The stream resumes after the snapshot: nothing is added twice.
    await desk.waitForTimeout(500);
    expect(await cards.count()).toBe(2);
    expect(await cards.getByTestId('sms-text').allTextContents()).toEqual(['First while away', 'Second while away']);

    await cards.first().getByRole('button', { name: 'Decline' }).click();
    await expect.poll(() => desk.getByTestId('history').textContent()).toContain('declined');
    await screenshot(desk, '22-desk-history');
  });

  it('shows the admin the agents and the live state of the group', async () => {
    const admin = await adminContext.newPage();
    admin.setDefaultTimeout(15_000);
    admin.on('pageerror', (error) => pageErrors.push(error.message));
    await admin.goto(`${server.url}/login`);
    await admin.getByLabel(labelled('E-mail')).fill(ADMIN_EMAIL);
    await admin.getByLabel(labelled('Password')).fill(ADMIN_PASSWORD);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.waitForURL(/\/traffic$/);
    await admin.getByRole('link', { name: 'Agents' }).click();
    const row = admin.getByTestId('agent-row').filter({ hasText: AGENT.name });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('Available');
    expect(await row.textContent()).toContain('Claims hotline');
    await screenshot(admin, '23-agents');

    // The admin pauses the agent: the desk follows live.
    await row.getByRole('button', { name: `Actions for ${AGENT.name}` }).click();
    await admin.getByRole('menuitem', { name: 'Pause' }).click();
    await expect.poll(() => desk.getByTestId('status-since').textContent()).toContain('Pause for');
    await expect.poll(() => desk.getByTestId('offers').getByTestId('media-event-card').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    // Pausing gave both offers back (the declined one had come back to her, the only one
    // available); the e-mail colleague is logged off, so they wait — as the live view shows.
    await admin.getByRole('link', { name: 'ACD groups' }).click();
    await admin.getByRole('button', { name: 'Live view of Claims hotline' }).click();
    await expect.poll(() => admin.getByTestId('live-queue').textContent()).toBe('2');
    const liveView = admin.getByTestId('group-live');
    expect(await liveView.textContent()).toContain(AGENT.name);
    expect(await liveView.textContent()).toContain('Pause');
    await screenshot(admin, '24-acd-group-live');
    await admin.keyboard.press('Escape');

    // The admin edits the group: round robin, and the e-mail colleague asked first.
    await admin.getByRole('button', { name: 'Edit Claims hotline' }).click();
    await admin.getByLabel('Priority of Jonas Weber').fill('50');
    await screenshot(admin, '25-acd-group-edit');
    await admin.getByRole('button', { name: 'Save', exact: true }).click();
    await admin.getByText('“Claims hotline” saved').waitFor();
    const api = new ApiClient(server.url);
    await api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const group = await api.get(`/api/acd-groups/${ids.groupId}`);
    expect(group.body.members).toContainEqual({ agentId: expect.any(String), priority: 50 });
  });
});
