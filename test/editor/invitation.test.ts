import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditorIfStale } from '../../editor/build-if-stale';
import { decodeBody, startSmtpSink } from '../support/smtp-sink';
import { startTestServer, type TestServer } from '../support/test-server';
import { createTenant, createUserRecord, waitFor } from '../support/fixtures';
import { ApiClient } from '../support/api-client';
import { closeAll, labelled, launchBrowser, openPage, screenshot, signIn } from './browser';

const ADMIN = { email: 'ines.admin@acme.test', password: 'ines admin password', name: 'Ines Admin' };
const NEW_AGENT = { email: 'theo.invited@acme.test', name: 'Theo Invited', password: 'theo chose this one' };

// A client admin invites an agent by e-mail; the agent opens the link, chooses a password and
// signs in: the whole invitation, through a real mail server and a real browser.
describe('inviting a user by e-mail', { timeout: 120_000 }, () => {
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await buildEditorIfStale({ quiet: true });
    smtp = await startSmtpSink();
    server = await startTestServer({ env: { SMTP_URL: smtp.url } });
    const client = await createTenant(server.admin, { reseller: 'Northwind Telecom', client: 'Acme Insurance' });
    await createUserRecord(server.admin, {
      email: ADMIN.email,
      password: ADMIN.password,
      displayName: ADMIN.name,
      role: 'client_admin',
      clientId: client.clientId,
    });
    browser = await launchBrowser();
    ({ context, page } = await openPage(browser, pageErrors));
  }, 180_000);

  afterAll(() => closeAll(context, browser, server, smtp));

  let link = '';

  it('invites an agent from the Users page', async () => {
    await page.goto(`${server.url}/login`);
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.getByTestId('user-menu').waitFor();
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByTestId('new-user').click();
    const form = page.getByTestId('user-form');
    await form.getByLabel(labelled('Display name')).fill(NEW_AGENT.name);
    await form.getByRole('textbox', { name: labelled('E-mail') }).fill(NEW_AGENT.email);
    // With a mail server, an invitation is the default and no password is asked for.
    await form.getByText('They get an e-mail with a link to choose their password').waitFor();
    expect(await form.getByLabel(labelled('Password')).count()).toBe(0);
    await screenshot(page, 'invite-01-form');
    await form.getByRole('button', { name: 'Create user' }).click();
    await page.getByText(`${NEW_AGENT.name} was invited`).waitFor();
    await page.getByTestId('user-row').filter({ hasText: NEW_AGENT.name }).waitFor();

    const mail = await waitFor('the invitation e-mail', async () =>
      smtp.accepted.find((m) => m.to.includes(NEW_AGENT.email)),
    );
    expect(mail.subject).toBe('Your Switchboard account');
    link = /(http\S+\/set-password#token=[A-Za-z0-9_-]+)/.exec(decodeBody(mail.raw))?.[1] ?? '';
    expect(link).toContain(server.url);
  });

  it('lets the invited agent choose a password and sign in with it', async () => {
    const invitee = await openPage(browser, pageErrors);
    try {
      const p = invitee.page;
      await p.goto(link);
      await p.getByText(`${NEW_AGENT.name} · ${NEW_AGENT.email}`).waitFor();
      await p.getByLabel(labelled('New password')).fill(NEW_AGENT.password);
      await p.getByLabel(labelled('Repeat it')).fill('something else entirely');
      await p.getByRole('button', { name: 'Set password' }).click();
      await p.getByText('The two passwords differ').waitFor();
      await p.getByLabel(labelled('Repeat it')).fill(NEW_AGENT.password);
      await p.getByRole('button', { name: 'Set password' }).click();
      await p.getByTestId('password-chosen').waitFor();
      await screenshot(p, 'invite-02-password-set');
      await p.getByRole('link', { name: 'Sign in' }).first().click();
      await signIn(p, NEW_AGENT.email, NEW_AGENT.password);
      await p.waitForURL(/\/desk$/);

      // The link worked once.
      await p.goto(link);
      await p.getByText('The link does not work').waitFor();
      expect(await p.getByRole('alert').textContent()).toMatch(/does not work any more/);
    } finally {
      await invitee.context.close();
    }
    expect((await new ApiClient(server.url).login(NEW_AGENT.email, NEW_AGENT.password)).status).toBe(200);
  });

  it('sends a password link from the row menu', async () => {
    const before = smtp.accepted.length;
    await page.getByRole('button', { name: `Actions for ${NEW_AGENT.name}` }).click();
    await page.getByRole('menuitem', { name: 'E-mail a password link' }).click();
    await page.getByRole('button', { name: 'Send link' }).click();
    await page.getByText(`A link to set a password is on its way to ${NEW_AGENT.email}`).waitFor();
    const mail = await waitFor('the password link e-mail', async () =>
      smtp.accepted.slice(before).find((m) => m.to.includes(NEW_AGENT.email)),
    );
    expect(mail.subject).toBe('Set a new Switchboard password');
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
