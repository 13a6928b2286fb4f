import type { CannedResponse } from '../../../contract/canned-responses';

// Inserting canned responses with `/`: where the typed shortcut is, which responses it matches,
// and the text once one is chosen. Pure, so the reply box only wires keys and the list.

/** A `/shortcut` being typed: from the slash to the caret, and what follows the slash. */
export interface SlashQuery {
  start: number;
  end: number;
  query: string;
}

/** The shortcut being typed at `caret`: a `/` at the start of a word, then shortcut characters up to the caret. */
export function slashAt(text: string, caret: number): SlashQuery | undefined {
  const match = /(^|\s)\/([a-z0-9-]*)$/i.exec(text.slice(0, caret));
  if (!match) return undefined;
  const typed = match[2]!;
  return { start: caret - typed.length - 1, end: caret, query: typed.toLowerCase() };
}

/** At most this many responses are listed; typing narrows them. */
export const CANNED_LIST_MAX = 8;

/** The responses for `query`: shortcuts that start with it first, then shortcuts and titles holding it. */
export function matchingCanned(responses: readonly CannedResponse[], query: string): CannedResponse[] {
  const starts = responses.filter((r) => r.shortcut.startsWith(query));
  const holds = responses.filter(
    (r) => !r.shortcut.startsWith(query) && (r.shortcut.includes(query) || r.title.toLowerCase().includes(query)),
  );
  return [...starts, ...holds].slice(0, CANNED_LIST_MAX);
}

/** `text` with the typed shortcut replaced by `inserted`, and where the caret goes (after it). */
export function insertAt(text: string, slash: SlashQuery, inserted: string): { text: string; caret: number } {
  return { text: text.slice(0, slash.start) + inserted + text.slice(slash.end), caret: slash.start + inserted.length };
}
