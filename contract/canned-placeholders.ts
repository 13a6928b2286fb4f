// The placeholders a canned response's text may hold (`{{agent.name}}`), declared once: the
// server refuses others at save time, the web UI offers these in its picker (its words are the
// catalog's, `cannedResponses.placeholder.<name>`), and the desk fills them with `renderCanned`.
// Pure: no I/O, no zod (the web UI checks its form by the same rules).

/** What the agent types after `/`: lowercase letters, digits and dashes, no dash at either end. */
export const SHORTCUT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SHORTCUT_MAX = 40;
export const CANNED_TITLE_MAX = 200;
export const CANNED_TEXT_MAX = 2000;

/**
 * Each placeholder with the key of its words in the catalog (`cannedResponses.placeholder.<key>`;
 * the catalog's keys cannot hold the dot of the name).
 */
export const CANNED_PLACEHOLDER_WORDS = {
  'customer.number': 'customerNumber',
  'agent.name': 'agentName',
  'group.name': 'groupName',
  'client.name': 'clientName',
} as const;
export type CannedPlaceholder = keyof typeof CANNED_PLACEHOLDER_WORDS;
export const cannedPlaceholders = Object.keys(CANNED_PLACEHOLDER_WORDS) as CannedPlaceholder[];

/** What the desk knows when it inserts a response; a value left out (or empty) renders as nothing. */
export type CannedValues = Partial<Record<CannedPlaceholder, string | null | undefined>>;

/** A placeholder as written in a text: `{{name}}`, spaces inside the braces allowed. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** How a placeholder is written into a text (what the picker inserts). */
export const placeholderToken = (name: CannedPlaceholder): string => `{{${name}}}`;

export function isCannedPlaceholder(name: string): name is CannedPlaceholder {
  return (cannedPlaceholders as readonly string[]).includes(name);
}

/** The placeholders a text names, each once, in the order they first appear. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/** The names in a text that are no placeholder of the list (what a save refuses). */
export function unknownPlaceholders(text: string): string[] {
  return placeholdersIn(text).filter((name) => !isCannedPlaceholder(name));
}

export interface RenderedCanned {
  /** The text with every placeholder replaced: nothing in braces is left over. */
  text: string;
  /** Known placeholders the text uses that had no value (rendered as empty). */
  missing: CannedPlaceholder[];
  /** Names that are no placeholder (a save refuses them; rendered as empty all the same). */
  unknown: string[];
}

/** Fills a canned response's placeholders from `values`; what has no value renders as empty and is reported. */
export function renderCanned(text: string, values: CannedValues): RenderedCanned {
  const missing = new Set<CannedPlaceholder>();
  const unknown = new Set<string>();
  const rendered = text.replace(PLACEHOLDER, (_, name: string) => {
    if (!isCannedPlaceholder(name)) {
      unknown.add(name);
      return '';
    }
    const value = values[name];
    if (value === undefined || value === null || value === '') {
      missing.add(name);
      return '';
    }
    return value;
  });
  return { text: rendered, missing: [...missing], unknown: [...unknown] };
}
