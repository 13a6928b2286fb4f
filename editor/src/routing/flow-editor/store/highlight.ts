import type { TraceStep } from '../../../../../workflows';
import type { FlowEdge } from './flow-graph';

/** The path of a simulation or a real run: visited nodes with the port each left by, taken edges. */
export interface Highlight {
  nodes: Record<string, { order: number[]; ports: string[]; error?: string }>;
  edges: Record<string, true>;
}

/** Builds the highlight of a run from its trace. */
export function highlightOf(trace: readonly TraceStep[], edges: readonly FlowEdge[]): Highlight {
  const highlight: Highlight = { nodes: {}, edges: {} };
  trace.forEach((step, index) => {
    const entry = (highlight.nodes[step.nodeId] ??= { order: [], ports: [] });
    entry.order.push(index + 1);
    if (step.port) entry.ports.push(step.port);
    if (step.error) entry.error = step.error;
    const next = trace[index + 1];
    if (step.port) {
      const edge = edges.find(
        (candidate) =>
          candidate.source === step.nodeId &&
          candidate.sourceHandle === step.port &&
          (!next || candidate.target === next.nodeId),
      );
      if (edge) highlight.edges[edge.id] = true;
    }
  });
  return highlight;
}
