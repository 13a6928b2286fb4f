import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditorIfStale } from '../../editor/build-if-stale';
import { exampleWorkflows } from '../../workflows/examples/example-workflows';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/test-server';
import { createRoutingApplication, createTenant } from '../support/fixtures';
import { launchBrowser, openPage, signIn } from './browser';

// The web UI under its Content-Security-Policy, the way an admin uses it, and framed by a page
// of another origin on the same site (another port of the same host), as an attacker would.
describe('the web UI under its security headers', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let outside: Server;
  let outsideUrl = '';
  let applicationId = '';
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    await buildEditorIfStale({ quiet: true });
    server = await startTestServer();
    const client = await createTenant(server.admin, { reseller: 'Northwind Telecom', client: 'Acme Insurance' });
    const application = await createRoutingApplication(server.admin, {
      name: 'Keyword routing',
      clientId: client.clientId,
    });
    applicationId = application.id;
    const draft = await server.admin.put(`/api/routing-applications/${applicationId}/draft`, {
      graph: exampleWorkflows().keywordRouting,
    });
    expect(draft.status).toBe(200);

    outside = createServer((request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      if (request.url === '/own') return response.end('<p>a page of the framing site itself</p>');
      response.end(`<!doctype html><title>Another site</title>
        <iframe name="own" src="/own" onload="document.body.dataset.own = 'loaded'"></iframe>
        <iframe name="ui" src="${server.url}/users" onload="document.body.dataset.ui = 'loaded'"></iframe>`);
    });
    await new Promise<void>((resolve) => outside.listen(0, '127.0.0.1', resolve));
    outsideUrl = `http://127.0.0.1:${(outside.address() as AddressInfo).port}`;

    browser = await launchBrowser();
    ({ context, page } = await openPage(browser, pageErrors));
    // In every page of the context, before its own scripts (as text: these tests have no DOM types).
    await context.addInitScript(`
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        window.cspViolations.push(event.violatedDirective + ' blocked ' + event.blockedURI + ' (' + event.sourceFile + ')'));`);
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => outside?.close(resolve));
  });

  const violations = () => page.evaluate<string[]>('window.cspViolations ?? []');

  it('signs in and works through the pages without a single policy violation', async () => {
    await page.goto(`${server.url}/login`);
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.getByTestId('user-menu').waitFor();
    for (const [link, path] of [
      ['Traffic', /\/traffic$/],
      ['Connectors', /\/connectors$/],
      ['ACD groups', /\/acd-groups$/],
      ['Users', /\/users$/],
      ['Audit log', /\/audit-log$/],
    ] as const) {
      await page.getByRole('link', { name: link }).click();
      await page.waitForURL(path);
      await page.locator('table, [data-testid="empty-state"], .mantine-Skeleton-root').first().waitFor();
    }

    // A write with the session cookie: the referrer policy leaves our own Origin on it.
    await page.goto(`${server.url}/api-keys`);
    await page.getByTestId('new-api-key').click();
    await page.getByLabel(/^Name/).fill('CSP check');
    await page.getByRole('button', { name: 'Create key' }).click();
    await page.getByTestId('new-api-key-value').waitFor();
    await page.getByRole('button', { name: 'I have copied the key' }).click();

    // The routing editor: React Flow's inline styles and the layout engine.
    await page.goto(`${server.url}/routing-applications/${applicationId}`);
    await page.locator('.react-flow__node').first().waitFor();
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    await page.locator('[aria-label="Auto-layout"]:not([data-loading])').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Undo' }).isEnabled()).toBe(true);

    expect(await violations()).toEqual([]);
    // A 401 for the session check before signing in is expected; nothing else may complain.
    expect(consoleErrors.filter((text) => !/status of 401/.test(text))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('runs the API reference page’s own script, and no other', async () => {
    await page.goto(`${server.url}/api/docs`);
    await expect.poll(() => page.locator('#ops .op').count()).toBeGreaterThan(10);
    expect(await violations()).toEqual([]);
  });

  it('cannot be framed by a page of another origin, even on the same site and signed in', async () => {
    await page.goto(outsideUrl);
    // Both frames finished loading: the framing page's own one shows, ours does not.
    await expect
      .poll(() => page.evaluate('({ ...document.body.dataset })'))
      .toEqual({
        own: 'loaded',
        ui: 'loaded',
      });
    expect(await page.frame({ name: 'own' })!.textContent('p')).toContain('framing site itself');
    const framed = page.frame({ name: 'ui' })!;
    expect(framed.url()).not.toContain(server.url);
    expect(await page.frameLocator('iframe[name="ui"]').locator('#root').count()).toBe(0);
  });
});
