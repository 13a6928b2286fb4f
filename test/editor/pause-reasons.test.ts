import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAcdGroup, createTenant, createUserRecord } from '../support/fixtures';
import { choose, DESKTOP, screenshot, signIn } from './browser';
import { browserStory } from './browser-story';

const ADMIN = { email: 'lena.admin@acme.test', password: 'admin password 42', name: 'Lena Admin' };
const MIRA = { email: 'mira.agent@acme.test', password: 'agent password 42', name: 'Mira Lindqvist' };

// Issue 16, item 11: the client admin defines pause reasons, the agent pauses for lunch on the
// desk, and the admin sees why in the live group view and the status history. One story, in order.
describe('pause reasons', { timeout: 180_000 }, () => {
  const ids = { clientId: '', miraId: '' };
  const ui = browserStory(async (server) => {
    ({ clientId: ids.clientId } = await createTenant(server.admin, {
      reseller: 'Northwind Telecom',
      client: 'Acme Insurance',
    }));
    await createUserRecord(server.admin, {
      email: ADMIN.email,
      password: ADMIN.password,
      role: 'client_admin',
      clientId: ids.clientId,
      displayName: ADMIN.name,
    });
    ids.miraId = (
      await createUserRecord(server.admin, {
        email: MIRA.email,
        password: MIRA.password,
        role: 'agent',
        clientId: ids.clientId,
        displayName: MIRA.name,
      })
    ).id;
    await createAcdGroup(server.admin, {
      name: 'Claims hotline',
      clientId: ids.clientId,
      members: [{ agentId: ids.miraId, priority: 0 }],
    });
  });
  let deskContext: BrowserContext;
  let desk: Page;

  beforeAll(async () => {
    await ui.page.goto(`${ui.server.url}/login`);
    await signIn(ui.page, ADMIN.email, ADMIN.password);
    await ui.page.getByTestId('user-menu').waitFor();
    deskContext = await ui.browser.newContext(DESKTOP);
    desk = await deskContext.newPage();
    desk.setDefaultTimeout(15_000);
    desk.on('pageerror', (error) => ui.pageErrors.push(error.message));
  }, 60_000);
  afterAll(() => deskContext?.close());

  it('lets the client admin define the client’s pause reasons, in order', async () => {
    const page = ui.page;
    await page.getByRole('link', { name: 'Pause reasons' }).click();
    await page.getByText('No pause reasons yet').waitFor();
    for (const [name, position] of [
      ['Training', '3'],
      ['Lunch', '1'],
      ['Meeting', '2'],
    ] as const) {
      await page.getByTestId('new-pause-reason').click();
      const form = page.getByTestId('pause-reason-form');
      if (name === 'Training') {
        // An empty name is refused in the form, before anything is sent.
        await form.getByRole('button', { name: 'Create pause reason' }).click();
        await form.getByText('Enter a name such as “Lunch”').waitFor();
      }
      await form.getByLabel('Name').fill(name);
      await form.getByLabel('Order').fill(position);
      await form.getByRole('button', { name: 'Create pause reason' }).click();
      await page.getByText(`Pause reason ${name} created`).waitFor();
    }
    // A second "Lunch" is refused by the server, on the field.
    await page.getByTestId('new-pause-reason').click();
    const form = page.getByTestId('pause-reason-form');
    await form.getByLabel('Name').fill('Lunch');
    await form.getByRole('button', { name: 'Create pause reason' }).click();
    await form.getByText('A pause reason with this name exists in the client already').waitFor();
    await form.getByRole('button', { name: 'Cancel' }).click();

    const rows = page.getByTestId('pause-reason-row');
    await expect.poll(() => rows.count()).toBe(3);
    const names = await Promise.all((await rows.all()).map((row) => row.getAttribute('data-name')));
    expect(names).toEqual(['Lunch', 'Meeting', 'Training']);
    await screenshot(page, 'pause-reasons-01-list');
  });

  it('offers the agent the reasons when pausing; they pause for lunch', async () => {
    await desk.goto(`${ui.server.url}/login`);
    await signIn(desk, MIRA.email, MIRA.password);
    await desk.getByTestId('agent-desk').waitFor();
    await expect.poll(() => desk.getByTestId('connection').textContent()).toBe('Live');
    await desk.getByTestId('status-switcher').getByText('Available', { exact: true }).click();
    await expect.poll(() => desk.getByTestId('status-since').textContent()).toContain('Available for');
    // Not paused: no reason to give.
    expect(await desk.getByTestId('pause-reason').count()).toBe(0);

    await desk.getByTestId('status-switcher').getByText('Pause', { exact: true }).click();
    await expect.poll(() => desk.getByTestId('status-since').textContent()).toContain('Pause for');
    const reason = desk.getByTestId('pause-reason');
    expect(await reason.getAttribute('placeholder')).toBe('Why are you pausing?');
    await reason.click();
    // The client's reasons in their order, and pausing without one.
    await desk.getByRole('option', { name: 'Training' }).waitFor();
    expect(await desk.getByRole('option').allTextContents()).toEqual(['Lunch', 'Meeting', 'Training', 'No reason']);
    await desk.getByRole('option', { name: 'Lunch', exact: true }).click();
    await expect.poll(() => desk.getByTestId('status-since').textContent()).toContain('Paused: Lunch for');
    await screenshot(desk, 'pause-reasons-02-desk-lunch');
  });

  it('shows the admin why the agent is paused in the live group view', async () => {
    const page = ui.page;
    await page.getByRole('link', { name: 'ACD groups' }).click();
    await page.getByRole('button', { name: 'Live view of Claims hotline' }).click();
    const live = page.getByTestId('group-live');
    const mira = live.getByTestId('live-agent').filter({ hasText: MIRA.name });
    await expect.poll(() => mira.getByTestId('live-agent-status').textContent()).toBe('Pause');
    await expect.poll(() => mira.getByTestId('live-agent-pause-reason').textContent()).toBe('Lunch');
    await screenshot(page, 'pause-reasons-03-live-view');

    // Lunch turns into a meeting: the live view follows.
    await choose(desk, desk.getByTestId('pause-reason'), 'Meeting');
    await expect.poll(() => desk.getByTestId('status-since').textContent()).toContain('Paused: Meeting for');
    // The live view reads the group every 2 s.
    await expect
      .poll(() => mira.getByTestId('live-agent-pause-reason').textContent(), { timeout: 15_000 })
      .toBe('Meeting');
    await page.keyboard.press('Escape');
  });

  it('keeps both pauses, each with its reason, in the status history', async () => {
    const page = ui.page;
    await page.getByRole('link', { name: 'Agents' }).click();
    const row = page.getByTestId('agent-row').filter({ hasText: MIRA.name });
    // The Agents page says why she is paused too.
    await expect.poll(() => row.getByTestId('agent-pause-reason').textContent()).toBe('Meeting');
    await row.getByRole('button', { name: `Actions for ${MIRA.name}` }).click();
    await page.getByRole('menuitem', { name: 'Status history' }).click();
    const reasons = page.getByTestId('status-history').getByTestId('status-history-pause-reason');
    await expect.poll(() => reasons.allTextContents()).toEqual([' · Reason: Meeting', ' · Reason: Lunch']);
    await screenshot(page, 'pause-reasons-04-status-history');
    expect(ui.pageErrors).toEqual([]);
  });
});
