import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from './workflow-graph';

/** What differs in a node that is in both graphs (same id). */
export type NodeChange = 'type' | 'config' | 'label' | 'position';

/** An edge as the diff tells it: the port it leaves and the node it goes to (edge ids do not matter). */
export interface EdgeEnds {
  source: string;
  port: string;
  target: string;
}

/**
 * How `after` differs from `before`: nodes (by id) added, removed or changed, and edges (by the
 * port they leave) added, removed or now leading elsewhere. Moving a node is a change of its own
 * (`position`), so a list can leave it out; each list is sorted by id or port for a stable answer.
 */
export interface GraphDiff {
  nodes: {
    added: string[];
    removed: string[];
    changed: { id: string; changes: NodeChange[] }[];
  };
  edges: {
    added: EdgeEnds[];
    removed: EdgeEnds[];
    /** The same port, another target. */
    retargeted: { source: string; port: string; before: string; after: string }[];
  };
}

export function diffGraphs(before: WorkflowGraph, after: WorkflowGraph): GraphDiff {
  const old = new Map(before.nodes.map((node) => [node.id, node]));
  const now = new Map(after.nodes.map((node) => [node.id, node]));
  const byId = (a: string, b: string) => a.localeCompare(b);
  const changed = after.nodes
    .flatMap((node) => {
      const was = old.get(node.id);
      const changes = was === undefined ? [] : changesOf(was, node);
      return changes.length > 0 ? [{ id: node.id, changes }] : [];
    })
    .sort((a, b) => byId(a.id, b.id));

  const oldEdges = edgesByPort(before.edges);
  const newEdges = edgesByPort(after.edges);
  const added: EdgeEnds[] = [];
  const removed: EdgeEnds[] = [];
  const retargeted: GraphDiff['edges']['retargeted'] = [];
  for (const [key, edge] of newEdges) {
    const was = oldEdges.get(key);
    if (was === undefined) added.push(edge);
    else if (was.target !== edge.target)
      retargeted.push({ source: edge.source, port: edge.port, before: was.target, after: edge.target });
  }
  for (const [key, edge] of oldEdges) if (!newEdges.has(key)) removed.push(edge);
  const byPort = (a: { source: string; port: string }, b: { source: string; port: string }) =>
    byId(`${a.source}\0${a.port}`, `${b.source}\0${b.port}`);

  return {
    nodes: {
      added: [...now.keys()].filter((id) => !old.has(id)).sort(byId),
      removed: [...old.keys()].filter((id) => !now.has(id)).sort(byId),
      changed,
    },
    edges: { added: added.sort(byPort), removed: removed.sort(byPort), retargeted: retargeted.sort(byPort) },
  };
}

/** Whether the diff finds anything but moved nodes. */
export function changesBesidesPositions(diff: GraphDiff): boolean {
  return (
    diff.nodes.added.length + diff.nodes.removed.length > 0 ||
    diff.nodes.changed.some((node) => node.changes.some((change) => change !== 'position')) ||
    diff.edges.added.length + diff.edges.removed.length + diff.edges.retargeted.length > 0
  );
}

function changesOf(before: WorkflowNode, after: WorkflowNode): NodeChange[] {
  const changes: NodeChange[] = [];
  if (before.type !== after.type) changes.push('type');
  if (canonicalJson(before.config) !== canonicalJson(after.config)) changes.push('config');
  if ((before.label ?? '') !== (after.label ?? '')) changes.push('label');
  if (before.position.x !== after.position.x || before.position.y !== after.position.y) changes.push('position');
  return changes;
}

/** A port has one edge; should a graph have two, the first one counts. */
function edgesByPort(edges: readonly WorkflowEdge[]): Map<string, EdgeEnds> {
  const map = new Map<string, EdgeEnds>();
  for (const edge of edges) {
    const key = `${edge.source}\0${edge.sourcePort}`;
    if (!map.has(key)) map.set(key, { source: edge.source, port: edge.sourcePort, target: edge.target });
  }
  return map;
}

/** JSON with object keys sorted, so that key order is no change. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}
