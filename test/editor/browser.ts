import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_PACKAGE, chromiumCandidates, firstLine, type LocatedChromium } from './chromium';

export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

/**
 * What every test browser starts with. The package's own `chromium.args` are for AWS Lambda
 * (--single-process and --no-zygote against its prctl limits; --disable-web-security, which would
 * lift the same-origin rules the pages run under): none of them is needed here.
 */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/**
 * A headless Chromium: `CHROMIUM_PATH`, else the system's, else the one the devDependency ships
 * (see `chromiumCandidates`). One that is there but does not start is passed
 * over with a warning; when none starts, the error names every place tried and why it failed.
 */
export async function launchBrowser(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  const tried: string[] = [];
  let passedOver = false;
  for (const candidate of chromiumCandidates(env)) {
    let located: LocatedChromium;
    try {
      located = await candidate.locate();
    } catch (error) {
      tried.push(`${candidate.from}: ${firstLine(error)}`);
      continue;
    }
    try {
      const browser = await chromium.launch({
        executablePath: located.executable,
        headless: true,
        args: ARGS,
        ...(located.env ? { env: { ...env, ...located.env } } : {}),
      });
      if (passedOver) {
        console.warn(`Browser tests run on ${candidate.from}, after:\n  ${tried.join('\n  ')}`);
      }
      return browser;
    } catch (error) {
      tried.push(`${candidate.from}: did not start (${located.executable}): ${launchFailure(error)}`);
      passedOver = true;
    }
  }
  throw new Error(
    `No Chromium for the browser tests. Tried:\n  ${tried.join('\n  ')}\n` +
      `Run "npm install" (the ${CHROMIUM_PACKAGE} devDependency ships one for Linux x64), ` +
      'install one (Debian: apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable.',
  );
}

/** Playwright's first line, and the first lines the browser itself printed to stderr. */
function launchFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const printed = [...(text.split('Call log:')[0] ?? '').matchAll(/^\[pid=\d+\]\[err\] (.*)$/gm)]
    .map((match) => match[1])
    .slice(0, 3);
  return printed.length > 0 ? `${firstLine(error)}; it printed: ${printed.join(' / ')}` : firstLine(error);
}

/** The window every UI test uses: a desktop screen, English dates, Berlin time. */
export const DESKTOP = { viewport: { width: 1440, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Berlin' };

/** A fresh browser context with one page that records uncaught page errors into `errors`. */
export async function openPage(browser: Browser, errors: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  // Let transitions (drawers, notifications) settle before the picture.
  await page.waitForTimeout(400);
  await page.screenshot({ path });
  return path;
}

/** Signs in on the login page the page shows. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel(labelled('E-mail')).fill(email);
  await page.getByLabel(labelled('Password')).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Picks an option of a Mantine Select (a combobox). */
export async function choose(page: Page, input: Locator, option: string): Promise<void> {
  await input.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Drags a node type from the palette onto the canvas at a point of the canvas. */
export async function dropNode(page: Page, type: string, at: { x: number; y: number }): Promise<void> {
  await page
    .locator(`.palette-item[data-type="${type}"]`)
    .dragTo(page.locator('.react-flow__pane'), { targetPosition: at });
}

/** Draws an edge from a node's port to another node, the way a user drags it. */
export async function connect(page: Page, source: string, port: string, target: string): Promise<void> {
  const from = await page
    .locator(`.react-flow__handle.source[data-nodeid="${source}"][data-handleid="${port}"]`)
    .boundingBox();
  const targetNode = page.locator(`.react-flow__node[data-id="${target}"]`);
  // A node without an input (the start node) is aimed at in its middle.
  const to =
    (await targetNode.locator('.react-flow__handle.target').count()) > 0
      ? await targetNode.locator('.react-flow__handle.target').boundingBox()
      : await targetNode.boundingBox();
  if (!from || !to) throw new Error(`cannot connect ${source}.${port} to ${target}: handle not visible`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** A label as written, with or without the required asterisk. */
export function labelled(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);
}

/** Closes what a browser test opened, in the order given (pages' contexts before their browser, the server last); skips what never opened. */
export async function closeAll(...opened: Array<{ close(): Promise<unknown> } | undefined>): Promise<void> {
  for (const thing of opened) await thing?.close();
}
