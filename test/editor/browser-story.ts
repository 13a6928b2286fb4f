import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildEditorIfStale } from '../../editor/build-if-stale';
import { startTestServer, type TestServer, type TestServerOptions } from '../support/test-server';
import { closeAll, launchBrowser, openPage } from './browser';

/** What a browser story runs against, ready once the file's `beforeAll` has run. */
export interface BrowserStory {
  server: TestServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The uncaught errors of `page`. */
  pageErrors: string[];
}

/**
 * The set-up of a browser story (a describe whose tests go on from each other): the web UI built
 * when stale, a test server, what `setUp` makes over its API, then a browser with one page; all
 * closed after the story. Call it in the describe; the tests read `story.page`, `story.server`.
 * `options` start the server (its environment, e.g. SWITCHBOARD_SECRET_KEY).
 */
export function browserStory(
  setUp: (server: TestServer) => Promise<void> = async () => {},
  options: TestServerOptions = {},
): BrowserStory {
  const story: Partial<BrowserStory> & { pageErrors: string[] } = { pageErrors: [] };
  beforeAll(async () => {
    await buildEditorIfStale({ quiet: true });
    const server = (story.server = await startTestServer(options));
    await setUp(server);
    const browser = (story.browser = await launchBrowser());
    ({ context: story.context, page: story.page } = await openPage(browser, story.pageErrors));
  }, 180_000);
  afterAll(() => closeAll(story.context, story.browser, story.server));
  // Read only inside the tests, after beforeAll filled it in.
  return story as BrowserStory;
}
