import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditorIfStale } from '../../editor/build-if-stale';
import { EXAMPLE_ACD_GROUP_IDS, exampleWorkflows, withAcdGroups } from '../../workflows';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/test-server';
import { closeAll, DESKTOP, launchBrowser, screenshot } from './browser';

// Simulated conversations in the test panel (issue 15, item 4): the menu example, answered "1".
describe('a conversation in the test panel', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let applicationId = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await buildEditorIfStale({ quiet: true });
    server = await startTestServer();
    const reseller = await server.admin.post('/api/resellers', { name: 'Northwind Telecom' });
    const client = await server.admin.post('/api/clients', { name: 'Acme Insurance', resellerId: reseller.body.id });
    const clientId = client.body.id as string;
    const group = async (name: string) =>
      (await server.admin.post('/api/acd-groups', { name, clientId })).body.id as string;
    const graph = withAcdGroups(exampleWorkflows().menu, {
      [EXAMPLE_ACD_GROUP_IDS.billing]: await group('Billing'),
      [EXAMPLE_ACD_GROUP_IDS.support]: await group('Support'),
      [EXAMPLE_ACD_GROUP_IDS.general]: await group('General enquiries'),
    });
    const application = await server.admin.post('/api/routing-applications', { name: 'Menu', clientId });
    applicationId = application.body.id;
    const draft = await server.admin.put(`/api/routing-applications/${applicationId}/draft`, { graph });
    expect(draft.body.problems).toEqual([]);

    browser = await launchBrowser();
    context = await browser.newContext(DESKTOP);
    const login = await context.request.post(`${server.url}/api/auth/login`, {
      data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    });
    expect(login.status()).toBe(200);
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(() => closeAll(context, browser, server));

  const outcome = () => page.getByTestId('outcome').textContent();
  const visited = async () =>
    Promise.all(
      (await page.locator('[data-testid^="node-"][data-visited]').all()).map((node) =>
        node.getAttribute('data-testid'),
      ),
    );

  it('says the run waits after the first SMS alone', async () => {
    await page.goto(`${server.url}/routing-applications/${applicationId}`);
    await page.getByTestId('node-ask').waitFor();
    await page.getByRole('tab', { name: 'Test' }).click();
    await page.getByLabel('Text', { exact: true }).fill('Hello');
    await page.getByTestId('run-test').click();
    await expect.poll(outcome).toContain('Still waiting for a reply at Wait for the choice');
    expect(await page.getByTestId('conversation-step-1').textContent()).toContain('Waits for a reply up to 15 min');
    expect(await visited()).toEqual(['node-start', 'node-question', 'node-ask']);
    expect(await page.getByTestId('conversation-step-1').getByTestId('sent-sms').textContent()).toContain(
      'Reply 1 for billing, 2 for support.',
    );
  });

  it('runs the first SMS and the reply "1", and draws the path to Billing step by step', async () => {
    await page.getByTestId('add-reply').click();
    await page.getByLabel('Reply 1', { exact: true }).fill('1');
    await page.getByTestId('run-test').click();
    await expect.poll(outcome).toContain('Routed to Billing');

    const first = page.getByTestId('conversation-step-1');
    expect(await first.textContent()).toContain('First SMS: “Hello”');
    expect(await first.getByTestId('trace').textContent()).toContain('waits');
    expect(await first.getByTestId('step-waits').textContent()).toContain('Waits for a reply up to 15 min');
    const reply = page.getByTestId('conversation-step-2');
    expect(await reply.textContent()).toContain('Reply: “1”');
    expect(await reply.getByTestId('trace').textContent()).toContain('{"choice":"1"}');
    expect(await reply.getByTestId('step-waits').count()).toBe(0);
    expect((await visited()).sort()).toEqual([
      'node-ask',
      'node-menu',
      'node-question',
      'node-route-billing',
      'node-start',
    ]);
    expect(await page.getByTestId('node-route-support').getAttribute('data-dimmed')).toBe('true');
    // The picture shows the reply in the form and the second step with its part of the path.
    await page.getByTestId('conversation-replies').scrollIntoViewIfNeeded();
    await reply.scrollIntoViewIfNeeded();
    await screenshot(page, 'flow-editor-conversation-simulation');
    expect(pageErrors).toEqual([]);
  });

  it('lists steps the run did not need, and saves the conversation as a test case', async () => {
    await page.getByTestId('add-timeout').click();
    await page.getByTestId('run-test').click();
    await page.getByTestId('unused-replies').waitFor();
    expect(await page.getByTestId('unused-replies').textContent()).toContain('No reply (timeout) was not used');

    const saved = page.getByTestId('saved-test-cases');
    await saved.getByLabel('Save this SMS and its fake answers as').fill('Billing by menu');
    await saved.getByRole('button', { name: 'Save' }).click();
    await saved.locator('[data-test-case="Billing by menu"]').waitFor();
    const stored = await server.admin.get(`/api/routing-applications/${applicationId}/test-cases`);
    expect(stored.body.items[0].input.replies).toEqual([{ kind: 'reply', text: '1' }, { kind: 'timeout' }]);

    await page.reload();
    await page.getByTestId('node-ask').waitFor();
    await page.getByRole('tab', { name: 'Test' }).click();
    await page.getByRole('button', { name: 'Run “Billing by menu” on the graph on the canvas' }).click();
    await expect.poll(outcome).toContain('Routed to Billing');
    expect(await page.getByLabel('Reply 1', { exact: true }).inputValue()).toBe('1');
    await page.getByTestId('test-timeout-2').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
