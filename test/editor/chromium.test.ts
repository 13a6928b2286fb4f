import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { CHROMIUM_PACKAGE, chromiumCandidates, SYSTEM_CHROMIUMS } from './chromium';

const scratch = mkdtempSync(join(tmpdir(), 'switchboard-chromium-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The environment of this run without the variables that choose the browser. */
function envWith(choice: Record<string, string>): NodeJS.ProcessEnv {
  const { CHROMIUM_PATH: _path, TEST_BROWSER: _browser, ...rest } = process.env;
  return { ...rest, ...choice };
}

describe('the browser of the browser tests', () => {
  it('looks at CHROMIUM_PATH alone, else the system paths and then the devDependency', () => {
    const froms = (env: Record<string, string>) => chromiumCandidates(envWith(env)).map((c) => c.from);
    const packaged = `${CHROMIUM_PACKAGE} (devDependency)`;
    expect(froms({})).toEqual([...SYSTEM_CHROMIUMS, packaged]);
    expect(froms({ TEST_BROWSER: 'system' })).toEqual(SYSTEM_CHROMIUMS);
    expect(froms({ TEST_BROWSER: 'package' })).toEqual([packaged]);
    expect(froms({ CHROMIUM_PATH: '/opt/chrome/chrome' })).toEqual(['CHROMIUM_PATH /opt/chrome/chrome']);
  });

  it('refuses a TEST_BROWSER it does not know, and one that contradicts CHROMIUM_PATH', async () => {
    await expect(launchBrowser(envWith({ TEST_BROWSER: 'firefox' }))).rejects.toThrow(
      'TEST_BROWSER="firefox" is not one of auto, system, package.',
    );
    await expect(
      launchBrowser(envWith({ TEST_BROWSER: 'package', CHROMIUM_PATH: '/usr/bin/chromium' })),
    ).rejects.toThrow('CHROMIUM_PATH and TEST_BROWSER=package contradict each other');
  });

  it('names the place it looked when CHROMIUM_PATH is not there, without taking another browser', async () => {
    const missing = join(scratch, 'no-such-chromium');
    const failure = launchBrowser(envWith({ CHROMIUM_PATH: missing }));
    await expect(failure).rejects.toThrow(
      `No Chromium for the browser tests. Tried:\n  CHROMIUM_PATH ${missing}: not there\n`,
    );
    await expect(failure).rejects.toThrow('set CHROMIUM_PATH to a Chromium or Chrome executable');
  });

  it('says what a browser that does not start printed', async () => {
    const broken = join(scratch, 'chromium-browser');
    writeFileSync(broken, '#!/bin/sh\necho "Command chromium-browser requires the chromium snap" >&2\nexit 1\n');
    chmodSync(broken, 0o755);
    const failure = launchBrowser(envWith({ CHROMIUM_PATH: broken }));
    await expect(failure).rejects.toThrow(`CHROMIUM_PATH ${broken}: did not start (${broken})`);
    await expect(failure).rejects.toThrow('it printed: Command chromium-browser requires the chromium snap');
  });

  it('takes the Chromium of the devDependency, which renders text in a real typeface', async () => {
    const browser = await launchBrowser(envWith({ TEST_BROWSER: 'package' }));
    try {
      const shipped = JSON.parse(
        readFileSync(new URL(`../../node_modules/${CHROMIUM_PACKAGE}/package.json`, import.meta.url), 'utf8'),
      ) as { version: string };
      // The package's major version is the Chromium major it ships.
      expect(browser.version().split('.')[0]).toBe(shipped.version.split('.')[0]);

      const page = await browser.newPage();
      await page.setContent(
        '<p style="font: 20px sans-serif"><span id="narrow">iiiiiiiiii</span> <span id="wide">WWWWWWWWWW</span></p>',
      );
      // Without a font the spans have no width; with one, W is far wider than i.
      const narrow = (await page.locator('#narrow').boundingBox())?.width ?? 0;
      const wide = (await page.locator('#wide').boundingBox())?.width ?? 0;
      expect(narrow).toBeGreaterThan(0);
      expect(wide).toBeGreaterThan(narrow * 2);
    } finally {
      await browser.close();
    }
  });
});
