import { describe, expect, it } from 'vitest';
import { copyOfSelection, PASTE_OFFSET, pasteOf } from '../../editor/src/routing/flow-editor/store/clipboard';
import type { FlowEdge, FlowNode } from '../../editor/src/routing/flow-editor/store/flow-graph';

const node = (id: string, type: string, selected: boolean): FlowNode => ({
  id,
  type,
  position: { x: 100, y: 200 },
  data: { config: { reason: id } },
  selected,
});
const nodes = [node('switch_1', 'switch', true), node('drop_1', 'drop', true), node('drop_2', 'drop', false)];
const edges: FlowEdge[] = [
  { id: 'e1', source: 'switch_1', sourceHandle: 'default', target: 'drop_1' },
  { id: 'e2', source: 'switch_1', sourceHandle: 'help', target: 'drop_2' },
];

describe('the editor clipboard', () => {
  it('copies the selected nodes with only the edges between them', () => {
    const copy = copyOfSelection(nodes, edges)!;
    expect(copy.nodes.map((copied) => copied.id)).toEqual(['switch_1', 'drop_1']);
    expect(copy.edges.map((edge) => edge.id)).toEqual(['e1']);
    expect(
      copyOfSelection(
        nodes.map((each) => ({ ...each, selected: false })),
        edges,
      ),
    ).toBeUndefined();
  });

  it('pastes under fresh ids with the edges renamed, offset and selected', () => {
    const copy = copyOfSelection(nodes, edges)!;
    const { pasted } = pasteOf(copy, new Set(nodes.map((each) => each.id)));
    expect(pasted.nodes.map((each) => [each.id, each.selected, each.position])).toEqual([
      ['switch_2', true, { x: 100 + PASTE_OFFSET, y: 200 + PASTE_OFFSET }],
      ['drop_3', true, { x: 100 + PASTE_OFFSET, y: 200 + PASTE_OFFSET }],
    ]);
    expect(pasted.nodes[1]!.data.config).toEqual({ reason: 'drop_1' });
    expect(pasted.edges).toEqual([
      { id: 'switch_2.default-drop_3', source: 'switch_2', sourceHandle: 'default', target: 'drop_3' },
    ]);
  });

  it('lands the next paste a little further along', () => {
    const first = pasteOf(copyOfSelection(nodes, edges)!, new Set());
    const second = pasteOf(first.clipboard, new Set());
    expect(second.pasted.nodes[0]!.position).toEqual({ x: 100 + 2 * PASTE_OFFSET, y: 200 + 2 * PASTE_OFFSET });
  });
});
