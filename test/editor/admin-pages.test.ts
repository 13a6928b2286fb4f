import { describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import type { TestServer } from '../support/test-server';
import { createAcdSetup, createTenant, createUserRecord } from '../support/fixtures';
import { choose, labelled, screenshot, signIn } from './browser';
import { browserStory } from './browser-story';

const SAM = { email: 'sam.admin@switchboard.test', password: 'sam admin password 1', name: 'Sam Okafor' };
const MIRA = { email: 'mira.lindqvist@acme.test', password: 'mira first password', name: 'Mira Lindqvist' };

async function loginStatus(server: TestServer, email: string, password: string): Promise<number> {
  return (await new ApiClient(server.url).request('POST', '/api/auth/login', { email, password })).status;
}

// A system admin manages people, keys and their own account, then reads it all back in the
// audit log: one story, in order.
describe('the administration pages', { timeout: 120_000 }, () => {
  const state = { clientId: '', miraId: '', miraPassword: MIRA.password, samPassword: SAM.password };

  const ui = browserStory(async (server) => {
    const client = await createTenant(server.admin, { reseller: 'Northwind Telecom', client: 'Acme Insurance' });
    state.clientId = client.clientId;
    // A system admin of their own, so that changing their password leaves the test's admin alone.
    await createUserRecord(server.admin, {
      email: SAM.email,
      password: SAM.password,
      role: 'system_admin',
      displayName: SAM.name,
    });
  });

  const rowOf = (name: string) => ui.page.getByTestId('user-row').filter({ hasText: name });
  const rowAction = async (name: string, action: string) => {
    await ui.page.getByRole('button', { name: `Actions for ${name}` }).click();
    await ui.page.getByRole('menuitem', { name: action }).click();
  };

  it('signs in and finds Users and Audit log under Administration', async () => {
    await ui.page.goto(`${ui.server.url}/login`);
    await signIn(ui.page, SAM.email, SAM.password);
    await ui.page.getByTestId('user-menu').waitFor();
    await ui.page.getByRole('link', { name: 'Users' }).click();
    await ui.page.waitForURL(/\/users$/);
    await ui.page.getByText('No users in Acme Insurance yet').waitFor();
    const scopes = await ui.page.getByTestId('user-scope').textContent();
    expect(scopes).toContain('Client · Acme Insurance');
    expect(scopes).toContain('Reseller admins · Northwind Telecom');
    expect(scopes).toContain('System admins');
    await screenshot(ui.page, 'admin-01-users-empty');
  });

  it('creates an agent, checking the password while typing and showing the API sentence at the field', async () => {
    await ui.page.getByTestId('new-user').click();
    const form = ui.page.getByTestId('user-form');
    await form.getByLabel(labelled('Display name')).fill(MIRA.name);
    await form.getByRole('textbox', { name: labelled('E-mail') }).fill(MIRA.email);
    expect(await form.getByTestId('user-role').inputValue()).toBe('Agent');
    await form.getByLabel(labelled('Password')).fill('short');
    await expect.poll(() => form.getByText('At least 10 characters (5 more)').count()).toBe(1);
    await form.getByLabel(labelled('Password')).fill(MIRA.password);
    await form.locator('label', { hasText: /^E-mail$/ }).click();
    expect(await form.getByRole('radio', { name: 'E-mail', exact: true }).isChecked()).toBe(true);
    await form.getByLabel(labelled('Capacity')).fill('3');
    await screenshot(ui.page, 'admin-02-user-form');
    await form.getByRole('button', { name: 'Create user' }).click();
    await rowOf(MIRA.name).waitFor();
    const row = (await rowOf(MIRA.name).textContent()) ?? '';
    expect(row).toContain('Agent');
    expect(row).toContain('E-mail · 3 at once');
    state.miraId = (await rowOf(MIRA.name).getAttribute('data-user'))!;
    expect(await loginStatus(ui.server, MIRA.email, MIRA.password)).toBe(200);

    // The same address again: the server's 409 lands next to the e-mail field.
    await ui.page.getByTestId('new-user').click();
    await form.getByLabel(labelled('Display name')).fill('Mira again');
    await form.getByRole('textbox', { name: labelled('E-mail') }).fill(MIRA.email.toUpperCase());
    await form.getByLabel(labelled('Password')).fill('another long password');
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => form.getByText('A user with this e-mail exists already').count()).toBe(1);
    await screenshot(ui.page, 'admin-03-user-form-conflict');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
  });

  it('changes the role of the agent to client admin', async () => {
    await rowAction(MIRA.name, 'Edit');
    const form = ui.page.getByTestId('user-form');
    await choose(ui.page, form.getByTestId('user-role'), 'Client admin');
    await form.getByText('leaves their ACD groups').waitFor();
    await screenshot(ui.page, 'admin-04-role-change');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => rowOf(MIRA.name).textContent()).toContain('Client admin');
    expect((await ui.server.admin.get(`/api/users/${state.miraId}`)).body).toMatchObject({
      role: 'client_admin',
      clientId: state.clientId,
    });
  });

  it('resets the password: the old one stops working', async () => {
    await rowAction(MIRA.name, 'Reset password');
    const form = ui.page.getByTestId('reset-password-form');
    await form.getByRole('button', { name: 'Generate a password' }).click();
    const generated = await form.getByLabel(labelled('New password')).inputValue();
    expect(generated).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    await screenshot(ui.page, 'admin-05-reset-password');
    await form.getByRole('button', { name: 'Set new password' }).click();
    await form.waitFor({ state: 'detached' });
    expect(await loginStatus(ui.server, MIRA.email, MIRA.password)).toBe(401);
    expect(await loginStatus(ui.server, MIRA.email, generated)).toBe(200);
    state.miraPassword = generated;
  });

  it('deactivates the user after asking, and filters by status', async () => {
    await rowAction(MIRA.name, 'Deactivate');
    const dialog = ui.page.getByRole('dialog');
    await dialog.getByText('is signed out at once').waitFor();
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => rowOf(MIRA.name).textContent()).toContain('Deactivated');
    expect(await loginStatus(ui.server, MIRA.email, state.miraPassword)).toBe(401);

    await choose(ui.page, ui.page.getByTestId('filter-status'), 'Active');
    await ui.page.getByText('No user matches these filters').waitFor();
    await choose(ui.page, ui.page.getByTestId('filter-status'), 'Deactivated');
    await rowOf(MIRA.name).waitFor();
    await screenshot(ui.page, 'admin-06-users-deactivated');
    await ui.page.getByRole('button', { name: 'Clear filters' }).click();
  });

  it('creates an API key, shown once, and revokes it after asking', async () => {
    await ui.page.getByTestId('user-menu').click();
    await ui.page.getByRole('menuitem', { name: 'API keys' }).click();
    await ui.page.waitForURL(/\/api-keys$/);
    await ui.page.getByText('No API keys yet').waitFor();
    await ui.page.getByTestId('new-api-key').click();
    await ui.page.getByLabel(labelled('Name')).fill('CRM sync');
    await ui.page.getByRole('button', { name: 'Create key' }).click();
    const shown = ui.page.getByTestId('new-api-key-value');
    await shown.waitFor();
    const key = (await shown.textContent())!.trim();
    expect(key).toMatch(/^sbk_/);
    await screenshot(ui.page, 'admin-07-api-key-shown');
    const me = await new ApiClient(ui.server.url).withApiKey(key).get('/api/auth/me');
    expect(me.body.email).toBe(SAM.email);
    await ui.page.getByRole('button', { name: 'I have copied the key' }).click();
    const row = ui.page.getByTestId('api-key-row').filter({ hasText: 'CRM sync' });
    await row.waitFor();
    expect(await row.textContent()).toContain(key.slice(-4));
    await screenshot(ui.page, 'admin-08-api-keys');

    await ui.page.getByRole('button', { name: 'Revoke CRM sync' }).click();
    const dialog = ui.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await new ApiClient(ui.server.url).withApiKey(key).get('/api/auth/me')).status).toBe(401);
  });

  it("changes the own password, showing the server's answers", async () => {
    await ui.page.getByTestId('user-menu').click();
    await ui.page.getByTestId('change-password').click();
    const form = ui.page.getByTestId('change-password-form');
    const next = 'sam second password 2';
    await form.getByLabel(labelled('Current password')).fill('not my password at all');
    await form.getByLabel(labelled('New password')).fill(next);
    await form.getByLabel(labelled('New password again')).fill(next);
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => form.getByText('Not your current password').count()).toBe(1);
    await form.getByLabel(labelled('New password again')).fill('something else');
    await expect.poll(() => form.getByText('Does not match the new password').count()).toBe(1);
    await screenshot(ui.page, 'admin-09-change-password');
    await form.getByLabel(labelled('Current password')).fill(SAM.password);
    await form.getByLabel(labelled('New password again')).fill(next);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.waitFor({ state: 'detached' });
    state.samPassword = next;
    expect(await loginStatus(ui.server, SAM.email, SAM.password)).toBe(401);
    expect(await loginStatus(ui.server, SAM.email, next)).toBe(200);
    // This session goes on.
    await ui.page.getByRole('link', { name: 'Users' }).click();
    await rowOf(MIRA.name).waitFor();
  });

  it('shows each of these changes in the audit log, with the fields before and after', async () => {
    await ui.page.getByRole('link', { name: 'Audit log' }).click();
    await ui.page.waitForURL(/\/audit-log$/);
    const actions = async () =>
      Promise.all((await ui.page.getByTestId('audit-row').all()).map((row) => row.getAttribute('data-action')));
    // The client in scope: Mira's story, newest first.
    await expect
      .poll(actions)
      .toEqual(['user.deactivate', 'user.update.password', 'user.update.role', 'user.create', 'client.create']);
    const roleRow = ui.page.locator('[data-action="user.update.role"]');
    expect(await roleRow.textContent()).toContain('Agent → Client admin');
    expect(await roleRow.textContent()).toContain(SAM.email);
    await screenshot(ui.page, 'admin-10-audit-log');

    // Sam's own key and password belong to no client: everything Sam may see shows them.
    await choose(ui.page, ui.page.getByTestId('audit-scope'), 'Everything you can see');
    await expect
      .poll(actions)
      .toEqual(expect.arrayContaining(['user.update.own_password', 'api_key.revoke', 'api_key.create']));
    await choose(ui.page, ui.page.getByTestId('audit-type'), 'API key');
    await expect.poll(actions).toEqual(['api_key.revoke', 'api_key.create']);
    await screenshot(ui.page, 'admin-11-audit-log-api-keys');
    await ui.page.getByRole('button', { name: 'Clear filters' }).click();

    // One object's history, from a click on it.
    await roleRow.getByTestId('audit-object').click();
    await expect.poll(actions).toEqual(['user.deactivate', 'user.update.password', 'user.update.role', 'user.create']);
    await roleRow.getByRole('button', { name: 'All fields' }).click();
    const details = ui.page.getByRole('dialog');
    await details.getByText('Client admin').waitFor();
    await screenshot(ui.page, 'admin-12-audit-details');
    await ui.page.keyboard.press('Escape');
    const text = await ui.page.locator('body').textContent();
    expect(text).not.toContain(state.miraPassword);
  });

  it('renames a reseller and a client', async () => {
    await ui.page.getByRole('link', { name: 'Resellers' }).click();
    await ui.page.getByRole('button', { name: 'Rename Northwind Telecom' }).click();
    await ui.page.getByLabel(labelled('Name')).fill('Northwind Telecom AG');
    await ui.page.getByRole('button', { name: 'Save reseller' }).click();
    await ui.page.getByRole('cell', { name: 'Northwind Telecom AG', exact: true }).waitFor();

    await ui.page.getByRole('link', { name: 'Clients' }).click();
    await ui.page.getByRole('button', { name: 'Edit Acme Insurance' }).click();
    await ui.page.getByLabel(labelled('Name')).fill('Acme Insurance SE');
    await screenshot(ui.page, 'admin-13-client-edit');
    await ui.page.getByRole('button', { name: 'Save client' }).click();
    await ui.page.getByRole('cell', { name: 'Acme Insurance SE', exact: true }).waitFor();
    await ui.page.getByRole('cell', { name: 'Northwind Telecom AG', exact: true }).waitFor();
  });

  it("shows the ids in an entry's fields by name: a group's agents, a connector's target, a deleted agent as deleted", async () => {
    const setup = await createAcdSetup(ui.server.admin, {
      agents: [{ displayName: 'Ada Lovelace' }, { displayName: 'Bo Gone' }],
    });
    expect((await ui.server.admin.delete(`/api/users/${setup.agents[1]!.id}`)).status).toBe(204);
    await ui.page.getByRole('link', { name: 'Audit log' }).click();
    await choose(ui.page, ui.page.getByTestId('audit-scope'), 'Everything you can see');
    await choose(ui.page, ui.page.getByTestId('audit-type'), 'ACD group');
    await ui.page.locator('[data-action="acd_group.create"]').getByRole('button', { name: 'All fields' }).click();
    const details = ui.page.getByRole('dialog');
    await details.getByText('Ada Lovelace').waitFor();
    const group = (await details.textContent()) ?? '';
    expect(group).toContain('deleted agent');
    expect(group).not.toContain('Bo Gone');
    for (const id of [...setup.agents.map((agent) => agent.id), setup.clientId]) expect(group).not.toContain(id);
    await screenshot(ui.page, 'admin-15-audit-names');
    await ui.page.keyboard.press('Escape');

    await choose(ui.page, ui.page.getByTestId('audit-type'), 'Connector');
    await ui.page.locator('[data-action="connector.create"]').getByRole('button', { name: 'All fields' }).click();
    await details
      .getByText(/^Support/)
      .first()
      .waitFor();
    const connector = (await details.textContent()) ?? '';
    for (const id of [setup.groupId, setup.clientId]) expect(connector).not.toContain(id);
    await ui.page.keyboard.press('Escape');
  });

  it('signs out everywhere after asking', async () => {
    const elsewhere = new ApiClient(ui.server.url);
    await elsewhere.login(SAM.email, state.samPassword);
    await ui.page.getByTestId('user-menu').click();
    await ui.page.getByTestId('logout-everywhere').click();
    await ui.page.getByRole('dialog').getByRole('button', { name: 'Sign out everywhere' }).click();
    await ui.page.waitForURL(/\/login/);
    expect((await elsewhere.get('/api/auth/me')).status).toBe(401);
    expect((await ui.server.admin.get('/api/auth/me')).status).toBe(200);
  });

  it('shows a client admin the users of their client only, with the roles they may give', async () => {
    const lena = { email: 'lena.admin@acme.test', password: 'lena admin password' };
    await ui.server.admin.post('/api/users', {
      ...lena,
      role: 'client_admin',
      clientId: state.clientId,
      displayName: 'Lena Fischer',
    });
    await signIn(ui.page, lena.email, lena.password);
    await ui.page.getByTestId('user-menu').waitFor();
    await ui.page.getByRole('link', { name: 'Users' }).click();
    await rowOf('Lena Fischer').waitFor();
    expect(await ui.page.getByTestId('user-scope').count()).toBe(0);
    expect(await ui.page.getByRole('link', { name: 'Resellers' }).count()).toBe(0);
    await screenshot(ui.page, 'admin-14-users-client-admin');
    await ui.page.getByTestId('new-user').click();
    await ui.page.getByTestId('user-role').click();
    const options = await ui.page.getByRole('option').allTextContents();
    expect(options).toEqual(['Client admin', 'Agent']);
    await ui.page.keyboard.press('Escape');
  });

  it('threw no errors in the page', () => {
    expect(ui.pageErrors).toEqual([]);
  });
});
