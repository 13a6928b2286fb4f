import { z } from 'zod';
import type { Language, Localized } from '../../i18n/languages';
import { defineNodeType } from '../node-types/define-node-type';
import { checkLinearRegex, compileLinearRegex, type LinearRegex } from '../regex/linear-regex';
import { readValue, stringifyValue } from '../templates/render-template';
import { verbatim } from '../node-types/field-ui';
import { portIdField, portLabelField, uniqueIds, valuePathField } from './fields';
import { says, saying } from '../node-types/check-words';
import { SMS_VALUE_WORDS, SMS_VALUES, type SmsValue } from '../runtime/sms-values';

export const SWITCH_OPERATORS = ['equals', 'contains', 'starts_with', 'regex', 'in_list'] as const;
export type SwitchOperator = (typeof SWITCH_OPERATORS)[number];

const OPERATOR_CHOICES: Record<SwitchOperator, Localized> = {
  equals: { en: 'equals', de: 'ist gleich' },
  contains: { en: 'contains', de: 'enthält' },
  starts_with: { en: 'starts with', de: 'beginnt mit' },
  regex: { en: 'matches regex', de: 'passt auf regulären Ausdruck' },
  in_list: { en: 'is one of (comma-separated)', de: 'ist eines von (durch Kommas getrennt)' },
};

const DEFAULT_PORT: Localized = { en: 'default', de: 'sonst' };

/**
 * Bounds on one switch's regular expressions. Matching is linear, but its cost per character grows
 * with the size of the compiled pattern, and one decision cannot be interrupted: together they
 * keep a switch's worst case to a few hundred milliseconds (`regex-limit` in bench/hostile-input.ts).
 */
export const REGEX_LIMITS = {
  /** The sum of RE2's program sizes over the regex cases of one switch. */
  totalSize: 1_000,
  /** The longest value a regex case compares (an SMS is 1,600 characters by default; variables can be more). */
  valueLength: 10_000,
} as const;

const switchCase = z
  .strictObject({
    id: portIdField(),
    label: portLabelField(),
    operator: z
      .enum(SWITCH_OPERATORS)
      .default('equals')
      .meta({ ui: { title: { en: 'Operator', de: 'Operator' }, options: OPERATOR_CHOICES } }),
    /** For `in_list`, the entries separated by commas (as in "STOP, END, UNSUBSCRIBE"). */
    value: z
      .string()
      .min(1, { error: says({ en: 'Enter a value to compare with', de: 'Geben Sie einen Wert zum Vergleichen ein' }) })
      .max(500)
      .meta({ ui: { title: { en: 'Value', de: 'Wert' }, wide: true } }),
  })
  .superRefine((switchCase, ctx) => {
    if (switchCase.operator !== 'regex') return;
    const check = checkLinearRegex(switchCase.value);
    if (!check.ok) ctx.addIssue({ code: 'custom', path: ['value'], ...saying(check.problem) });
  });

export type SwitchCase = z.output<typeof switchCase>;

const switchFields = z.strictObject({
  value: valuePathField({ en: 'Compare', de: 'Vergleichen' }).default('sms.text'),
  caseInsensitive: z
    .boolean()
    .default(true)
    .meta({ ui: { title: { en: 'Ignore upper/lower case', de: 'Groß-/Kleinschreibung ignorieren' } } }),
  cases: z
    .array(switchCase)
    .max(50)
    .default([])
    .superRefine(uniqueIds)
    .meta({
      ui: {
        title: { en: 'Cases', de: 'Fälle' },
        item: {
          name: { en: 'case', de: 'Fall' },
          empty: {
            en: 'No cases yet: every SMS leaves by “default”. Add a case to branch on a value.',
            de: 'Noch keine Fälle: jede SMS geht über „sonst“ weiter. Fügen Sie einen Fall hinzu, um nach einem Wert zu verzweigen.',
          },
        },
      },
    }),
});

const switchConfig = switchFields.superRefine(checkRegexSizes);

export type SwitchConfig = z.output<typeof switchConfig>;

export const switchNode = defineNodeType({
  type: 'switch',
  kind: 'decision',
  label: { en: 'Switch', de: 'Verzweigung' },
  category: 'logic',
  description: {
    en:
      'Compares the sender, the text, its first word, the keyword or a variable with each case in turn and leaves ' +
      'by the first case that matches, else by "default". The value is trimmed first. Regular expressions use ' +
      'RE2 syntax (no lookaround, no backreferences).',
    de:
      'Vergleicht den Absender, den Text, sein erstes Wort, das Schlüsselwort oder eine Variable der Reihe nach mit jedem Fall und ' +
      'geht über den ersten passenden Fall weiter, sonst über „sonst“. Der Wert wird vorher an den Rändern ' +
      'gekürzt. Reguläre Ausdrücke nutzen die RE2-Syntax (kein Lookaround, keine Rückverweise).',
  },
  icon: 'split',
  config: switchConfig,
  ports: (config) => [...config.cases.map((switchCase) => switchCase.id), 'default'],
  portLabels: (config) => ({
    ...Object.fromEntries(
      config.cases.map((switchCase) => [
        switchCase.id,
        verbatim(switchCase.label.trim() || switchCase.value || switchCase.id),
      ]),
    ),
    default: DEFAULT_PORT,
  }),
  summarize: summarizeSwitch,
  run(context, config) {
    const value = stringifyValue(readValue(context, config.value)).trim();
    const matchers = matchersFor(config);
    for (let index = 0; index < matchers.length; index += 1) {
      if (matchers[index]!(value)) return { port: config.cases[index]!.id };
    }
    return { port: 'default' };
  },
});

type Matcher = (value: string) => boolean;

// Configs are parsed once per runner, so regexes and lists are built once per config, not per SMS.
const matcherCache = new WeakMap<SwitchConfig, Matcher[]>();

function matchersFor(config: SwitchConfig): Matcher[] {
  let matchers = matcherCache.get(config);
  if (matchers === undefined) {
    matchers = config.cases.map((switchCase) => buildMatcher(switchCase, config.caseInsensitive));
    matcherCache.set(config, matchers);
  }
  return matchers;
}

function buildMatcher({ operator, value }: SwitchCase, caseInsensitive: boolean): Matcher {
  const fold = caseInsensitive ? (text: string) => text.toLowerCase() : (text: string) => text;
  const expected = fold(value);
  switch (operator) {
    case 'equals':
      return (actual) => fold(actual) === expected;
    case 'contains':
      return (actual) => fold(actual).includes(expected);
    case 'starts_with':
      return (actual) => fold(actual).startsWith(expected);
    case 'regex': {
      const compiled = compileLinearRegex(value, { caseInsensitive });
      // The config was validated; a pattern that still fails to compile fails the run with the reason.
      if (!compiled.ok) throw new Error(compiled.problem.en);
      return regexMatcher(compiled.regex);
    }
    case 'in_list': {
      const entries = new Set(listEntries(expected));
      return (actual) => entries.has(fold(actual));
    }
  }
}

function listEntries(list: string): string[] {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function regexMatcher(regex: LinearRegex): Matcher {
  return (actual) => {
    if (actual.length > REGEX_LIMITS.valueLength) {
      throw new Error(
        `The value is ${actual.length.toLocaleString('en-US')} characters long; a regular expression compares ` +
          `at most ${REGEX_LIMITS.valueLength.toLocaleString('en-US')}`,
      );
    }
    return regex.test(actual);
  };
}

/** Each regex case is checked on its own (above); here, whether together they stay small. */
function checkRegexSizes(config: z.output<typeof switchFields>, ctx: z.RefinementCtx): void {
  let totalSize = 0;
  config.cases.forEach((switchCase, index) => {
    if (switchCase.operator !== 'regex') return;
    const check = checkLinearRegex(switchCase.value);
    if (!check.ok) return;
    totalSize += check.size;
    if (totalSize > REGEX_LIMITS.totalSize) {
      ctx.addIssue({ code: 'custom', path: ['cases', index, 'value'], ...saying(tooLarge(check.size, totalSize)) });
    }
  });
}

function tooLarge(size: number, totalSize: number): Localized {
  const limit = {
    en: REGEX_LIMITS.totalSize.toLocaleString('en-US'),
    de: REGEX_LIMITS.totalSize.toLocaleString('de-DE'),
  };
  if (size > REGEX_LIMITS.totalSize) {
    return {
      en:
        `This regular expression is too large (size ${size.toLocaleString('en-US')}, at most ${limit.en}): ` +
        'repeat counts such as {200} make it large quickly',
      de:
        `Dieser reguläre Ausdruck ist zu groß (Größe ${size.toLocaleString('de-DE')}, höchstens ${limit.de}): ` +
        'Wiederholungen wie {200} machen ihn schnell groß',
    };
  }
  return {
    en:
      `The regular expressions of this switch are too large together (size ${totalSize.toLocaleString('en-US')}, ` +
      `at most ${limit.en}): simplify them or spread the cases over two switches`,
    de:
      `Die regulären Ausdrücke dieser Verzweigung sind zusammen zu groß (Größe ${totalSize.toLocaleString('de-DE')}, ` +
      `höchstens ${limit.de}): Vereinfachen Sie sie oder verteilen Sie die Fälle auf zwei Verzweigungen`,
  };
}

/** How the canvas line names the operators ("text contains HELP"): the form's choices, shorter where those explain. */
const OPERATOR_WORDS: Record<SwitchOperator, Localized> = {
  ...OPERATOR_CHOICES,
  regex: { en: 'matches', de: 'passt auf' },
  in_list: { en: 'is one of', de: 'ist eines von' },
};

/** "text contains STOP, HELP" when the cases share an operator, else "text: equals STOP · matches ^A". */
function summarizeSwitch(config: SwitchConfig, language: Language): string {
  const field = config.value.startsWith('sms.') ? config.value.slice('sms.'.length) : undefined;
  const subject = field !== undefined && isSmsValue(field) ? SMS_VALUE_WORDS[field].name[language] : config.value;
  if (config.cases.length === 0) return `${subject}: ${{ en: 'no cases yet', de: 'noch keine Fälle' }[language]}`;
  const operators = new Set(config.cases.map((switchCase) => switchCase.operator));
  const words = (operator: SwitchOperator) => OPERATOR_WORDS[operator][language];
  if (operators.size === 1) {
    const [operator] = operators;
    return `${subject} ${words(operator!)} ${config.cases.map((switchCase) => switchCase.value).join(', ')}`;
  }
  return `${subject}: ${config.cases.map((c) => `${words(c.operator)} ${c.value}`).join(' · ')}`;
}

function isSmsValue(field: string): field is SmsValue {
  return (SMS_VALUES as readonly string[]).includes(field);
}
