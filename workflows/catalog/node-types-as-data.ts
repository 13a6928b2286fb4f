import { portsOf, type NodeCategory, type NodeType } from '../node-types/define-node-type';
import { configJsonSchema, type ConfigJsonSchema } from '../node-types/field-ui';
import type { Localized } from '../../i18n/languages';
import { nodeTypeCatalog } from './node-type-catalog';

/** A node type without its code: what `GET /api/node-types` answers and the editor's palette reads. */
export interface NodeTypeData {
  type: string;
  /** In English; `texts` has every language. */
  label: string;
  category: NodeCategory;
  description: string;
  texts: { label: Localized; description: Localized };
  icon: string;
  kind: NodeType['kind'];
  terminal: boolean;
  /** The ports of a node with the default config. */
  ports: string[];
  /** JSON Schema (draft 2020-12) of the config as a client may send it: defaulted fields are optional. */
  configSchema: ConfigJsonSchema;
  defaults: Record<string, unknown>;
}

let cached: NodeTypeData[] | undefined;

export function nodeTypesAsData(): NodeTypeData[] {
  cached ??= nodeTypeCatalog.map((nodeType) => describeNodeType(nodeType));
  // Callers get their own copy: the answer is cached but must not be shared mutable state.
  return structuredClone(cached);
}

function describeNodeType(nodeType: NodeType): NodeTypeData {
  const configSchema = configSchemaOf(nodeType);
  const defaults = defaultsOf(configSchema);
  return {
    type: nodeType.type,
    label: nodeType.label.en,
    category: nodeType.category,
    description: nodeType.description.en,
    texts: { label: nodeType.label, description: nodeType.description },
    icon: nodeType.icon,
    kind: nodeType.kind,
    terminal: nodeType.kind === 'terminal',
    ports: portsOf(nodeType, defaults),
    configSchema: structuredClone(configSchema),
    defaults,
  };
}

const schemas = new WeakMap<NodeType, ConfigJsonSchema>();

/** The JSON Schema of a node type's config, computed once; shared, so treat it as read-only. */
export function configSchemaOf(nodeType: NodeType): ConfigJsonSchema {
  let schema = schemas.get(nodeType);
  if (schema === undefined) {
    schema = configJsonSchema(nodeType.config);
    schemas.set(nodeType, schema);
  }
  return schema;
}

/**
 * The config a new node starts with. Read from the schema's defaults rather than parsed, because
 * a new node is allowed to be incomplete (no ACD group chosen yet) and the validator says so.
 */
function defaultsOf(schema: ConfigJsonSchema): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [field, property] of Object.entries(schema.properties ?? {})) {
    if (property.default !== undefined) defaults[field] = structuredClone(property.default);
  }
  return defaults;
}
