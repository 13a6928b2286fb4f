import { RE2JS, RE2JSSyntaxException } from 're2js';

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

export type RegexCompilation = { ok: true; regex: LinearRegex } | { ok: false; problem: string };
export type RegexCheck = { ok: true; size: number } | { ok: false; problem: string };

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

const RE2_SYNTAX = 'regular expressions use RE2 syntax, which matches in linear time';

/** What RE2 reports as unknown group syntax, by how the group opens. */
const UNSUPPORTED_GROUPS: readonly [opening: string, name: string][] = [
  ['(?=', 'Lookahead (?=…)'],
  ['(?!', 'Negative lookahead (?!…)'],
  ['(?<=', 'Lookbehind (?<=…)'],
  ['(?<!', 'Negative lookbehind (?<!…)'],
  ['(?>', 'An atomic group (?>…)'],
];

function problemOf(error: unknown): string {
  if (!(error instanceof RE2JSSyntaxException)) return 'This is not a valid regular expression';
  const description = error.getDescription();
  const near = error.getPattern() ?? '';
  const group = UNSUPPORTED_GROUPS.find(([opening]) => near.startsWith(opening));
  if (group !== undefined) return `${group[1]} is not supported: ${RE2_SYNTAX} and has no lookaround`;
  if (description === 'invalid escape sequence') return escapeProblem(near);
  if (description === 'invalid repeat count') {
    return `The repeat count ${near} is too large or out of order: counts go up to 1000, and nested counts multiply`;
  }
  return `This is not a valid regular expression: ${description}${near === '' ? '' : ` in "${near}"`}`;
}

function escapeProblem(escape: string): string {
  if (/^\\[1-9]/.test(escape)) {
    return `A backreference such as ${escape} is not supported: ${RE2_SYNTAX} and has no backreferences`;
  }
  if (escape === '\\k') {
    return `A named backreference \\k<name> is not supported: ${RE2_SYNTAX} and has no backreferences`;
  }
  if (escape === '\\u')
    return `The escape \\u is not supported: ${RE2_SYNTAX}; write \\x{00E9} for a character by its code`;
  return `The escape ${escape} is not supported: ${RE2_SYNTAX}`;
}
