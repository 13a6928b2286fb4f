import { buildEditorIfStale } from '../../editor/build-if-stale';

/**
 * Vitest global setup: builds the web UI once, before any test file runs, when it is missing or
 * stale. Browser test files run side by side; were each to find the build stale, one would swap
 * `dist/editor` under another's running server.
 */
export default async function buildEditorOnce(): Promise<void> {
  await buildEditorIfStale({ quiet: true });
}
