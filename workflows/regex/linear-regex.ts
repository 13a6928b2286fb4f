import { RE2JS, RE2JSSyntaxException } from 're2js';
import type { Localized } from '../../i18n/languages';

/**
 * A regular expression an admin wrote, compiled for RE2 (re2js, pure JavaScript so the editor
 * runs the same engine): it never backtracks, so matching takes time linear in the text. The
 * price is RE2's syntax: no backreferences and no lookaround.
 */
export interface LinearRegex {
  /** Whether it matches anywhere in the text, like `RegExp.prototype.test`. */
  test(text: string): boolean;
  /**
   * RE2's program size: matching costs up to this much work per character, so callers bound
   * the sum of the sizes they run on one text.
   */
  readonly size: number;
}

export type RegexCompilation = { ok: true; regex: LinearRegex } | { ok: false; problem: Localized };
export type RegexCheck = { ok: true; size: number } | { ok: false; problem: Localized };

/** Compiles `pattern`, or says in plain words why it cannot run. */
export function compileLinearRegex(pattern: string, options: { caseInsensitive: boolean }): RegexCompilation {
  try {
    const compiled = RE2JS.compile(pattern, options.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
    return { ok: true, regex: { test: (text) => compiled.test(text), size: compiled.programSize() } };
  } catch (error) {
    return { ok: false, problem: problemOf(error) };
  }
}

// Validation runs on every edit in the editor; only the verdicts are kept, as a compiled regex
// grows a matching cache of its own.
const checks = new Map<string, RegexCheck>();

/** Whether `pattern` can run, and its size (the same with or without case-insensitivity). */
export function checkLinearRegex(pattern: string): RegexCheck {
  let check = checks.get(pattern);
  if (check === undefined) {
    if (checks.size >= 1_000) checks.clear();
    const compiled = compileLinearRegex(pattern, { caseInsensitive: false });
    check = compiled.ok ? { ok: true, size: compiled.regex.size } : compiled;
    checks.set(pattern, check);
  }
  return check;
}

const RE2_SYNTAX: Localized = {
  en: 'regular expressions use RE2 syntax, which matches in linear time',
  de: 'reguläre Ausdrücke nutzen die RE2-Syntax, die in linearer Zeit vergleicht',
};

/** What RE2 reports as unknown group syntax, by how the group opens. */
const UNSUPPORTED_GROUPS: readonly [opening: string, name: Localized][] = [
  ['(?=', { en: 'Lookahead (?=…)', de: 'Lookahead (?=…)' }],
  ['(?!', { en: 'Negative lookahead (?!…)', de: 'Negativer Lookahead (?!…)' }],
  ['(?<=', { en: 'Lookbehind (?<=…)', de: 'Lookbehind (?<=…)' }],
  ['(?<!', { en: 'Negative lookbehind (?<!…)', de: 'Negativer Lookbehind (?<!…)' }],
  ['(?>', { en: 'An atomic group (?>…)', de: 'Eine atomare Gruppe (?>…)' }],
];

function problemOf(error: unknown): Localized {
  if (!(error instanceof RE2JSSyntaxException))
    return { en: 'This is not a valid regular expression', de: 'Das ist kein gültiger regulärer Ausdruck' };
  const description = error.getDescription();
  const near = error.getPattern() ?? '';
  const group = UNSUPPORTED_GROUPS.find(([opening]) => near.startsWith(opening));
  if (group !== undefined)
    return {
      en: `${group[1].en} is not supported: ${RE2_SYNTAX.en} and has no lookaround`,
      de: `${group[1].de} wird nicht unterstützt: ${RE2_SYNTAX.de} und kennt kein Lookaround`,
    };
  if (description === 'invalid escape sequence') return escapeProblem(near);
  if (description === 'invalid repeat count') {
    return {
      en: `The repeat count ${near} is too large or out of order: counts go up to 1000, and nested counts multiply`,
      de: `Die Wiederholungszahl ${near} ist zu groß oder verdreht: Zahlen gehen bis 1000, und verschachtelte multiplizieren sich`,
    };
  }
  const where = near === '' ? { en: '', de: '' } : { en: ` in "${near}"`, de: ` in „${near}“` };
  return {
    en: `This is not a valid regular expression: ${description}${where.en}`,
    de: `Das ist kein gültiger regulärer Ausdruck: ${description}${where.de}`,
  };
}

function escapeProblem(escape: string): Localized {
  if (/^\\[1-9]/.test(escape)) {
    return {
      en: `A backreference such as ${escape} is not supported: ${RE2_SYNTAX.en} and has no backreferences`,
      de: `Eine Rückreferenz wie ${escape} wird nicht unterstützt: ${RE2_SYNTAX.de} und kennt keine Rückreferenzen`,
    };
  }
  if (escape === '\\k') {
    return {
      en: `A named backreference \\k<name> is not supported: ${RE2_SYNTAX.en} and has no backreferences`,
      de: `Eine benannte Rückreferenz \\k<name> wird nicht unterstützt: ${RE2_SYNTAX.de} und kennt keine Rückreferenzen`,
    };
  }
  if (escape === '\\u')
    return {
      en: `The escape \\u is not supported: ${RE2_SYNTAX.en}; write \\x{00E9} for a character by its code`,
      de: `Das Escape \\u wird nicht unterstützt: ${RE2_SYNTAX.de}; schreiben Sie \\x{00E9} für ein Zeichen nach seinem Code`,
    };
  return {
    en: `The escape ${escape} is not supported: ${RE2_SYNTAX.en}`,
    de: `Das Escape ${escape} wird nicht unterstützt: ${RE2_SYNTAX.de}`,
  };
}
