import type { Variables } from '../node-types/define-node-type';
import type { Localized } from '../../i18n/languages';
import type { WorkflowSms } from '../runtime/sms';
import { DERIVED_SMS_VALUES, SMS_VALUE_WORDS, SMS_VALUES } from '../runtime/sms-values';

/** What `{{sms.*}}` and `{{vars.*}}` read from. */
export interface TemplateScope {
  sms: WorkflowSms;
  vars: Variables;
}

/** `sms.<value>` or `vars.name(.name)*`: everything a template or a switch may read. */
export const VALUE_PATH = new RegExp(`^(sms\\.(${SMS_VALUES.join('|')})|vars(\\.[A-Za-z_][A-Za-z0-9_]*)+)$`);

/** One value a form offers where a node reads one, with what it is. */
export interface ValuePathChoice {
  path: string;
  description: Localized;
}

/** What a form offers where a node reads a value: the SMS's values, and the start of a variable. */
export const VALUE_PATH_CHOICES: readonly ValuePathChoice[] = [
  ...SMS_VALUES.map((value) => ({ path: `sms.${value}`, description: SMS_VALUE_WORDS[value].description })),
  {
    path: 'vars.',
    description: {
      en: 'A variable set earlier in the run, such as vars.tier',
      de: 'Eine früher im Lauf gesetzte Variable, etwa vars.tier',
    },
  },
];

export const VALUE_PATH_SUGGESTIONS: readonly string[] = VALUE_PATH_CHOICES.map((choice) => choice.path);

const DERIVED_PATHS: ReadonlyMap<string, (sms: WorkflowSms) => string> = new Map(
  Object.entries(DERIVED_SMS_VALUES).map(([name, derive]) => [`sms.${name}`, derive]),
);

const segmentCache = new Map<string, string[]>();

function segmentsOf(path: string): string[] {
  let segments = segmentCache.get(path);
  if (segments === undefined) {
    // Paths come from configs, not from SMS, so the cache stays as small as the catalog of configs.
    if (segmentCache.size > 10_000) segmentCache.clear();
    segments = path.split('.');
    segmentCache.set(path, segments);
  }
  return segments;
}

/** Reads `sms.text`, `sms.firstWord` (derived) or `vars.crm.tier`; anything missing is `undefined`. */
export function readValue(scope: TemplateScope, path: string): unknown {
  const derive = DERIVED_PATHS.get(path);
  if (derive !== undefined) return derive(scope.sms);
  const segments = segmentsOf(path);
  let value: unknown = scope;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** How a value reads inside text: missing is empty, objects are JSON. */
export function stringifyValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** One `{{path}}` of a template: where it stands, and the path inside it with the spaces trimmed. */
export interface Placeholder {
  start: number;
  end: number;
  path: string;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * The placeholders of a template, left to right: `{{`, anything but braces, `}}`. Scanned by
 * hand because the regex it replaces backtracked in cubic time on `{{` followed by spaces (a
 * 20,000-character template froze the server for minutes). Here no character is read more than
 * twice: once looking for the next `{{`, once looking for the brace that closes or breaks it.
 */
export function placeholdersIn(template: string): Placeholder[] {
  const placeholders: Placeholder[] = [];
  let start = template.indexOf('{{');
  while (start !== -1) {
    const brace = nextBrace(template, start + 2);
    if (brace === -1) break; // no brace left, so no `{{` either
    if (template.charCodeAt(brace) === CLOSE_BRACE && template.charCodeAt(brace + 1) === CLOSE_BRACE) {
      placeholders.push({ start, end: brace + 2, path: template.slice(start + 2, brace).trim() });
      start = template.indexOf('{{', brace + 2);
    } else {
      // A brace breaks this one; the next can start one character on (`{{{sms.text}}`) or at that brace.
      start = template.indexOf('{{', start + 1);
    }
  }
  return placeholders;
}

function nextBrace(text: string, from: number): number {
  for (let index = from; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === OPEN_BRACE || code === CLOSE_BRACE) return index;
  }
  return -1;
}

/** Fills `{{path}}` placeholders; `encode` escapes each inserted value for its destination. */
export function renderTemplate(
  template: string,
  scope: TemplateScope,
  encode: (text: string) => string = (text) => text,
): string {
  if (!template.includes('{{')) return template;
  let rendered = '';
  let copied = 0;
  for (const { start, end, path } of placeholdersIn(template)) {
    rendered += template.slice(copied, start) + encode(stringifyValue(readValue(scope, path)));
    copied = end;
  }
  return rendered + template.slice(copied);
}

/** Like `renderTemplate`, but a template that is one placeholder keeps the value's type (objects stay objects). */
export function resolveTemplateValue(template: string, scope: TemplateScope): unknown {
  const [first] = placeholdersIn(template);
  return first !== undefined && first.start === 0 && first.end === template.length
    ? readValue(scope, first.path)
    : renderTemplate(template, scope);
}

/** Placeholders that name nothing a run can read, for config validation. */
export function unknownPlaceholders(template: string): string[] {
  return placeholdersIn(template)
    .map(({ path }) => path)
    .filter((path) => !VALUE_PATH.test(path));
}

/** Escapes a value for the inside of a JSON string literal. */
export function escapeForJsonString(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
