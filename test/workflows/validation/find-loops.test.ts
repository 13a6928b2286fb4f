import { describe, expect, it } from 'vitest';
import { findLoops } from '../../../workflows/validation/find-loops';

const graph = (edges: [string, string][]) => {
  const successors = new Map<string, string[]>();
  for (const [from, to] of edges) successors.set(from, [...(successors.get(from) ?? []), to]);
  return successors;
};

describe('findLoops', () => {
  it('finds each loop once, listing its nodes in graph order', () => {
    const loops = findLoops(
      ['a', 'b', 'c', 'd', 'e', 'f'],
      graph([
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'b'],
        ['c', 'd'],
        ['d', 'e'],
        ['e', 'f'],
        ['f', 'd'],
        ['f', 'f'],
      ]),
    );
    expect(loops).toEqual([
      ['d', 'e', 'f'],
      ['b', 'c'],
    ]);
  });

  it('finds a node that leads to itself, and nothing in a tree', () => {
    expect(
      findLoops(
        ['a', 'b'],
        graph([
          ['a', 'b'],
          ['b', 'b'],
        ]),
      ),
    ).toEqual([['b']]);
    expect(
      findLoops(
        ['a', 'b', 'c'],
        graph([
          ['a', 'b'],
          ['a', 'c'],
        ]),
      ),
    ).toEqual([]);
  });

  it('copes with a chain far longer than the call stack would allow', () => {
    const ids = Array.from({ length: 20_000 }, (_, index) => `n${index}`);
    const edges = ids.slice(1).map((id, index): [string, string] => [ids[index]!, id]);
    expect(findLoops(ids, graph([...edges, ['n19999', 'n0']]))).toHaveLength(1);
  });
});
