import type { Language } from '../../../../../i18n/languages';
import { capitalize, titleOf, uiOf, type ConfigJsonSchema, type FieldWidget } from '../../../../../workflows';

/** The part of JSON Schema the node configs use (from `z.toJSONSchema`), with each field's UI as `x-ui`. */
export type JsonSchema = ConfigJsonSchema;

/** How the form draws one field, in the UI's language: everything read from the field's declaration. */
export interface FieldView {
  title: string;
  description?: string;
  placeholder?: string;
  widget?: FieldWidget;
  /** An enum's choices in words. */
  options?: { value: string; label: string }[];
  /** A list's or map's entry: its name ("case"), the name capitalised for headings, the empty hint. */
  item?: { name: string; heading: string; empty?: string; newKey?: string; idPrefix: string };
  wide: boolean;
  rows?: number;
}

export function fieldView(schema: JsonSchema, key: string, language: Language): FieldView {
  const ui = uiOf(schema);
  const item = ui?.item;
  return {
    title: titleOf(schema, key, language),
    description: ui?.description?.[language],
    placeholder: ui?.placeholder?.[language],
    widget: ui?.widget,
    options: schema.enum?.map((option) => ({
      value: String(option),
      label: ui?.options?.[String(option)]?.[language] ?? String(option),
    })),
    item: item && {
      name: item.name[language],
      heading: capitalize(item.name[language]),
      empty: item.empty?.[language],
      newKey: item.newKey,
      idPrefix: item.name.en.toLowerCase().replace(/[^a-z0-9]+/g, '_'),
    },
    wide: ui?.wide === true || ui?.widget === 'template',
    rows: ui?.rows,
  };
}

/** The field of a list item that is also a port id, filled in for a new item. */
export function portIdFieldOf(items: JsonSchema): string | undefined {
  return Object.entries(items.properties ?? {}).find(([, property]) => uiOf(property)?.widget === 'port-id')?.[0];
}

/** A free id for a new item: the item's English name and a number ("case_2"), as port ids are. */
export function nextItemId(prefix: string, items: readonly unknown[], idField: string): string {
  const taken = new Set(items.map((item) => (item as Record<string, unknown> | null)?.[idField]));
  for (let n = items.length + 1; ; n += 1) if (!taken.has(`${prefix}_${n}`)) return `${prefix}_${n}`;
}

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

export function isStringSchema(schema: JsonSchema): boolean {
  if (schema.type === 'string') return true;
  return (schema.anyOf ?? schema.oneOf ?? []).some((branch) => branch.type === 'string');
}
