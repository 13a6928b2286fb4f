import { describe, expect, it } from 'vitest';
import { createTenantWithUsers, type Tenant } from '../support/fixtures';
import { labelled, screenshot, signIn } from './browser';
import { browserStory } from './browser-story';

// A client admin writes a canned response with a placeholder from the picker; the server refuses
// an unknown placeholder at the field; the agent then reads the response on the desk's route.
describe('canned responses in the web UI', { timeout: 120_000 }, () => {
  let tenant: Tenant;

  const ui = browserStory(async (server) => {
    tenant = await createTenantWithUsers(server.admin, 'Acme');
  });

  it('finds Canned responses in the navigation, empty', async () => {
    await ui.page.goto(`${ui.server.url}/login`);
    await signIn(ui.page, tenant.clientAdmin.email, tenant.clientAdmin.password);
    await ui.page.getByTestId('user-menu').waitFor();
    await ui.page.getByRole('link', { name: 'Canned responses' }).click();
    await ui.page.waitForURL(/\/canned-responses$/);
    await ui.page.getByText('No canned responses yet').waitFor();
  });

  it('creates one, inserting a placeholder with the picker and showing the preview', async () => {
    await ui.page.getByTestId('new-canned-response').click();
    const form = ui.page.getByTestId('canned-response-form');
    await form.getByLabel(labelled('Shortcut')).fill('Hours');
    await expect
      .poll(() =>
        form.getByText('Only lowercase letters, digits and dashes, not starting or ending with a dash').count(),
      )
      .toBe(1);
    await form.getByLabel(labelled('Shortcut')).fill('hours');
    await form.getByLabel(labelled('Title')).fill('Opening hours');
    const text = form.getByRole('textbox', { name: 'Text' });
    await text.fill('Hello, this is ');
    await text.press('End');
    await form.getByTestId('insert-placeholder').click();
    await ui.page.getByRole('menuitem', { name: /Agent’s name/ }).click();
    await expect.poll(() => text.inputValue()).toBe('Hello, this is {{agent.name}}');
    await text.press('End');
    await text.pressSequentially('. We are open 9–17.');
    await expect
      .poll(() => form.getByTestId('canned-preview').textContent())
      .toBe('Hello, this is Mira Lindqvist. We are open 9–17.');
    await screenshot(ui.page, 'canned-01-form');
    await form.getByRole('button', { name: 'Create canned response' }).click();
    const row = ui.page.getByTestId('canned-response-row').filter({ hasText: '/hours' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Opening hours');
    await screenshot(ui.page, 'canned-02-list');

    const stored = (await tenant.clientAdmin.api.get('/api/canned-responses')).body.items;
    expect(stored).toEqual([
      expect.objectContaining({
        clientId: tenant.clientId,
        shortcut: 'hours',
        title: 'Opening hours',
        text: 'Hello, this is {{agent.name}}. We are open 9–17.',
      }),
    ]);
    const desk = await tenant.agent.api.get('/api/desk/canned-responses');
    expect(desk.body.items.map((item: { shortcut: string }) => item.shortcut)).toEqual(['hours']);
  });

  it('shows the server’s 409 at the shortcut field', async () => {
    await ui.page.getByTestId('new-canned-response').click();
    const form = ui.page.getByTestId('canned-response-form');
    await form.getByLabel(labelled('Shortcut')).fill('hours');
    await form.getByLabel(labelled('Title')).fill('Again');
    await form.getByRole('textbox', { name: 'Text' }).fill('Another text');
    await form.getByRole('button', { name: 'Create canned response' }).click();
    await expect
      .poll(() => form.getByText('A canned response with this shortcut exists in the client already').count())
      .toBe(1);
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  it('deletes it', async () => {
    await ui.page.getByRole('button', { name: 'Delete /hours' }).click();
    await ui.page.getByRole('button', { name: 'Delete canned response' }).click();
    await ui.page.getByText('No canned responses yet').waitFor();
    expect((await tenant.clientAdmin.api.get('/api/canned-responses')).body.items).toEqual([]);
    expect(ui.pageErrors).toEqual([]);
  });
});
