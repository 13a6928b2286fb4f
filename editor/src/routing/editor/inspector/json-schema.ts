/** The part of JSON Schema the node configs use (from `z.toJSONSchema`). */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
  'x-widget'?: string;
}

/** "caseInsensitive" → "Case insensitive", "timeoutMs" → "Timeout ms". */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function titleOf(schema: JsonSchema, key: string): string {
  return schema.title ?? schema.anyOf?.find((branch) => branch.title)?.title ?? FIELD_TITLES[key] ?? humanize(key);
}

/** Names for fields the catalog leaves untitled. */
const FIELD_TITLES: Record<string, string> = {
  id: 'Port id',
  caseInsensitive: 'Ignore upper/lower case',
  method: 'Method',
  reason: 'Reason',
  label: 'Label',
  operator: 'Operator',
  value: 'Value',
  percent: 'Percent',
  cases: 'Cases',
  branches: 'Branches',
  assignments: 'Variables',
  headers: 'Headers',
  saveAs: 'Save answer as',
};

/** A value for a new list item: its defaults, and an empty text for required texts. */
export function emptyValueOf(schema: JsonSchema): unknown {
  if (schema.default !== undefined) return structuredClone(schema.default);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) value[key] = emptyValueOf(property);
      return value;
    }
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    default:
      return '';
  }
}

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export function isWeeklySchedule(schema: JsonSchema): boolean {
  const keys = Object.keys(schema.properties ?? {});
  return keys.length === 7 && WEEKDAY_KEYS.every((day) => keys.includes(day));
}

export function isStringSchema(schema: JsonSchema): boolean {
  if (schema.type === 'string') return true;
  return (schema.anyOf ?? schema.oneOf ?? []).some((branch) => branch.type === 'string');
}
