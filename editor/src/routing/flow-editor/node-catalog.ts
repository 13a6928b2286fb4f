import { CircleHelp, type LucideIcon } from 'lucide-react';
import type { Language } from '../../../../i18n/languages';
import type { ZodIssueLike } from '../../../../i18n/zod-issue-sentence';
import {
  configSchemaOf,
  findNodeType,
  nodeCategories,
  NODE_CATEGORIES,
  portLabelsOf,
  portsOf,
  type ConfigJsonSchema,
  type NodeCategory,
  type NodeColor,
  type NodeType,
  type SummaryNames,
} from '../../../../workflows';
import { NODE_ICON_DRAWINGS } from './node-icons';

// What the palette, the canvas and the inspector show of a node type, all read from its declaration.

export interface NodeLook {
  label: string;
  description: string;
  icon: LucideIcon;
  /** A Mantine colour name: the node type's category's, grey for a type this editor does not know. */
  color: NodeColor | 'gray';
  categoryLabel: string;
}

export function lookOf(nodeType: NodeType | undefined, language: Language): NodeLook {
  if (nodeType === undefined) return { label: '', description: '', icon: CircleHelp, color: 'gray', categoryLabel: '' };
  const category = nodeCategories[nodeType.category];
  return {
    label: nodeType.label[language],
    description: nodeType.description[language],
    icon: NODE_ICON_DRAWINGS[nodeType.icon],
    color: category.color,
    categoryLabel: category.label[language],
  };
}

export interface PaletteGroup {
  category: NodeCategory;
  label: string;
  nodeTypes: NodeType[];
}

/** The palette: the node types by category, those whose words (or id) contain the search. */
export function paletteGroups(catalog: readonly NodeType[], search: string, language: Language): PaletteGroup[] {
  const words = search.trim().toLowerCase();
  const matches = (nodeType: NodeType) =>
    words === '' ||
    `${nodeType.label[language]} ${nodeType.description[language]} ${nodeType.type}`.toLowerCase().includes(words);
  return NODE_CATEGORIES.map((category) => ({
    category,
    label: nodeCategories[category].label[language],
    nodeTypes: catalog.filter((nodeType) => nodeType.category === category && matches(nodeType)),
  })).filter((group) => group.nodeTypes.length > 0);
}

export function configSchemaFor(type: string): ConfigJsonSchema | undefined {
  const nodeType = findNodeType(type);
  return nodeType === undefined ? undefined : configSchemaOf(nodeType);
}

/** The config a new node starts with: the schema's defaults (a new node may be incomplete). */
export function defaultConfigOf(nodeType: NodeType): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [field, property] of Object.entries(configSchemaOf(nodeType).properties ?? {})) {
    if (property.default !== undefined) defaults[field] = structuredClone(property.default);
  }
  return defaults;
}

/** What a node dropped onto the canvas starts with: the defaults, with texts in the UI's language. */
export function newNodeConfigOf(nodeType: NodeType, language: Language): Record<string, unknown> {
  const config = defaultConfigOf(nodeType);
  for (const [field, property] of Object.entries(configSchemaOf(nodeType).properties ?? {})) {
    const initial = property['x-ui']?.initial;
    if (initial !== undefined) config[field] = initial[language];
  }
  return config;
}

type Parsed = { ok: true; config: unknown } | { ok: false; issues: readonly ZodIssueLike[] };

const parseCache = new WeakMap<object, Map<string, Parsed>>();

/** The node's config parsed by its type's schema (memoised per config object). */
export function parseConfig(nodeType: NodeType, config: Record<string, unknown>): Parsed {
  let byType = parseCache.get(config);
  if (!byType) {
    byType = new Map();
    parseCache.set(config, byType);
  }
  let parsed = byType.get(nodeType.type);
  if (!parsed) {
    const result = nodeType.config.safeParse(config);
    parsed = result.success ? { ok: true, config: result.data } : { ok: false, issues: result.error.issues };
    byType.set(nodeType.type, parsed);
  }
  return parsed;
}

/**
 * What a node's config reads as while the admin types: parsed when it is complete, else the raw
 * config over the defaults, so a half-filled case still has its port and its label.
 */
function readableConfig(nodeType: NodeType, config: Record<string, unknown>): { config: unknown; parsed: boolean } {
  const parsed = parseConfig(nodeType, config);
  return parsed.ok
    ? { config: parsed.config, parsed: true }
    : { config: { ...defaultConfigOf(nodeType), ...config }, parsed: false };
}

/** The ports a node has now; edges stay put while its config is incomplete. */
export function portsOfNode(nodeType: NodeType, config: Record<string, unknown>): string[] {
  if (nodeType.kind === 'terminal') return [];
  const readable = readableConfig(nodeType, config);
  try {
    const ports = portsOf(nodeType, readable.config);
    return readable.parsed ? ports : ports.filter((port) => typeof port === 'string' && port !== '');
  } catch {
    return portsOf(nodeType, defaultConfigOf(nodeType));
  }
}

export function portsFor(type: string, config: Record<string, unknown>): string[] {
  const nodeType = findNodeType(type);
  return nodeType === undefined ? [] : portsOfNode(nodeType, config);
}

export interface PortView {
  id: string;
  label: string;
}

/** The ports as the canvas names them: in the node type's words, or by id where it has none. */
export function portViews(nodeType: NodeType, config: Record<string, unknown>, language: Language): PortView[] {
  const ports = portsOfNode(nodeType, config);
  let labels: ReturnType<typeof portLabelsOf> = {};
  try {
    labels = portLabelsOf(nodeType, readableConfig(nodeType, config).config);
  } catch {
    // A config too incomplete to read words from keeps the port ids.
  }
  return ports.map((port) => ({ id: port, label: labels[port]?.[language] ?? port }));
}

/** The one line under the node's title, naming groups by `names`; undefined while the config is incomplete. */
export function summaryOf(
  nodeType: NodeType,
  config: Record<string, unknown>,
  language: Language,
  names?: SummaryNames,
): string | undefined {
  const parsed = parseConfig(nodeType, config);
  if (!parsed.ok) return undefined;
  try {
    return nodeType.summarize(parsed.config as never, language, names);
  } catch {
    return '';
  }
}

/** The ACD groups a node's (complete) config names that `names` does not know: deleted since. */
export function missingGroupsOf(nodeType: NodeType, config: Record<string, unknown>, names: SummaryNames): string[] {
  const parsed = parseConfig(nodeType, config);
  if (!parsed.ok) return [];
  return (nodeType.acdGroupReferences?.(parsed.config as never) ?? [])
    .map((reference) => reference.acdGroupId)
    .filter((acdGroupId) => names.acdGroupName(acdGroupId) === undefined);
}

/** A port in words, e.g. in a trace: how the canvas names it. */
export function portLabelOf(nodeType: NodeType, config: Record<string, unknown>, port: string, language: Language) {
  return portViews(nodeType, config, language).find((view) => view.id === port)?.label ?? port;
}
