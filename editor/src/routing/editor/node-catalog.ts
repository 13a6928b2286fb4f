import {
  Ban,
  CircleHelp,
  Clock,
  Globe,
  Mail,
  Headset,
  Percent,
  Play,
  Split,
  Users,
  Variable,
  type LucideIcon,
} from 'lucide-react';
import {
  findNodeType,
  nodeTypesAsData,
  portsOf,
  type NodeCategory,
  type NodeType,
  type NodeTypeData,
} from '../../../../workflows';

/** The catalog as data (defaults, JSON Schema of each config), computed once from the shared core. */
export const nodeTypesData: readonly NodeTypeData[] = nodeTypesAsData();
const dataByType = new Map(nodeTypesData.map((data) => [data.type, data]));

export function nodeTypeData(type: string): NodeTypeData | undefined {
  return dataByType.get(type);
}

const ICONS: Record<string, LucideIcon> = {
  play: Play,
  split: Split,
  clock: Clock,
  percent: Percent,
  variable: Variable,
  globe: Globe,
  mail: Mail,
  users: Users,
  headset: Headset,
  ban: Ban,
};

export function iconOf(name: string | undefined): LucideIcon {
  return (name && ICONS[name]) || CircleHelp;
}

export const CATEGORY_LABELS: Record<NodeCategory, string> = {
  trigger: 'Trigger',
  logic: 'Logic',
  data: 'Data',
  integration: 'Integration',
  routing: 'Routing',
};

/** Mantine colour names per category: calm, distinguishable, readable as text. */
export const CATEGORY_COLORS: Record<NodeCategory, string> = {
  trigger: 'teal',
  logic: 'violet',
  data: 'cyan',
  integration: 'orange',
  routing: 'blue',
};

export function defaultConfigOf(type: string): Record<string, unknown> {
  return structuredClone(nodeTypeData(type)?.defaults ?? {});
}

type Parsed = { ok: true; config: unknown } | { ok: false; issues: { path: PropertyKey[]; message: string }[] };

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
 * The ports a node has now. A half-filled config (a case without a value yet) still has its
 * ports, so edges stay put while the admin types.
 */
export function portsFor(type: string, config: Record<string, unknown>): string[] {
  const nodeType = findNodeType(type);
  if (!nodeType) return [];
  const parsed = parseConfig(nodeType, config);
  if (parsed.ok) return portsOf(nodeType, parsed.config);
  if (nodeType.kind === 'terminal') return [];
  if (typeof nodeType.ports !== 'function') return [...nodeType.ports];
  try {
    return portsOf(nodeType, { ...(nodeTypeData(type)?.defaults ?? {}), ...config }).filter(
      (port) => typeof port === 'string' && port !== '',
    );
  } catch {
    return nodeTypeData(type)?.ports ?? [];
  }
}

/** The one line under the node's title. */
export function summaryOf(type: string, config: Record<string, unknown>): string {
  const nodeType = findNodeType(type);
  if (!nodeType) return `Unknown node type “${type}”`;
  const parsed = parseConfig(nodeType, config);
  if (!parsed.ok) return 'Incomplete — see the inspector';
  try {
    return nodeType.summarize(parsed.config as never);
  } catch {
    return '';
  }
}

/** How a port is named on the node: a case's or branch's own label when it has one. */
export function portLabel(type: string, config: Record<string, unknown>, port: string): string {
  const items = (type === 'switch' ? config.cases : type === 'percentage_split' ? config.branches : undefined) as
    { id?: string; label?: string; value?: string; percent?: number }[] | undefined;
  const item = Array.isArray(items) ? items.find((candidate) => candidate?.id === port) : undefined;
  if (item) {
    const label = item.label?.trim() || item.value || port;
    return type === 'percentage_split' && typeof item.percent === 'number' ? `${label} · ${item.percent}%` : label;
  }
  return port;
}
