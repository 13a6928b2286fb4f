import type { Variables } from '../node-types/define-node-type';
import { SMS_FIELDS, type WorkflowSms } from '../runtime/sms';

/** What `{{sms.*}}` and `{{vars.*}}` read from. */
export interface TemplateScope {
  sms: WorkflowSms;
  vars: Variables;
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const WHOLE_PLACEHOLDER = /^\{\{\s*([^{}]*?)\s*\}\}$/;
/** `sms.<field>` or `vars.name(.name)*`: everything a template or a switch may read. */
export const VALUE_PATH = new RegExp(`^(sms\\.(${SMS_FIELDS.join('|')})|vars(\\.[A-Za-z_][A-Za-z0-9_]*)+)$`);

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

/** Reads `sms.text` or `vars.crm.tier`; anything missing is `undefined`. */
export function readValue(scope: TemplateScope, path: string): unknown {
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

/** Fills `{{path}}` placeholders; `encode` escapes each inserted value for its destination. */
export function renderTemplate(
  template: string,
  scope: TemplateScope,
  encode: (text: string) => string = (text) => text,
): string {
  if (!template.includes('{{')) return template;
  return template.replace(PLACEHOLDER, (_match, path: string) => encode(stringifyValue(readValue(scope, path))));
}

/** Like `renderTemplate`, but a template that is one placeholder keeps the value's type (objects stay objects). */
export function resolveTemplateValue(template: string, scope: TemplateScope): unknown {
  const whole = WHOLE_PLACEHOLDER.exec(template);
  return whole ? readValue(scope, whole[1] ?? '') : renderTemplate(template, scope);
}

/** Placeholders that name nothing a run can read, for config validation. */
export function unknownPlaceholders(template: string): string[] {
  const unknown: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const path = match[1] ?? '';
    if (!VALUE_PATH.test(path)) unknown.push(path);
  }
  return unknown;
}

/** Escapes a value for the inside of a JSON string literal. */
export function escapeForJsonString(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
