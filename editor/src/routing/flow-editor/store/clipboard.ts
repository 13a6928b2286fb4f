import type { FlowSnapshot, FlowEdge, FlowNode } from './flow-graph';
import { edgeIdFor, uniqueNodeId } from './graph-edits';

/** How far a pasted copy lands from the one before it. */
export const PASTE_OFFSET = 40;

/** The selected nodes with the edges between them, or undefined when nothing is selected. */
export function copyOfSelection(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): FlowSnapshot | undefined {
  const selected = nodes.filter((node) => node.selected);
  if (selected.length === 0) return undefined;
  const ids = new Set(selected.map((node) => node.id));
  return {
    nodes: structuredClone(selected),
    edges: structuredClone(edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target))),
  };
}

const shifted = (position: { x: number; y: number }) => ({
  x: position.x + PASTE_OFFSET,
  y: position.y + PASTE_OFFSET,
});

/**
 * The clipboard as new nodes (fresh ids, selected, a little offset) and their edges, and the
 * clipboard to keep, moved along so that the next paste lands a little further.
 */
export function pasteOf(
  clipboard: FlowSnapshot,
  takenIds: ReadonlySet<string>,
): { pasted: FlowSnapshot; clipboard: FlowSnapshot } {
  const taken = new Set(takenIds);
  const renamed = new Map<string, string>();
  const nodes = clipboard.nodes.map((node) => {
    const id = uniqueNodeId(node.type ?? 'node', taken);
    taken.add(id);
    renamed.set(node.id, id);
    return { ...structuredClone(node), id, selected: true, position: shifted(node.position) };
  });
  const edges = clipboard.edges.map((edge) => {
    const source = renamed.get(edge.source)!;
    const target = renamed.get(edge.target)!;
    return {
      id: edgeIdFor(source, edge.sourceHandle ?? '', target),
      source,
      sourceHandle: edge.sourceHandle ?? null,
      target,
    };
  });
  return {
    pasted: { nodes, edges },
    clipboard: {
      nodes: clipboard.nodes.map((node) => ({ ...node, position: shifted(node.position) })),
      edges: clipboard.edges,
    },
  };
}
