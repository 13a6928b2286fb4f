import type { Language, Localized } from '../../i18n/languages';
import { say } from '../../i18n/sentence';
import { zodIssueReason, type ZodIssueLike } from '../../i18n/zod-issue-sentence';

/**
 * A node type's own words for why a config is refused, in English and German beside the check
 * (as its labels are): zod keeps the English as the issue's message, and this table the rest.
 */
const declared = new Map<string, Localized>();

/** A check's message in every language: `.min(1, { error: says({ en: 'Say why', de: 'Sagen Sie, warum' }) })`. */
export function says(text: Localized): string {
  declared.set(text.en, text);
  return text.en;
}

/** The message and params of a custom issue whose words depend on the value: `ctx.addIssue({ code: 'custom', ...saying(text) })`. */
export function saying(text: Localized): { message: string; params: { localized: Localized } } {
  return { message: text.en, params: { localized: text } };
}

/**
 * Why a node's config was refused, in `language`: the node type's own words where it gave some
 * (`says`, `saying`), else the catalog's reason for zod's check (`required`, `must be a number`).
 */
export function issueText(issue: ZodIssueLike, language: Language): string {
  const localized = (issue.params?.localized as Localized | undefined) ?? declared.get(issue.message);
  return localized ? localized[language] : say(language, zodIssueReason(issue));
}
