import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { messages } from '../../i18n/messages/messages';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/test-server';
import {
  createAcdGroup,
  createDirectConnector,
  createTenantWithUsers,
  deliver,
  findMediaEvent,
  mediaEventOf,
  waitFor,
  type Tenant,
} from '../support/fixtures';
import { labelled, openPage, screenshot, signIn } from './browser';
import { browserStory } from './browser-story';

// Issue 16 item 12: each text says what its button, status or hint really does.
describe('texts that say what they do', { timeout: 120_000 }, () => {
  const state = { tenant: undefined as Tenant | undefined, queued: '', waitedTooLong: '' };

  const ui = browserStory(async (server) => {
    const tenant = (state.tenant = await createTenantWithUsers(server.admin, 'Acme'));
    const group = await createAcdGroup(server.admin, {
      name: 'Hotline',
      clientId: tenant.clientId,
      maxWaitSeconds: 600,
    });
    const connector = await createDirectConnector(server.admin, {
      clientId: tenant.clientId,
      acdGroupId: group.id,
      requireToken: false,
    });
    // Nobody is in the group: both SMS wait; the second as if it had arrived eleven minutes ago.
    state.queued = await deliver(server.url, { receiver: connector.recipient, message: 'Spam or not?' });
    state.waitedTooLong = await deliver(server.url, { receiver: connector.recipient, message: 'Still there?' });
    const old = await waitFor('a queued event', async () => findMediaEvent(server.admin, state.waitedTooLong));
    await sql`update media_event set created_at = now() - interval '11 minutes' where id = ${old.id}`.execute(
      server.switchboard.database.db,
    );
    await waitFor('the old event past its maximum wait', async () => {
      return (await mediaEventOf(server.admin, state.waitedTooLong)).state === 'expired';
    });
  });

  it('opens the API reference in a tab of its own, leaving the app in place', async () => {
    await ui.page.goto(`${ui.server.url}/login`);
    const loginLink = ui.page.locator('a[href="/api/docs"]');
    await loginLink.waitFor();
    expect(await loginLink.getAttribute('target')).toBe('_blank');
    expect(await loginLink.getAttribute('rel')).toBe('noopener');
    await signIn(ui.page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await ui.page.getByTestId('user-menu').waitFor();
    const shellLink = ui.page.getByRole('link', { name: 'API reference' });
    expect(await shellLink.getAttribute('target')).toBe('_blank');
    expect(await shellLink.getAttribute('rel')).toBe('noopener');
  });

  it('answers "Cancel SMS" with "Keep it" in Traffic, and keeping it keeps the SMS waiting', async () => {
    await ui.page.goto(`${ui.server.url}/traffic/${state.queued}`);
    const detail = ui.page.getByTestId('sms-detail');
    await detail.getByTestId('media-event').waitFor();
    await detail.getByRole('button', { name: 'Cancel', exact: true }).click();
    const dialog = ui.page.getByRole('dialog', { name: 'Cancel this SMS' });
    await dialog.getByRole('button', { name: 'Cancel SMS' }).waitFor();
    expect(await dialog.getByRole('button', { name: 'Cancel', exact: true }).count()).toBe(0);
    await screenshot(ui.page, 'texts-01-cancel-dialog');
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await mediaEventOf(ui.server.admin, state.queued)).state).toBe('queued');
  });

  it('says an SMS waited too long, in words an offer timeout does not share', async () => {
    await ui.page.goto(`${ui.server.url}/traffic/${state.waitedTooLong}`);
    const event = ui.page.getByTestId('sms-detail').getByTestId('media-event');
    await expect.poll(() => event.textContent()).toContain('Waited too long');
    expect(await ui.page.getByTestId('sms-detail').textContent()).not.toMatch(/expired/i);

    // The maximum wait and an agent's missed offer, in statuses and the desk's history.
    for (const words of [messages.en, messages.de]) {
      const maxWait = words.status.mediaEvent.expired;
      expect([words.status.offer.expired, words.desk.outcomes.expired]).not.toContain(maxWait);
    }
    expect(messages.en.status.offer.expired).toBe('Offer timed out');
    expect(messages.en.desk.outcomes.expired).toBe('Timed out');
  });

  it('says earlier tokens stop working only when a token is replaced, not for a new connector', async () => {
    await ui.page.goto(`${ui.server.url}/connectors`);
    await ui.page.getByTestId('new-connector').click();
    const form = ui.page.getByTestId('connector-form');
    await form.getByLabel(labelled('Name')).fill('Hotline Berlin');
    await form.getByLabel(labelled('Recipient')).fill('+49301234567');
    await form.getByRole('button', { name: 'Create connector' }).click();
    await ui.page.getByTestId('new-token').waitFor();
    const created = ui.page.getByRole('dialog', { name: 'New token of Hotline Berlin' });
    expect(await created.textContent()).toContain('Copy the token now: it is shown only this once.');
    expect(await created.textContent()).not.toMatch(/earlier token/i);
    await ui.page.getByRole('button', { name: 'I have copied the token' }).click();
    await created.waitFor({ state: 'detached' });

    await ui.page.getByRole('button', { name: 'Actions for Hotline Berlin' }).click();
    await ui.page.getByRole('menuitem', { name: 'Edit' }).click();
    await form.getByLabel('Generate new token').check();
    await form.getByRole('button', { name: 'Save connector' }).click();
    const rotated = ui.page.getByRole('dialog', { name: 'New token of Hotline Berlin' });
    await rotated.getByTestId('new-token').waitFor();
    expect(await rotated.textContent()).toContain('The earlier token of this connector no longer works.');
    await screenshot(ui.page, 'texts-02-rotated-token');
    await ui.page.getByRole('button', { name: 'I have copied the token' }).click();
    await rotated.waitFor({ state: 'detached' });
  });

  it('says a failed run without a fallback group fails the SMS, since routing connectors have no group', async () => {
    await ui.page.goto(`${ui.server.url}/routing-applications`);
    await expect.poll(() => ui.page.getByText('then point a connector at the application').count()).toBe(1);
    await ui.page.getByTestId('new-application').click();
    const dialog = ui.page.getByRole('dialog');
    await expect
      .poll(() => dialog.textContent())
      .toContain(
        'Where an SMS goes when a run fails. Without one, the SMS is marked failed and no agent is offered it.',
      );
    expect(await dialog.textContent()).not.toContain("connector's group");
    await screenshot(ui.page, 'texts-03-fallback-hint');
    await ui.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('tells a client admin, who cannot point connectors, whom to ask', async () => {
    const clientAdmin = state.tenant!.clientAdmin;
    const { context, page } = await openPage(ui.browser, ui.pageErrors);
    try {
      await page.goto(`${ui.server.url}/login`);
      await signIn(page, clientAdmin.email, clientAdmin.password);
      await page.getByTestId('user-menu').waitFor();
      await page.goto(`${ui.server.url}/routing-applications`);
      const askAdmin = 'ask your reseller or system administrator to point a connector at';
      // The page's description, and the empty list's text (this client has no application).
      await expect.poll(() => page.getByText(askAdmin).count()).toBe(2);
      expect(await page.getByText('then point a connector at').count()).toBe(0);
      await screenshot(page, 'texts-04-client-admin-applications');
    } finally {
      await context.close();
    }
    expect(ui.pageErrors).toEqual([]);
  });
});
