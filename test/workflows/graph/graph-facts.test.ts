import { describe, expect, it } from 'vitest';
import { acdGroupReferencesIn, sameGraph } from '../../../workflows/index';
import { aGraph } from '../fixtures';

const GROUP = '00000000-0000-4000-8000-0000000000a1';
const OTHER = '00000000-0000-4000-8000-0000000000a2';

describe('graph facts', () => {
  const graph = aGraph(
    [
      ['start', 'start'],
      ['status', 'acd_group_status', { acdGroupId: OTHER }],
      ['route', 'route_to_acd_group', { acdGroupId: GROUP }],
      ['half', 'route_to_acd_group', { acdGroupId: '' }],
    ],
    [['start', 'next', 'status']],
  );

  it('lists the ACD groups its nodes name, by node; an incomplete node names none', () => {
    expect(acdGroupReferencesIn(graph)).toEqual([
      { nodeId: 'status', field: 'acdGroupId', acdGroupId: OTHER },
      { nodeId: 'route', field: 'acdGroupId', acdGroupId: GROUP },
    ]);
  });

  it('tells the same graph whatever the order of its keys, and a moved node as a change', () => {
    const shuffled = {
      edges: graph.edges,
      nodes: graph.nodes.map(({ id, type, position, config }) => ({ config, position, type, id })),
      schemaVersion: 1 as const,
    };
    expect(sameGraph(graph, shuffled)).toBe(true);
    const moved = {
      ...graph,
      nodes: graph.nodes.map((node, i) => (i === 0 ? { ...node, position: { x: 1, y: 1 } } : node)),
    };
    expect(sameGraph(graph, moved)).toBe(false);
  });
});
