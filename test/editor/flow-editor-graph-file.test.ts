import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, type WorkflowGraph } from '../../workflows';
import { exportedText, exportFileName, readGraphFile } from '../../editor/src/routing/flow-editor/workspace/graph-file';

const graph: WorkflowGraph = {
  schemaVersion: CURRENT_SCHEMA_VERSION,
  nodes: [{ id: 'start_1', type: 'start', position: { x: 0, y: 0 }, config: {} }],
  edges: [],
};

describe('graph files', () => {
  it('names an export after the application and the version or the draft', () => {
    expect(exportFileName('Hotline Routing Berlin', 3)).toBe('hotline-routing-berlin-v3.json');
    expect(exportFileName('Hotline', undefined)).toBe('hotline-draft.json');
  });

  it('reads back what it exports', () => {
    expect(readGraphFile(exportedText(graph))).toEqual({ graph });
  });

  it('refuses a file that is not JSON, and JSON that is not a workflow graph, saying why', () => {
    expect(readGraphFile('{ nope')).toEqual({ refused: { kind: 'not-json' } });
    const refused = readGraphFile(JSON.stringify({ nodes: 'none' }));
    expect(refused).toMatchObject({ refused: { kind: 'invalid', message: expect.any(String) } });
  });
});
