import { z } from 'zod';
import type { Language, Localized } from '../../i18n/languages';

/**
 * How the editor's generated form draws a config field. Declared on the field's zod schema with
 * `.meta({ ui })`, beside the rules it checks, so the words travel with the field into JSON
 * Schema (as `x-ui`) and no other file has to know the field by name.
 */
export interface FieldUi {
  title: Localized;
  /** Help under the field. */
  description?: Localized;
  placeholder?: Localized;
  widget?: FieldWidget;
  /** The words for each value of an enum. */
  options?: Readonly<Record<string, Localized>>;
  /** The entries of a list or a map: what one is called ("case") and what an empty one says. */
  item?: ItemUi;
  /** Inside a list item, where fields sit two to a row, this one takes the whole row. */
  wide?: boolean;
  /** The text rows a multi-line field starts with. */
  rows?: number;
  /** The text a new node's field starts with in each language; the English one is the schema's default. */
  initial?: Localized;
}

export interface ItemUi {
  /** One entry, in lower case where the language allows ("case", "Fall"). */
  name: Localized;
  empty?: Localized;
  /** The key a new map entry starts with ("X-Header"); a second one gets "-2", … */
  newKey?: string;
}

/**
 * `template`: text with placeholders; `value-path`: what a node reads (sms.text, vars.x);
 * `acd-group`, `time-zone`: a choice among the client's groups or the IANA zones;
 * `send-connector`: a choice among the client's send connectors, or none (the SMS's own);
 * `weekly-hours`: an object of days, each a list of from–to intervals;
 * `port-id`: an item's id that is also a port, filled in for a new item.
 * Lists, maps (key/value), enums, numbers and switches follow from the schema itself.
 */
export const FIELD_WIDGETS = [
  'template',
  'value-path',
  'acd-group',
  'send-connector',
  'time-zone',
  'weekly-hours',
  'port-id',
] as const;
export type FieldWidget = (typeof FIELD_WIDGETS)[number];

declare module 'zod' {
  interface GlobalMeta {
    ui?: FieldUi;
  }
}

/** A text someone typed (a case's label): the same in every language. */
export function verbatim(text: string): Localized {
  return { en: text, de: text };
}

/** The part of JSON Schema the node configs use (from `z.toJSONSchema`), with the field UI as `x-ui`. */
export interface ConfigJsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  anyOf?: ConfigJsonSchema[];
  oneOf?: ConfigJsonSchema[];
  properties?: Record<string, ConfigJsonSchema>;
  required?: string[];
  items?: ConfigJsonSchema;
  additionalProperties?: ConfigJsonSchema | boolean;
  propertyNames?: ConfigJsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
  'x-widget'?: FieldWidget;
  'x-ui'?: FieldUi;
}

/**
 * The config schema as JSON Schema (draft 2020-12) as a client may send it: defaulted fields are
 * optional. A field's UI goes in as `x-ui`; its English title and description also as the
 * standard keywords, and its widget as `x-widget`, for tools that know only those.
 */
export function configJsonSchema(config: z.ZodType): ConfigJsonSchema {
  return z.toJSONSchema(config, {
    io: 'input',
    override: ({ jsonSchema }) => {
      const { ui, ...rest } = jsonSchema as Record<string, unknown> & { ui?: FieldUi };
      if (ui === undefined) return;
      for (const key of Object.keys(jsonSchema)) delete (jsonSchema as Record<string, unknown>)[key];
      Object.assign(jsonSchema, rest, {
        title: ui.title.en,
        ...(ui.description === undefined ? {} : { description: ui.description.en }),
        ...(ui.widget === undefined ? {} : { 'x-widget': ui.widget }),
        'x-ui': ui,
      });
    },
  }) as ConfigJsonSchema;
}

/** The UI of a field, from its JSON Schema (a union such as "a variable name or nothing" keeps it on a branch). */
export function uiOf(schema: ConfigJsonSchema): FieldUi | undefined {
  return schema['x-ui'] ?? (schema.anyOf ?? schema.oneOf)?.find((branch) => branch['x-ui'])?.['x-ui'];
}

/** "timeoutMs" → "Timeout ms": the last resort for a field declared without a title. */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function titleOf(schema: ConfigJsonSchema, key: string, language: Language): string {
  return uiOf(schema)?.title[language] ?? humanize(key);
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * How the form labels the field at a config path: `cases.0.value` → "Case 1 › Value",
 * `weekly.mon.0.to` → "Opening hours › Mon › Interval 1 › closes", `headers.Host` → "Headers › Host". Used where a problem has to name a field in words.
 */
export function fieldLabelAt(schema: ConfigJsonSchema, path: readonly PropertyKey[], language: Language): string {
  const words: string[] = [];
  let current: ConfigJsonSchema | undefined = schema;
  for (const segment of path) {
    if (current === undefined) {
      words.push(String(segment));
      continue;
    }
    const objectLike = branchWith(current, (branch) => branch.properties !== undefined || branch.items !== undefined);
    if (objectLike?.items !== undefined && typeof segment === 'number') {
      const name = uiOf(current)?.item?.name[language];
      // "Case 1" says more than "Cases › 1"; a nested list keeps its title ("Mon › Interval 1").
      if (name !== undefined && words.length === 1) words.pop();
      words.push(name === undefined ? `${segment + 1}` : `${capitalize(name)} ${segment + 1}`);
      current = objectLike.items;
      continue;
    }
    const property = objectLike?.properties?.[String(segment)];
    if (property !== undefined) {
      words.push(titleOf(property, String(segment), language));
      current = property;
    } else {
      // A map's key (a header name) is named as typed.
      words.push(String(segment));
      const values = branchWith(current, (branch) => typeof branch.additionalProperties === 'object');
      current = typeof values?.additionalProperties === 'object' ? values.additionalProperties : undefined;
    }
  }
  return words.join(' › ');
}

function branchWith(
  schema: ConfigJsonSchema,
  test: (schema: ConfigJsonSchema) => boolean,
): ConfigJsonSchema | undefined {
  if (test(schema)) return schema;
  return (schema.anyOf ?? schema.oneOf)?.find(test);
}
