import { sentence, verbatim, type Sentence } from './sentence';

/**
 * The parts of a zod issue its reason is told from (zod's own `$ZodIssue`, read structurally so
 * that the catalog needs no zod). Parse with `reportInput: true` to tell a missing value apart.
 */
export interface ZodIssueLike {
  readonly code: string;
  readonly message: string;
  readonly path: readonly PropertyKey[];
  readonly input?: unknown;
  readonly expected?: string;
  readonly origin?: string;
  readonly minimum?: number | bigint | Date;
  readonly maximum?: number | bigint | Date;
  readonly inclusive?: boolean;
  readonly format?: string;
  readonly divisor?: number | bigint;
  readonly values?: readonly unknown[];
  readonly keys?: readonly string[];
  readonly params?: Readonly<Record<string, unknown>>;
}

/** A custom check's reason, kept with the issue: `ctx.addIssue({ code: 'custom', message, params: because(...) })`. */
export function because(reason: Sentence): { sentence: Sentence } {
  return { sentence: reason };
}

const EXPECTED = new Set(['string', 'number', 'int', 'boolean', 'object', 'array', 'date', 'null']);
const FORMATS = new Set(['email', 'uuid', 'url', 'datetime', 'date', 'time', 'regex']);

function bound(value: number | bigint | Date | undefined): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** Why zod refused a value, as a catalog sentence without the field's name (`required`, `must be a number`). */
export function zodIssueReason(issue: ZodIssueLike): Sentence {
  switch (issue.code) {
    case 'invalid_type': {
      const missing = 'input' in issue ? issue.input === undefined : /received undefined$/.test(issue.message);
      if (missing) return sentence('validation.required');
      if (issue.expected && EXPECTED.has(issue.expected))
        return sentence('validation.mustBe', { expected: sentence(`validation.expected.${issue.expected}` as never) });
      return sentence('validation.wrongType');
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const limit = small ? issue.minimum : issue.maximum;
      if (issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set') {
        const kind = issue.origin === 'string' ? 'text' : 'list';
        return sentence(`validation.${kind}${small ? 'AtLeast' : 'AtMost'}`, { count: Number(limit) });
      }
      const inclusive = issue.inclusive !== false;
      const key = small ? (inclusive ? 'atLeast' : 'above') : inclusive ? 'atMost' : 'below';
      return sentence(`validation.${key}`, { value: bound(limit) });
    }
    case 'invalid_format':
      return issue.format && FORMATS.has(issue.format)
        ? sentence(`validation.format.${issue.format}` as never)
        : sentence('validation.format.other', { format: issue.format ?? '' });
    case 'not_multiple_of':
      return sentence('validation.multipleOf', { value: String(issue.divisor) });
    case 'invalid_value': {
      const values = (issue.values ?? []).map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
      return values.length === 1
        ? sentence('validation.exactly', { value: values[0]! })
        : sentence('validation.oneOf', { values: values.join(', ') });
    }
    case 'custom': {
      const reason = issue.params?.sentence;
      return isSentence(reason) ? reason : verbatim(issue.message);
    }
    default:
      return sentence('validation.invalid');
  }
}

function isSentence(value: unknown): value is Sentence {
  return typeof value === 'object' && value !== null && ('key' in value || 'text' in value || 'localized' in value);
}

/**
 * The field an issue names (its dotted path; for unknown keys the first of them) and the whole
 * sentence, led by that field: `name: required`, `colour is not a known field`.
 */
export function zodIssueSentence(issue: ZodIssueLike): { field: string | undefined; sentence: Sentence } {
  if (issue.code === 'unrecognized_keys') {
    const field = [...issue.path, issue.keys?.[0]].map(String).join('.');
    return { field, sentence: sentence('validation.unknownField', { field }) };
  }
  const field = issue.path.map(String).join('.') || undefined;
  const reason = zodIssueReason(issue);
  return { field, sentence: field ? sentence('validation.field', { field, reason }) : reason };
}
