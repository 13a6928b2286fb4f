// Opt-out keywords: which SMS texts add their sender to a client's opt-out list, and which take
// them off again. Pure: the SMS intake asks it for every SMS, so it is a string test and nothing
// else (no regular expression built from what an admin typed).

/** What a keyword SMS does to its sender's entry in the opt-out list. */
export type OptOutKeywordKind = 'optOut' | 'optIn';

export const DEFAULT_OPT_OUT_KEYWORDS = ['STOP', 'STOPP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'] as const;
export const DEFAULT_OPT_IN_KEYWORDS = ['START', 'UNSTOP'] as const;

/** The longest keyword an admin may set; also the bound of the fast path below. */
export const OPT_OUT_KEYWORD_MAX = 30;
/** How much trailing punctuation and surrounding white space a keyword SMS may carry. */
const SLACK = 16;

export interface OptOutKeywordSettings {
  /** Whether keyword SMS change the list at all (off: they are routed as any SMS). */
  enabled: boolean;
  optOutKeywords: readonly string[];
  optInKeywords: readonly string[];
}

export const DEFAULT_OPT_OUT_SETTINGS: OptOutKeywordSettings = {
  enabled: true,
  optOutKeywords: DEFAULT_OPT_OUT_KEYWORDS,
  optInKeywords: DEFAULT_OPT_IN_KEYWORDS,
};

/** Punctuation a customer may end a keyword with ("Stop!", "STOP."). */
const TRAILING = new Set(['.', '!', '?', ',', ';', ':', '-', '…', '¡', '¿', '"', "'", ')', '(']);

/** A keyword as compared: trimmed, in capitals, without trailing punctuation. */
export function normalizeKeyword(text: string): string {
  let end = text.length;
  for (;;) {
    while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
    if (end > 0 && TRAILING.has(text[end - 1]!)) {
      end--;
      continue;
    }
    break;
  }
  let start = 0;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  return text.slice(start, end).toUpperCase();
}

const isSpace = (code: number) => code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x3000;

/**
 * Whether `text` is an opt-out or opt-in keyword of `settings`: the whole text, trimmed,
 * ignoring case and trailing punctuation ("stop", " Stop! " match STOP; "please stop" does not).
 * A text longer than any keyword could be is answered without looking at it further.
 */
export function matchOptOutKeyword(text: string, settings: OptOutKeywordSettings): OptOutKeywordKind | null {
  if (!settings.enabled || text.length > OPT_OUT_KEYWORD_MAX + SLACK || text.length === 0) return null;
  const word = normalizeKeyword(text);
  if (word === '') return null;
  if (settings.optOutKeywords.some((keyword) => keyword.toUpperCase() === word)) return 'optOut';
  if (settings.optInKeywords.some((keyword) => keyword.toUpperCase() === word)) return 'optIn';
  return null;
}
