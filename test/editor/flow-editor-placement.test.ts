import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, type WorkflowGraph } from '../../workflows';
import { createEditorStore } from '../../editor/src/routing/flow-editor/editor-store';
import { placeNewNode } from '../../editor/src/routing/flow-editor/store/placement';

function graph(): WorkflowGraph {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 'start_1', type: 'start', position: { x: 0, y: 0 }, config: {} },
      {
        id: 'switch_1',
        type: 'switch',
        position: { x: 320, y: 0 },
        config: { value: 'sms.text', cases: [{ id: 'help', label: '', operator: 'equals', value: 'HELP' }] },
      },
      { id: 'drop_1', type: 'drop', position: { x: 640, y: 0 }, config: { reason: 'Help' } },
    ],
    edges: [
      { id: 'e1', source: 'start_1', sourcePort: 'next', target: 'switch_1' },
      { id: 'e2', source: 'switch_1', sourcePort: 'help', target: 'drop_1' },
    ],
  };
}

const covers = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.abs(a.x - b.x) < 240 && Math.abs(a.y - b.y) < 120;

describe('placing a node added by a click', () => {
  it('goes beside the selected node, clear of the others, connected from its first free port', () => {
    const store = createEditorStore(graph());
    store.getState().select('switch_1');
    const { nodes, edges } = store.getState();
    const placement = placeNewNode('drop', nodes, edges, { x: 0, y: 400 });
    expect(placement.from).toEqual({ source: 'switch_1', port: 'default' });
    expect(placement.position.x).toBeGreaterThan(320 + 200);
    for (const node of nodes) expect(covers(placement.position, node.position)).toBe(false);

    const id = store.getState().addNode('drop', placement.position, { reason: 'Other' }, placement.from);
    expect(store.getState().edges).toContainEqual(
      expect.objectContaining({ source: 'switch_1', sourceHandle: 'default', target: id }),
    );
    // One undo step takes the node and its edge away together.
    store.getState().undo();
    expect(store.getState().nodes.map((node) => node.id)).not.toContain(id);
    expect(store.getState().edges).toHaveLength(2);
  });

  it('goes to free space near the given point when nothing is selected, or the selection has no free port', () => {
    const store = createEditorStore(graph());
    const { nodes, edges } = store.getState();
    const free = placeNewNode('drop', nodes, edges, { x: 320, y: 0 });
    expect(free.from).toBeUndefined();
    for (const node of nodes) expect(covers(free.position, node.position)).toBe(false);

    store.getState().select('start_1'); // its one port is taken
    const state = store.getState();
    expect(placeNewNode('drop', state.nodes, state.edges, { x: 0, y: 0 }).from).toBeUndefined();
    store.getState().select('drop_1'); // ends the run: no port
    const after = store.getState();
    expect(placeNewNode('drop', after.nodes, after.edges, { x: 0, y: 0 }).from).toBeUndefined();
  });
});
