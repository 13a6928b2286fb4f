import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditorIfStale } from '../../editor/build-if-stale';
import { startTestServer, type TestServer } from '../support/test-server';
import {
  createAcdGroup,
  createDirectConnector,
  createTenant,
  createUserRecord,
  deliver,
  expectStatus,
} from '../support/fixtures';
import { choose, closeAll, labelled, launchBrowser, openPage, screenshot, signIn } from './browser';

const ANNA = { email: 'anna.agent@acme.test', password: 'agent password 51', name: 'Anna Berg' };
const BEN = { email: 'ben.agent@acme.test', password: 'agent password 52', name: 'Ben Okafor' };
const RECIPIENT = '+49301114455';
const CUSTOMER = '+4915712340001';

// Anna hands a conversation on to the second level with a note; Ben takes it and closes it with
// the wrap-up code his group requires: one story, in order.
describe('transfer and close in the desk', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let annaContext: BrowserContext;
  let benContext: BrowserContext;
  let anna: Page;
  let ben: Page;
  const pageErrors: string[] = [];
  const ids = { clientId: '', firstLevel: '', secondLevel: '', solved: '', smsId: '' };

  beforeAll(async () => {
    await buildEditorIfStale({ quiet: true });
    server = await startTestServer();
    const { admin } = server;
    ({ clientId: ids.clientId } = await createTenant(admin, {
      reseller: 'Northwind Telecom',
      client: 'Acme Insurance',
    }));
    const agent = (who: typeof ANNA) =>
      createUserRecord(admin, {
        email: who.email,
        password: who.password,
        role: 'agent',
        clientId: ids.clientId,
        displayName: who.name,
      });
    const [annaUser, benUser] = [await agent(ANNA), await agent(BEN)];
    ids.firstLevel = (
      await createAcdGroup(admin, {
        name: 'First level',
        clientId: ids.clientId,
        members: [{ agentId: annaUser.id, priority: 0 }],
      })
    ).id;
    const solved = expectStatus(
      await admin.post('/api/wrap-up-codes', { clientId: ids.clientId, code: 'SOLVED', label: 'Solved' }),
      201,
      'creating a wrap-up code',
    ) as { id: string };
    const callBack = expectStatus(
      await admin.post('/api/wrap-up-codes', { clientId: ids.clientId, code: 'CALLBACK', label: 'Call back' }),
      201,
      'creating a wrap-up code',
    ) as { id: string };
    ids.solved = solved.id;
    ids.secondLevel = (
      await createAcdGroup(admin, {
        name: 'Second level',
        clientId: ids.clientId,
        members: [{ agentId: benUser.id, priority: 0 }],
        wrapUpRequired: true,
        wrapUpCodeIds: [solved.id, callBack.id],
      })
    ).id;
    await createDirectConnector(admin, {
      name: 'Claims SMS',
      recipient: RECIPIENT,
      requireToken: false,
      acdGroupId: ids.firstLevel,
      subject: 'Claims question',
      clientId: ids.clientId,
    });
    browser = await launchBrowser();
    ({ context: annaContext, page: anna } = await openPage(browser, pageErrors));
    ({ context: benContext, page: ben } = await openPage(browser, pageErrors));
  }, 180_000);

  afterAll(() => closeAll(annaContext, benContext, browser, server));

  async function onDeskAvailable(page: Page, who: typeof ANNA) {
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await signIn(page, who.email, who.password);
    await page.waitForURL(/\/desk$/);
    await expect.poll(() => page.getByTestId('connection').textContent()).toBe('Live');
    await page.getByTestId('status-switcher').getByText('Available', { exact: true }).click();
    await expect.poll(() => page.getByTestId('status-since').textContent()).toContain('Available for');
  }

  it('transfers an accepted conversation to a group with a note: it leaves the desk, and the other agent is offered it with the note', async () => {
    await onDeskAvailable(anna, ANNA);
    await onDeskAvailable(ben, BEN);
    ids.smsId = await deliver(server.url, {
      receiver: RECIPIENT,
      sender: CUSTOMER,
      message: 'I was charged twice for my policy.',
    });
    const offer = anna.getByTestId('offers').getByTestId('media-event-card');
    await offer.waitFor();
    await offer.getByRole('button', { name: 'Accept' }).click();
    const held = anna.getByTestId('accepted').getByTestId('media-event-card');
    await held.waitFor();

    await held.getByRole('button', { name: 'Transfer' }).click();
    const dialog = anna.getByTestId('transfer-dialog');
    await dialog.waitFor();
    // Sending without a target says what is missing, at the field.
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await expect.poll(() => dialog.textContent()).toContain('Choose a group');
    // The agents to choose from: the client's, with their status, not Anna herself.
    await dialog.getByTestId('transfer-to').getByText('An agent', { exact: true }).click();
    await dialog.getByLabel(labelled('Agent')).click();
    await expect.poll(() => anna.getByRole('option').allTextContents()).toEqual([`${BEN.name} · Available`]);
    await dialog.getByTestId('transfer-to').getByText('A group', { exact: true }).click();
    await choose(anna, dialog.getByLabel(labelled('ACD group')), 'Second level');
    await dialog.getByLabel('Note for the next agent').fill('Double charge in May, refund approved by billing.');
    await screenshot(anna, '60-desk-transfer-dialog');
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await expect.poll(() => anna.getByTestId('transfer-dialog').count()).toBe(0);
    await expect.poll(() => held.count()).toBe(0);
    await expect.poll(() => anna.getByTestId('history').textContent()).toContain('Transferred');

    const benOffer = ben.getByTestId('offers').getByTestId('media-event-card');
    await benOffer.waitFor();
    expect(await benOffer.getByTestId('sms-text').textContent()).toBe('I was charged twice for my policy.');
    const note = benOffer.getByTestId('transfer-note-shown');
    expect(await note.textContent()).toContain(`Transferred by ${ANNA.name}`);
    expect(await note.textContent()).toContain('Double charge in May, refund approved by billing.');
    expect(await benOffer.textContent()).toContain('Second level');
    await screenshot(ben, '61-desk-transferred-offer');

    await benOffer.getByRole('button', { name: 'Accept' }).click();
    const benHeld = ben.getByTestId('accepted').getByTestId('media-event-card');
    await benHeld.waitFor();
    // The thread went along (open on a held conversation); the note stays with the work.
    await expect
      .poll(() => benHeld.getByTestId('thread-message').allTextContents())
      .toEqual([expect.stringContaining('I was charged twice for my policy.')]);
    expect(await benHeld.getByTestId('transfer-note-shown').count()).toBe(1);
  });

  it('closes with the wrap-up code the group requires, chosen in the dialog', async () => {
    const benHeld = ben.getByTestId('accepted').getByTestId('media-event-card');
    await benHeld.getByRole('button', { name: 'Complete' }).click();
    const dialog = ben.getByTestId('wrap-up-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('This group asks for a wrap-up code');
    // Nothing chosen: the dialog says so and nothing is closed.
    await dialog.getByRole('button', { name: 'Close conversation' }).click();
    await expect.poll(() => dialog.textContent()).toContain('Choose a code');
    expect(await benHeld.count()).toBe(1);
    await dialog.getByRole('radio', { name: 'Solved (SOLVED)' }).check();
    await screenshot(ben, '62-desk-wrap-up-dialog');
    await dialog.getByRole('button', { name: 'Close conversation' }).click();
    await expect.poll(() => benHeld.count()).toBe(0);
    await expect.poll(() => ben.getByTestId('history').textContent()).toContain('Completed');

    const sms = expectStatus(await server.admin.get(`/api/sms/${ids.smsId}`), 200, 'reading the SMS') as {
      conversationId: string;
    };
    const closed = expectStatus(
      await server.admin.get(`/api/conversations/${sms.conversationId}`),
      200,
      'reading the conversation',
    );
    expect(closed).toMatchObject({ state: 'closed', acdGroupId: ids.secondLevel, wrapUpCodeId: ids.solved });
    expect(pageErrors).toEqual([]);
  });
});
