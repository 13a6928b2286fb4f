import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEditorIfStale } from '../../editor/build-if-stale';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/test-server';
import { DESKTOP, labelled, launchBrowser, screenshot } from './browser';

const AGENT = { email: 'mira.agent@acme.test', password: 'agent password 42', name: 'Mira Lindqvist' };
const RECIPIENT = '+49301112233';

/** A browser that asks for German, as a German-speaking user's does. */
const GERMAN = { ...DESKTOP, locale: 'de-DE' };

/** The words a German user must read on a page, and the ones that gave English away before. */
interface GermanPage {
  name: string;
  path: string;
  heading: string;
  /** Buttons, column heads or labels the page shows in German. */
  words: string[];
}

const ADMIN_PAGES: GermanPage[] = [
  { name: 'traffic', path: '/traffic', heading: 'SMS-Verkehr', words: ['Empfangen', 'Absender', 'Konnektor'] },
  {
    name: 'connectors',
    path: '/connectors',
    heading: 'SMS Empfangskonnektoren',
    words: ['Neuer Konnektor', 'Rufnummer', 'Routing-Typ'],
  },
  { name: 'acd-groups', path: '/acd-groups', heading: 'ACD-Gruppen', words: ['Neue ACD-Gruppe', 'Verteilung'] },
  { name: 'agents', path: '/agents', heading: 'Agenten', words: ['Neuer Agent', 'Auslastung', 'Abgemeldet'] },
  { name: 'users', path: '/users', heading: 'Benutzer', words: ['Neuer Benutzer', 'Rolle', 'SMS-Zustellung'] },
  { name: 'clients', path: '/clients', heading: 'Mandanten', words: ['Neuer Mandant', 'Angelegt'] },
  { name: 'resellers', path: '/resellers', heading: 'Reseller', words: ['Neuer Reseller', 'Angelegt'] },
  { name: 'audit-log', path: '/audit-log', heading: 'Audit-Log', words: ['Objekttyp', 'Angelegt', 'Änderungen'] },
  { name: 'api-keys', path: '/api-keys', heading: 'API-Schlüssel', words: ['Neuer API-Schlüssel', 'Zuletzt genutzt'] },
];

// A system admin and an agent whose browsers ask for German and whose accounts chose no language:
// every page speaks German, and each is photographed for a person to read.
describe('the web UI in German', { timeout: 120_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  async function germanPage(): Promise<Page> {
    const context = await browser.newContext(GERMAN);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  async function signInGerman(page: Page, email: string, password: string) {
    await page.goto(`${server.url}/login`);
    await page.getByRole('heading', { name: 'Bei Switchboard anmelden' }).waitFor();
    await page.getByLabel(labelled('E-Mail')).fill(email);
    await page.getByLabel(labelled('Passwort')).fill(password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
  }

  beforeAll(async () => {
    await buildEditorIfStale({ quiet: true });
    server = await startTestServer();
    const { admin } = server;
    const reseller = await admin.post('/api/resellers', { name: 'Northwind Telecom' });
    const client = await admin.post('/api/clients', { name: 'Acme Insurance', resellerId: reseller.body.id });
    const agent = await admin.post('/api/users', {
      email: AGENT.email,
      password: AGENT.password,
      role: 'agent',
      clientId: client.body.id,
      displayName: AGENT.name,
      capacity: 2,
    });
    const group = await admin.post('/api/acd-groups', {
      name: 'Schadenmeldungen',
      clientId: client.body.id,
      members: [{ agentId: agent.body.id, priority: 10 }],
    });
    const connector = await admin.post('/api/connectors', {
      name: 'Schaden-SMS',
      recipient: RECIPIENT,
      requireToken: false,
      routingType: 'direct_acd_group',
      acdGroupId: group.body.id,
      clientId: client.body.id,
    });
    expect(connector.status).toBe(201);
    const query = new URLSearchParams({ receiver: RECIPIENT, sender: '+4915712345678', message: 'Wasserschaden' });
    expect((await fetch(`${server.url}/SMSReceiver?${query}`)).status).toBe(200);
    expect((await admin.post('/api/api-keys', { name: 'CRM-Abgleich' })).status).toBe(201);
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  let admin: Page;

  it('signs the admin in on a German login page and keeps the account without a language of its own', async () => {
    admin = await germanPage();
    await signInGerman(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    await admin.getByTestId('user-menu').waitFor();
    expect(await admin.locator('html').getAttribute('lang')).toBe('de');
    expect((await server.admin.get('/api/auth/me')).body.language).toBeNull();
  });

  it.each(ADMIN_PAGES)('shows $name in German', async ({ name, path, heading, words }) => {
    await admin.goto(`${server.url}${path}`);
    await admin.getByRole('heading', { name: heading, exact: true }).waitFor();
    await admin.waitForLoadState('networkidle');
    for (const word of words) await admin.getByText(word, { exact: true }).first().waitFor();
    await screenshot(admin, `de-${name}`);
  });

  it('shows the date picker with German months and weekdays', async () => {
    await admin.goto(`${server.url}/audit-log`);
    await admin.getByRole('button', { name: 'Von' }).click();
    const calendar = admin.locator('.mantine-Popover-dropdown:visible');
    await calendar.waitFor();
    const text = (await calendar.textContent()) ?? '';
    const month = new Intl.DateTimeFormat('de-DE', { month: 'long', timeZone: 'Europe/Berlin' }).format(new Date());
    expect(text).toContain(month);
    expect(text).toMatch(/Mo\s*Di\s*Mi\s*Do\s*Fr\s*Sa\s*So/);
    await screenshot(admin, 'de-date-picker');
    await admin.keyboard.press('Escape');
  });

  it('shows the agent desk in German', async () => {
    const desk = await germanPage();
    await signInGerman(desk, AGENT.email, AGENT.password);
    await desk.getByRole('heading', { name: 'Agenten-Arbeitsplatz', exact: true }).waitFor();
    for (const word of ['Angebote', 'In Bearbeitung', 'Zuletzt', 'Verfügbar'])
      await desk.getByText(word, { exact: true }).first().waitFor();
    await screenshot(desk, 'de-desk');
    expect(pageErrors).toEqual([]);
  });
});
