import { buildEditorIfStale } from '../../editor/build-if-stale';
import { createPGliteTemplate, PGLITE_TEMPLATE_ENV } from './pglite-template';

/**
 * Vitest global setup, before any test file runs:
 * - builds the web UI once when it is missing or stale. Browser test files run side by side;
 *   were each to find the build stale, one would swap `dist/editor` under another's running server;
 * - makes the empty PGlite cluster that test databases are copied from (test workers inherit the
 *   environment variable that names it).
 */
export default async function globalSetup(): Promise<() => void> {
  const [template] = await Promise.all([createPGliteTemplate(), buildEditorIfStale({ quiet: true })]);
  process.env[PGLITE_TEMPLATE_ENV] = template.dir;
  return () => template.remove();
}
