import { describe, expect, it } from 'vitest';
import { changesBesidesPositions, CURRENT_SCHEMA_VERSION, diffGraphs, type WorkflowGraph } from '../../../workflows';

const before: WorkflowGraph = {
  schemaVersion: CURRENT_SCHEMA_VERSION,
  nodes: [
    { id: 'start', type: 'start', position: { x: 0, y: 0 }, config: {} },
    { id: 'switch', type: 'switch', position: { x: 300, y: 0 }, config: { value: 'sms.text', cases: [] } },
    { id: 'vip', type: 'drop', position: { x: 600, y: 0 }, config: { reason: 'VIP' } },
    { id: 'old', type: 'drop', position: { x: 600, y: 200 }, config: { reason: 'Old' } },
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'next', target: 'switch' },
    { id: 'e2', source: 'switch', sourcePort: 'default', target: 'old' },
    { id: 'e3', source: 'switch', sourcePort: 'vip', target: 'vip' },
  ],
};

describe('diffGraphs', () => {
  it('finds nothing between a graph and itself, nor in key order or edge ids', () => {
    const same = structuredClone(before);
    same.nodes[1]!.config = { cases: [], value: 'sms.text' };
    same.edges[0]!.id = 'renamed';
    const diff = diffGraphs(before, same);
    expect(diff).toEqual({
      nodes: { added: [], removed: [], changed: [] },
      edges: { added: [], removed: [], retargeted: [] },
    });
    expect(changesBesidesPositions(diff)).toBe(false);
  });

  it('tells nodes added, removed and changed (and how), and edges added, removed and retargeted', () => {
    const after: WorkflowGraph = {
      ...before,
      nodes: [
        before.nodes[0]!,
        { ...before.nodes[1]!, config: { value: 'sms.firstWord', cases: [] }, label: 'Keyword?' },
        { ...before.nodes[2]!, position: { x: 640, y: 0 } },
        { id: 'new', type: 'drop', position: { x: 600, y: 400 }, config: { reason: 'New' } },
      ],
      edges: [
        before.edges[0]!,
        { id: 'x', source: 'switch', sourcePort: 'default', target: 'new' },
        { id: 'y', source: 'new', sourcePort: 'next', target: 'vip' },
      ],
    };
    const diff = diffGraphs(before, after);
    expect(diff.nodes).toEqual({
      added: ['new'],
      removed: ['old'],
      changed: [
        { id: 'switch', changes: ['config', 'label'] },
        { id: 'vip', changes: ['position'] },
      ],
    });
    expect(diff.edges).toEqual({
      added: [{ source: 'new', port: 'next', target: 'vip' }],
      removed: [{ source: 'switch', port: 'vip', target: 'vip' }],
      retargeted: [{ source: 'switch', port: 'default', before: 'old', after: 'new' }],
    });
    expect(changesBesidesPositions(diff)).toBe(true);
  });

  it('counts a move alone as a change of position only', () => {
    const moved = structuredClone(before);
    moved.nodes[3]!.position = { x: 0, y: 900 };
    const diff = diffGraphs(before, moved);
    expect(diff.nodes.changed).toEqual([{ id: 'old', changes: ['position'] }]);
    expect(changesBesidesPositions(diff)).toBe(false);
  });
});
