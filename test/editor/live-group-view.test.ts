import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/test-server';
import { aGraph } from '../workflows/fixtures';
import {
  createAcdGroup,
  createDirectConnector,
  createTenant,
  createUserRecord,
  deliver,
  publishWithConnector,
  waitFor,
} from '../support/fixtures';
import { choose, DESKTOP, screenshot, signIn } from './browser';
import { browserStory } from './browser-story';

const MIRA = { email: 'mira.agent@acme.test', password: 'agent password 42', name: 'Mira Lindqvist' };
const JONAS = { email: 'jonas.agent@acme.test', password: 'agent password 43', name: 'Jonas Weber' };
const RECIPIENT = '+49301112299';

// Issue 16: an agent misses an offer; the admin watches the group's queue, reassigns and cancels
// waiting SMS, and sees what routes to the group. One story, in order.
describe('the live group view and a missed offer', { timeout: 180_000 }, () => {
  const ids = { clientId: '', claimsId: '', overflowId: '', miraId: '', jonasId: '' };
  const ui = browserStory(async (server) => {
    ({ clientId: ids.clientId } = await createTenant(server.admin, {
      reseller: 'Northwind Telecom',
      client: 'Acme Insurance',
    }));
    for (const [key, agent] of [
      ['miraId', MIRA],
      ['jonasId', JONAS],
    ] as const) {
      ids[key] = (
        await createUserRecord(server.admin, {
          email: agent.email,
          password: agent.password,
          role: 'agent',
          clientId: ids.clientId,
          displayName: agent.name,
        })
      ).id;
    }
    ids.claimsId = (
      await createAcdGroup(server.admin, {
        name: 'Claims hotline',
        clientId: ids.clientId,
        offerTimeoutSeconds: 5,
        members: [
          { agentId: ids.miraId, priority: 10 },
          { agentId: ids.jonasId, priority: 0 },
        ],
      })
    ).id;
    ids.overflowId = (
      await createAcdGroup(server.admin, {
        name: 'Overflow',
        clientId: ids.clientId,
        members: [{ agentId: ids.jonasId, priority: 0 }],
      })
    ).id;
    await createDirectConnector(server.admin, {
      name: 'Claims SMS',
      recipient: RECIPIENT,
      requireToken: false,
      acdGroupId: ids.claimsId,
      subject: 'Claims question',
      clientId: ids.clientId,
    });
    const graph = aGraph(
      [
        ['start', 'start'],
        ['route', 'route_to_acd_group', { acdGroupId: ids.overflowId }],
      ],
      [['start', 'next', 'route']],
    );
    const published = await publishWithConnector(server.admin, ids.clientId, graph, '+4930555099', {
      fallbackAcdGroupId: ids.claimsId,
    });
    await server.admin.patch(`/api/routing-applications/${published.applicationId}`, { name: 'Hotline' });
  });
  let deskContext: BrowserContext;
  let desk: Page;
  const customerWrites = (message: string, sender: string) =>
    deliver(ui.server.url, { receiver: RECIPIENT, sender, message });

  beforeAll(async () => {
    await ui.page.goto(`${ui.server.url}/login`);
    await signIn(ui.page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await ui.page.getByTestId('user-menu').waitFor();
    deskContext = await ui.browser.newContext(DESKTOP);
    desk = await deskContext.newPage();
    desk.setDefaultTimeout(15_000);
    desk.on('pageerror', (error) => ui.pageErrors.push(error.message));
  }, 60_000);
  afterAll(() => deskContext?.close());

  it('tells an agent who let an offer time out that they are not responding, and the admin sees it', async () => {
    await desk.goto(`${ui.server.url}/login`);
    await signIn(desk, MIRA.email, MIRA.password);
    await desk.getByTestId('agent-desk').waitFor();
    await expect.poll(() => desk.getByTestId('connection').textContent()).toBe('Live');
    // Nobody picks "Not responding": it is not among the statuses to choose.
    expect(await desk.getByTestId('status-switcher').textContent()).not.toContain('Not responding');
    await desk.getByTestId('status-switcher').getByText('Available', { exact: true }).click();
    await expect.poll(() => desk.getByTestId('status-since').textContent()).toContain('Available for');

    await customerWrites('My claim number is 4711, who can help?', '+4915700000001');
    await desk.getByTestId('offers').getByTestId('media-event-card').waitFor();
    // Mira looks away: the offer times out (5 s), and the desk says what happened.
    const notice = desk.getByTestId('not-responding');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain('You missed an offer');
    expect(await notice.textContent()).toContain('you receive no new SMS');
    await expect.poll(() => desk.getByTestId('status-since').textContent()).toContain('Not responding for');
    expect(await desk.getByTestId('offers').getByTestId('media-event-card').count()).toBe(0);
    await screenshot(desk, 'live-group-view-01-desk-missed-offer');

    await ui.page.getByRole('link', { name: 'Agents' }).click();
    const row = ui.page.getByTestId('agent-row').filter({ hasText: MIRA.name });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Not responding');
    await screenshot(ui.page, 'live-group-view-02-agents-not-responding');
  });

  it('warns when the queue passes the group’s threshold, set in the group form', async () => {
    await customerWrites('Second question', '+4915700000002');
    await customerWrites('Spam spam spam', '+4915700000003');
    await ui.page.getByRole('link', { name: 'ACD groups' }).click();
    await ui.page.getByRole('button', { name: 'Live view of Claims hotline' }).click();
    const live = ui.page.getByTestId('group-live');
    await expect.poll(() => live.getByTestId('waiting-sms').count()).toBe(3);
    expect(await live.getByTestId('queue-warning').count()).toBe(0);
    // Mira is shown not responding to the admin here too.
    expect(await live.getByTestId('live-agent').filter({ hasText: MIRA.name }).textContent()).toContain(
      'Not responding',
    );

    await ui.page.getByRole('button', { name: 'Edit group' }).click();
    const form = ui.page.getByTestId('acd-group-form');
    await form.getByLabel('When more SMS wait than').fill('0');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await form.getByText('Empty, or a whole number from 1 to 100000').waitFor();
    await form.getByLabel('When more SMS wait than').fill('2');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await ui.page.getByText('“Claims hotline” saved').waitFor();
    const group = await ui.server.admin.get(`/api/acd-groups/${ids.claimsId}`);
    expect(group.body).toMatchObject({ warnQueueLength: 2, warnWaitSeconds: null });

    // The live view stayed open under the form.
    const warning = live.getByTestId('queue-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('The queue is longer than 2 SMS');
    // Oldest first, each with how long it has waited.
    const rows = live.getByTestId('waiting-sms');
    expect(await rows.nth(0).textContent()).toContain('My claim number is 4711');
    expect(await rows.nth(2).textContent()).toContain('Spam spam spam');
    expect(await rows.nth(0).getByTestId('waiting-age').textContent()).toMatch(/^\d+ (s|min)$/);
    await screenshot(ui.page, 'live-group-view-03-waiting-list');
  });

  it('lets the admin reassign a waiting SMS to another group and agent, and cancel one', async () => {
    const live = ui.page.getByTestId('group-live');
    const rows = live.getByTestId('waiting-sms');
    await rows
      .filter({ hasText: 'My claim number is 4711' })
      .getByRole('button', { name: /^Reassign: / })
      .click();
    const dialog = ui.page.getByRole('dialog', { name: /Reassign the SMS from/ });
    await dialog.waitFor();
    await choose(ui.page, dialog.getByLabel('ACD group', { exact: true }), 'Overflow');
    await choose(ui.page, dialog.getByLabel('Agent', { exact: true }), JONAS.name);
    await screenshot(ui.page, 'live-group-view-04-reassign');
    await dialog.getByRole('button', { name: 'Reassign', exact: true }).click();
    await ui.page.getByText('The SMS from +4915700000001 was reassigned').waitFor();
    await expect.poll(() => rows.count()).toBe(2);
    const moved = await waitFor('the SMS in Overflow', async () => {
      const overflow = await ui.server.admin.get(`/api/acd-groups/${ids.overflowId}/live`);
      return overflow.body.waiting[0];
    });
    expect(moved).toMatchObject({ reservedFor: { id: ids.jonasId, displayName: JONAS.name } });

    await rows
      .filter({ hasText: 'Spam spam spam' })
      .getByRole('button', { name: /^Cancel SMS: / })
      .click();
    const confirm = ui.page.getByRole('dialog', { name: /Cancel the SMS from/ });
    await confirm.getByRole('button', { name: 'Keep it' }).waitFor();
    await confirm.getByRole('button', { name: 'Cancel SMS' }).click();
    await ui.page.getByText('The SMS from +4915700000003 was cancelled').waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    // Back under the threshold: the warning is gone.
    await expect.poll(() => live.getByTestId('queue-warning').count()).toBe(0);
  });

  it('shows what uses the group, and brings the agent back', async () => {
    const used = ui.page.getByTestId('group-live').getByTestId('used-by');
    await expect.poll(() => used.getByTestId('used-by-item').count()).toBe(2);
    expect(await used.textContent()).toContain('Connector Claims SMS routes to it directly');
    expect(await used.textContent()).toContain('Fallback group of routing application Hotline');
    await screenshot(ui.page, 'live-group-view-05-used-by');

    // Mira comes back: the SMS left in the queue is hers at once.
    await desk.getByTestId('available-again').click();
    await expect.poll(() => desk.getByTestId('not-responding').count()).toBe(0);
    await desk.getByTestId('offers').getByTestId('media-event-card').filter({ hasText: 'Second question' }).waitFor();
    expect(ui.pageErrors).toEqual([]);
  });
});
