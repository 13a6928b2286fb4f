import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The devDependency that ships a headless Chromium for Linux x64 inside its npm tarball. */
export const CHROMIUM_PACKAGE = '@sparticuz/chromium';

/** Where distributions and Google install their browsers, in the order tried. */
export const SYSTEM_CHROMIUMS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** Which browsers `TEST_BROWSER` lets the tests take. */
const CHOICES = ['auto', 'system', 'package'] as const;
type Choice = (typeof CHOICES)[number];

/** A browser the tests may take: where it comes from, and how to get its executable. */
export interface ChromiumCandidate {
  /** Where it comes from, as failures name it. */
  from: string;
  /** The executable and its environment; throws the reason when there is none. */
  locate(): Promise<LocatedChromium>;
}

export interface LocatedChromium {
  executable: string;
  env?: Record<string, string>;
}

/**
 * The browsers to try, in order: `CHROMIUM_PATH` alone when it is set; otherwise the system's
 * (`TEST_BROWSER=system` stops there) and then the devDependency's (`TEST_BROWSER=package` takes
 * only that one, whatever the machine has).
 */
export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env): ChromiumCandidate[] {
  const choice = readChoice(env.TEST_BROWSER);
  const explicit = env.CHROMIUM_PATH;
  if (explicit !== undefined) {
    if (choice === 'package') {
      throw new Error(`CHROMIUM_PATH and TEST_BROWSER=package contradict each other: unset one of them.`);
    }
    return [systemCandidate(`CHROMIUM_PATH ${explicit}`, explicit)];
  }
  const system = SYSTEM_CHROMIUMS.map((path) => systemCandidate(path, path));
  if (choice === 'system') return system;
  if (choice === 'package') return [packageCandidate()];
  return [...system, packageCandidate()];
}

function readChoice(value: string | undefined): Choice {
  if (value === undefined || value === '') return 'auto';
  if ((CHOICES as readonly string[]).includes(value)) return value as Choice;
  throw new Error(`TEST_BROWSER="${value}" is not one of ${CHOICES.join(', ')}.`);
}

function systemCandidate(from: string, path: string): ChromiumCandidate {
  return {
    from,
    async locate() {
      try {
        accessSync(path, constants.X_OK);
      } catch {
        throw new Error(existsSync(path) ? 'not executable' : 'not there');
      }
      return { executable: path };
    },
  };
}

function packageCandidate(): ChromiumCandidate {
  return { from: `${CHROMIUM_PACKAGE} (devDependency)`, locate: unpackedPackageChromium };
}

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The package's Chromium, unpacked once per version into node_modules/.cache. The package would
 * unpack into the shared /tmp/chromium itself, where test files running side by side see each
 * other's half-written binary and another checkout's version; here each unpacks into a private
 * folder that one atomic rename makes the version's.
 */
async function unpackedPackageChromium(): Promise<LocatedChromium> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`ships Chromium for Linux x64 only, not for ${process.platform} ${process.arch}`);
  }
  const packageDir = installedPackageDir();
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const dir = join(REPO, 'node_modules', '.cache', `switchboard-chromium-${version}`);
  if (!existsSync(join(dir, 'chromium'))) await unpackInto(dir);
  return { executable: join(dir, 'chromium'), env: { FONTCONFIG_FILE: join(dir, 'fonts.conf') } };
}

function installedPackageDir(): string {
  try {
    // build/cjs/index.cjs → the package's folder.
    return resolve(dirname(createRequire(import.meta.url).resolve(CHROMIUM_PACKAGE)), '..', '..');
  } catch {
    throw new Error('not installed: run "npm install" (it is a devDependency)');
  }
}

async function unpackInto(dir: string): Promise<void> {
  await mkdir(dirname(dir), { recursive: true });
  const staging = await mkdtemp(`${dir}.unpacking-`);
  try {
    // The package unpacks into os.tmpdir(): a TMPDIR of our own sends it into the private folder.
    await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '--eval', `import c from '${CHROMIUM_PACKAGE}'; await c.executablePath();`],
      { cwd: REPO, env: { ...process.env, TMPDIR: staging } },
    );
    await writeFile(join(staging, 'fonts.conf'), fontsConf(dir));
    await rename(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (existsSync(join(dir, 'chromium'))) return; // another test file unpacked it first
    throw new Error(`could not unpack into ${dir}: ${firstLine(error)}`);
  }
}

/**
 * The system's fonts (none on a bare machine) plus the Open Sans the package ships, so text
 * always has a face to render in.
 */
function fontsConf(dir: string): string {
  const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${xml(join(dir, 'fonts'))}</dir>
  <cachedir>${xml(join(dir, 'fonts-cache'))}</cachedir>
</fontconfig>
`;
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim() !== '') ?? text;
}
