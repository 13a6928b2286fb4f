import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const editorDir = join(repoRoot, 'editor');
export const editorOutDir = join(repoRoot, 'dist', 'editor');

/** What the bundle is made of: the editor, the shared workflow core, and the installed packages. */
const SOURCES = [
  join(editorDir, 'src'),
  join(editorDir, 'index.html'),
  join(editorDir, 'public'),
  join(editorDir, 'vite.config.ts'),
  join(repoRoot, 'workflows'),
  join(repoRoot, 'i18n'),
  join(repoRoot, 'contract'),
  join(repoRoot, 'package-lock.json'),
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when there is no build, or a source changed after it was made. */
export function editorBuildIsStale(): boolean {
  const index = join(editorOutDir, 'index.html');
  if (!existsSync(index)) return true;
  const builtAt = statSync(index).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > builtAt);
}

/**
 * Builds the editor into dist/editor. It builds into a directory of its own first and swaps it in,
 * so a server that is running meanwhile never serves half a build.
 */
export async function buildEditor(options: { quiet?: boolean } = {}): Promise<void> {
  const { build } = await import('vite');
  const staging = join(repoRoot, 'dist', `.editor-${process.pid}-${Date.now()}`);
  try {
    await build({
      configFile: join(editorDir, 'vite.config.ts'),
      logLevel: options.quiet ? 'error' : 'warn',
      build: { outDir: staging, emptyOutDir: true },
    });
    rmSync(editorOutDir, { recursive: true, force: true });
    renameSync(staging, editorOutDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export async function buildEditorIfStale(options: { quiet?: boolean; force?: boolean } = {}): Promise<boolean> {
  if (!options.force && !editorBuildIsStale()) return false;
  await buildEditor(options);
  return true;
}

// Run as a script (`npm start` runs it first): build only when needed.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = process.argv.includes('--force');
  const started = Date.now();
  if (!force && !editorBuildIsStale()) {
    process.stdout.write('The web UI is up to date (dist/editor).\n');
  } else {
    process.stdout.write('Building the web UI (dist/editor) …\n');
    await buildEditor();
    process.stdout.write(`Built the web UI in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
  }
}
