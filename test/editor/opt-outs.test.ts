import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  createAcdGroup,
  createDirectConnector,
  createTenantWithUsers,
  deliver,
  expectStatus,
  type Tenant,
} from '../support/fixtures';
import { labelled, screenshot, signIn } from './browser';
import { browserStory } from './browser-story';

// A client admin keeps the client's opt-out list: adds a number through the page (a malformed one
// is refused at the field), finds it by searching, exports the list as CSV, removes it, and sets
// the keywords and a confirmation text.
describe('opt-outs in the web UI', { timeout: 120_000 }, () => {
  let tenant: Tenant;

  const ui = browserStory(async (server) => {
    tenant = await createTenantWithUsers(server.admin, 'Opt-out UI');
    // One number opted out by its own keyword SMS.
    const group = await createAcdGroup(server.admin, { name: 'Support', clientId: tenant.clientId });
    const connector = await createDirectConnector(server.admin, {
      clientId: tenant.clientId,
      acdGroupId: group.id,
      requireToken: false,
    });
    await deliver(server.url, { receiver: connector.recipient, sender: '+441632960111', message: 'Stop!' });
  });

  it('finds Opt-outs in the navigation, with the number already listed', async () => {
    await ui.page.goto(`${ui.server.url}/login`);
    await signIn(ui.page, tenant.clientAdmin.email, tenant.clientAdmin.password);
    await ui.page.getByTestId('user-menu').waitFor();
    await ui.page.getByRole('link', { name: 'Opt-outs' }).click();
    await ui.page.waitForURL(/\/opt-outs$/);
    const row = ui.page.getByTestId('opt-out-row').filter({ hasText: '+441632960111' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Keyword SMS');
  });

  it('adds a number, refusing a national one at the field', async () => {
    await ui.page.getByTestId('add-opt-out').click();
    const form = ui.page.getByTestId('opt-out-form');
    await form.getByLabel(labelled('Number')).fill('0170 1234567');
    await form.getByRole('button', { name: 'Add number' }).click();
    await expect.poll(() => form.getByText('Enter an international phone number', { exact: false }).count()).toBe(1);
    await form.getByLabel(labelled('Number')).fill('+49 170 1234567');
    await form.getByRole('button', { name: 'Add number' }).click();
    await ui.page.getByTestId('opt-out-row').filter({ hasText: '+491701234567' }).waitFor();
    const stored = (await tenant.clientAdmin.api.get('/api/opt-outs')).body.items as Array<{ number: string }>;
    expect(stored.map((item) => item.number).sort()).toEqual(['+441632960111', '+491701234567']);
  });

  it('searches by number and exports what it finds as CSV', async () => {
    await ui.page.getByTestId('search-opt-outs').fill('4917');
    await expect.poll(() => ui.page.getByTestId('opt-out-row').count()).toBe(1);
    expect(await ui.page.getByTestId('opt-out-row').textContent()).toContain('+491701234567');
    await screenshot(ui.page, 'opt-outs-01-list');

    const [download] = await Promise.all([
      ui.page.waitForEvent('download'),
      ui.page.getByTestId('export-opt-outs').click(),
    ]);
    expect(download.suggestedFilename()).toBe('opt-outs.csv');
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('number,source,since');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 2))).toEqual([["'+491701234567", 'admin']]);
  });

  it('removes a number after asking', async () => {
    await ui.page.getByRole('button', { name: 'Remove +491701234567' }).click();
    await ui.page.getByRole('button', { name: 'Remove from the list' }).click();
    await ui.page.getByText('No number matches the search').waitFor();
    const stored = (await tenant.clientAdmin.api.get('/api/opt-outs')).body.items as Array<{ number: string }>;
    expect(stored.map((item) => item.number)).toEqual(['+441632960111']);
  });

  it('changes the keywords and the confirmation text', async () => {
    await ui.page.getByTestId('tab-keywords').click();
    const settings = ui.page.getByTestId('opt-out-settings');
    await settings.waitFor();
    const keywords = settings.getByTestId('opt-out-keywords');
    await keywords.fill('halt');
    await keywords.press('Enter');
    // A word cannot be in both lists: the form says so before saving.
    const optIn = settings.getByTestId('opt-in-keywords');
    await optIn.fill('Halt');
    await optIn.press('Enter');
    await expect.poll(() => settings.getByText('HALT is an opt-out keyword too', { exact: false }).count()).toBe(1);
    await optIn.press('Backspace');
    await settings.getByTestId('opt-out-confirmation').fill('You will get no more messages. Reply START to return.');
    await screenshot(ui.page, 'opt-outs-02-keywords');
    await settings.getByTestId('save-opt-out-settings').click();
    await ui.page.getByText('Keywords saved').waitFor();

    const saved = expectStatus(
      await tenant.clientAdmin.api.get(`/api/opt-outs/settings/${tenant.clientId}`),
      200,
      'reading the settings',
    );
    expect(saved).toMatchObject({
      enabled: true,
      optOutKeywords: ['STOP', 'STOPP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'HALT'],
      optInKeywords: ['START', 'UNSTOP'],
      optOutConfirmation: 'You will get no more messages. Reply START to return.',
      optInConfirmation: null,
    });
    expect(ui.pageErrors).toEqual([]);
  });

  it('shows the keyword SMS in Traffic as an opt-out keyword', async () => {
    await ui.page.getByRole('link', { name: 'Traffic' }).click();
    await ui.page.waitForURL(/\/traffic$/);
    const badge = ui.page.locator('[data-status="opted_out"]');
    await badge.first().waitFor();
    expect(await badge.first().textContent()).toBe('Opt-out keyword');
    await screenshot(ui.page, 'opt-outs-03-traffic');
    expect(ui.pageErrors).toEqual([]);
  });
});
