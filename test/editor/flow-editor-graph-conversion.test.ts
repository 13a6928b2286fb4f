import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, type WorkflowGraph } from '../../workflows';
import { flowToGraph, graphKey, graphToFlow } from '../../editor/src/routing/flow-editor/store/flow-graph';

const graph: WorkflowGraph = {
  schemaVersion: CURRENT_SCHEMA_VERSION,
  nodes: [
    { id: 'start_1', type: 'start', position: { x: 0, y: 0 }, config: {} },
    { id: 'drop_1', type: 'drop', label: 'Opt-out', position: { x: 320, y: 16 }, config: { reason: 'STOP' } },
  ],
  edges: [{ id: 'e1', source: 'start_1', sourcePort: 'next', target: 'drop_1' }],
};

describe('graph ↔ flow conversion', () => {
  it('turns ports into source handles and labels into node data, and back', () => {
    const flow = graphToFlow(graph);
    expect(flow.edges).toEqual([{ id: 'e1', source: 'start_1', sourceHandle: 'next', target: 'drop_1' }]);
    expect(flow.nodes[1]).toMatchObject({
      id: 'drop_1',
      type: 'drop',
      data: { label: 'Opt-out', config: { reason: 'STOP' } },
    });
    expect(flowToGraph(flow.nodes, flow.edges)).toEqual(graph);
  });

  it('lets the start node be deleted from the canvas like any other node', () => {
    expect(graphToFlow(graph).nodes.map((node) => node.deletable)).toEqual([true, undefined]);
  });

  it('stores whole-pixel positions and no empty label', () => {
    const flow = graphToFlow(graph);
    const moved = flow.nodes.map((node) => ({
      ...node,
      position: { x: node.position.x + 0.4, y: 10.6 },
      data: { ...node.data, label: '' },
    }));
    const stored = flowToGraph(moved, flow.edges);
    expect(stored.nodes.map((node) => node.position)).toEqual([
      { x: 0, y: 11 },
      { x: 320, y: 11 },
    ]);
    expect(stored.nodes.some((node) => 'label' in node)).toBe(false);
  });

  it('keys graphs by their nodes and edges', () => {
    expect(graphKey(structuredClone(graph))).toBe(graphKey(graph));
    expect(graphKey({ ...graph, edges: [] })).not.toBe(graphKey(graph));
  });
});
