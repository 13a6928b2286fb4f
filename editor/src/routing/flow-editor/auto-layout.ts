import type { ELK } from 'elkjs/lib/elk-api';
import type { FlowEdge, FlowNode } from './editor-store';

let elk: Promise<ELK> | undefined;

// The layout engine is big; it is fetched the first time someone asks for a layout.
function layoutEngine(): Promise<ELK> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((module) => new module.default());
  return elk;
}

/** Left-to-right layered layout, ports in their drawn order, so edges rarely cross. */
export async function layoutPositions(
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
): Promise<Record<string, { x: number; y: number }>> {
  const graph = await (
    await layoutEngine()
  ).layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: nodes.map((node) => ({
      id: node.id,
      width: node.measured?.width ?? 240,
      height: node.measured?.height ?? 100,
    })),
    edges: edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  });
  const positions: Record<string, { x: number; y: number }> = {};
  for (const child of graph.children ?? []) {
    positions[child.id] = { x: Math.round((child.x ?? 0) / 16) * 16, y: Math.round((child.y ?? 0) / 16) * 16 };
  }
  return positions;
}
