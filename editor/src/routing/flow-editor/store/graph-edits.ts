import { START_NODE_TYPE } from '../../../../../workflows';
import type { FlowEdge, FlowNode } from './flow-graph';

/** The first free id made of the type and a counter, e.g. `switch_2`. */
export function uniqueNodeId(type: string, taken: ReadonlySet<string>): string {
  const base = type.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 50);
  for (let n = 1; ; n += 1) {
    const id = `${base}_${n}`;
    if (!taken.has(id)) return id;
  }
}

export const edgeIdFor = (source: string, port: string, target: string) => `${source}.${port}-${target}`.slice(0, 200);

export interface Connection {
  source: string | null;
  sourceHandle?: string | null;
  target: string | null;
}

/**
 * An edge may leave a port for another node that is not the start node. A port has one edge: a
 * connection from a port that has one replaces it (see `connectReplacing`), unless it is that edge.
 */
export function canConnect(connection: Connection, nodes: readonly FlowNode[], edges: readonly FlowEdge[]): boolean {
  if (!connection.source || !connection.target || !connection.sourceHandle) return false;
  if (connection.source === connection.target) return false;
  const target = nodes.find((node) => node.id === connection.target);
  if (!target || target.type === START_NODE_TYPE) return false;
  return (
    edges.find((edge) => edge.source === connection.source && edge.sourceHandle === connection.sourceHandle)?.target !==
    connection.target
  );
}

/** An edge replaced by a new one from the same port: what the editor tells the admin. */
export interface ReplacedEdge {
  source: string;
  port: string;
  /** The node the old edge went to. */
  before: string;
  /** The node the new edge goes to. */
  after: string;
}

/** The edges with one from `source`'s `port` to `target`, instead of the one the port had, if any. */
export function connectReplacing(
  edges: readonly FlowEdge[],
  source: string,
  port: string,
  target: string,
): { edges: FlowEdge[]; replaced?: ReplacedEdge } {
  const old = edges.find((edge) => edge.source === source && edge.sourceHandle === port);
  const edge: FlowEdge = { id: edgeIdFor(source, port, target), source, sourceHandle: port, target };
  const rest = edges.filter((candidate) => candidate !== old && candidate.id !== edge.id);
  return {
    edges: [...rest, edge],
    replaced: old && { source, port, before: old.target, after: target },
  };
}

/** Changes that only move or select things do not need a new validation. */
export const isCosmetic = (change: { type: string }) =>
  change.type === 'select' || change.type === 'dimensions' || change.type === 'position';

/** When a case or branch id is edited, its edge follows; edges of ports that are gone are removed. */
export function followRenamedPorts(
  edges: FlowEdge[],
  nodeId: string,
  before: readonly string[],
  after: readonly string[],
): FlowEdge[] {
  if (before.join('\0') === after.join('\0')) return edges;
  const renames = new Map<string, string>();
  if (before.length === after.length) {
    before.forEach((port, index) => {
      if (port !== after[index] && !after.includes(port)) renames.set(port, after[index]!);
    });
  }
  const existing = new Set(after);
  return edges.flatMap((edge) => {
    if (edge.source !== nodeId || !edge.sourceHandle) return [edge];
    const renamed = renames.get(edge.sourceHandle);
    if (renamed) return [{ ...edge, sourceHandle: renamed }];
    return existing.has(edge.sourceHandle) ? [edge] : [];
  });
}

/** The nodes and edges left when the selected ones, and the edges of removed nodes, are gone. */
export function withoutSelected(nodes: readonly FlowNode[], edges: readonly FlowEdge[]) {
  const nodeIds = new Set(nodes.filter((node) => node.selected).map((node) => node.id));
  const edgeIds = new Set(edges.filter((edge) => edge.selected).map((edge) => edge.id));
  if (nodeIds.size === 0 && edgeIds.size === 0) return undefined;
  return {
    nodes: nodes.filter((node) => !nodeIds.has(node.id)),
    edges: edges.filter((edge) => !edgeIds.has(edge.id) && !nodeIds.has(edge.source) && !nodeIds.has(edge.target)),
  };
}
