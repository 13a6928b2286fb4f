import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * A fresh PGlite data folder costs an initdb, seconds of CPU, and the suite opens some ninety of
 * them. The global setup runs initdb once; each test copies the empty cluster it left, and still
 * runs every migration on it as production does.
 */
export const PGLITE_TEMPLATE_ENV = 'SWITCHBOARD_TEST_PGLITE_TEMPLATE';

/** Makes the empty cluster, and returns the function that removes it. */
export async function createPGliteTemplate(): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-pglite-template-'));
  const pglite = await PGlite.create(dir);
  await pglite.close();
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Fills an empty data folder from the template when the global setup made one. */
export function copyPGliteTemplate(dataDir: string): void {
  const template = process.env[PGLITE_TEMPLATE_ENV];
  if (!template || readdirSync(dataDir).length > 0) return;
  cpSync(template, dataDir, { recursive: true });
}
