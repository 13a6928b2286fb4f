import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, type WorkflowGraph } from '../../workflows';
import { createEditorStore, highlightOf } from '../../editor/src/routing/flow-editor/editor-store';

const GROUP = '0196a0b0-0000-7000-8000-000000000001';

function graph(): WorkflowGraph {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 'start_1', type: 'start', position: { x: 0, y: 0 }, config: {} },
      {
        id: 'switch_1',
        type: 'switch',
        position: { x: 300, y: 0 },
        config: {
          value: 'sms.text',
          caseInsensitive: true,
          cases: [{ id: 'help', label: '', operator: 'equals', value: 'HELP' }],
        },
      },
      {
        id: 'route_1',
        type: 'route_to_acd_group',
        position: { x: 600, y: 0 },
        config: { acdGroupId: GROUP, subject: 'Help', priority: 5 },
      },
      { id: 'drop_1', type: 'drop', position: { x: 600, y: 200 }, config: { reason: 'Not for us' } },
    ],
    edges: [
      { id: 'e1', source: 'start_1', sourcePort: 'next', target: 'switch_1' },
      { id: 'e2', source: 'switch_1', sourcePort: 'help', target: 'route_1' },
      { id: 'e3', source: 'switch_1', sourcePort: 'default', target: 'drop_1' },
    ],
  };
}

const connection = (source: string, sourceHandle: string, target: string) => ({
  source,
  sourceHandle,
  target,
  targetHandle: null,
});

describe('the editor store', () => {
  it('round-trips a graph and validates it with the shared validator', () => {
    const store = createEditorStore(graph(), { acdGroupIds: new Set([GROUP]) });
    expect(store.getState().toGraph()).toEqual(graph());
    expect(store.getState().problems).toEqual([]);
    store.getState().setAcdGroupIds(new Set());
    expect(store.getState().problemsByNode.route_1?.map((problem) => problem.code)).toEqual(['acd_group_unknown']);
  });

  it('tells its problems in the UI language, and again when the language changes', () => {
    const store = createEditorStore(graph(), { language: 'de' });
    expect(store.getState().problemsByNode.route_1?.map((problem) => problem.message)).toEqual([
      `An ACD-Gruppe routen „route_1“: ACD-Gruppe: Die gewählte Gruppe (${GROUP.slice(0, 8)}…) gibt es nicht mehr oder sie gehört einem anderen Mandanten; wählen Sie eine andere.`,
    ]);
    store.getState().setLanguage('en');
    expect(store.getState().problemsByNode.route_1?.map((problem) => problem.message)).toEqual([
      `Route to ACD group "route_1": ACD group: the group chosen (${GROUP.slice(0, 8)}…) no longer exists or belongs to another client; choose another.`,
    ]);
  });

  it('refuses connections into the start node, to the node itself, and the edge a port already has', () => {
    const store = createEditorStore(graph());
    const { isValidConnection } = store.getState();
    expect(isValidConnection(connection('switch_1', 'default', 'start_1'))).toBe(false);
    expect(isValidConnection(connection('switch_1', 'nowhere', 'switch_1'))).toBe(false);
    expect(isValidConnection(connection('switch_1', 'help', 'route_1'))).toBe(false);
    // Another target for a used port is allowed: it replaces the port's edge.
    expect(isValidConnection(connection('switch_1', 'help', 'drop_1'))).toBe(true);
    store.getState().onEdgesChange([{ type: 'remove', id: 'e3' }]);
    expect(isValidConnection(connection('switch_1', 'default', 'drop_1'))).toBe(true);
  });

  it('replaces the edge of a used port, says which, and undo brings the old edge back', () => {
    const store = createEditorStore(graph());
    store.getState().onConnect(connection('switch_1', 'help', 'drop_1'));
    const fromHelp = () =>
      store.getState().edges.filter((edge) => edge.source === 'switch_1' && edge.sourceHandle === 'help');
    expect(fromHelp().map((edge) => edge.target)).toEqual(['drop_1']);
    expect(store.getState().replacedEdge).toEqual({
      source: 'switch_1',
      port: 'help',
      before: 'route_1',
      after: 'drop_1',
    });
    expect(store.getState().edges).toHaveLength(3);
    store.getState().undo();
    expect(fromHelp()).toEqual([expect.objectContaining({ id: 'e2', target: 'route_1' })]);
    expect(store.getState().replacedEdge).toBeNull();
    expect(store.getState().toGraph()).toEqual(graph());
    // A connection from a free port replaces nothing.
    store.getState().onEdgesChange([{ type: 'remove', id: 'e3' }]);
    store.getState().onConnect(connection('switch_1', 'default', 'route_1'));
    expect(store.getState().replacedEdge).toBeNull();
  });

  it('adds a node connected from the port a connection was dropped from, in one undo step', () => {
    const store = createEditorStore(graph());
    const id = store
      .getState()
      .addNode('drop', { x: 900, y: 0 }, { reason: 'x' }, { source: 'switch_1', port: 'help' });
    expect(
      store
        .getState()
        .edges.filter((edge) => edge.sourceHandle === 'help')
        .map((edge) => edge.target),
    ).toEqual([id]);
    expect(store.getState().replacedEdge).toMatchObject({ before: 'route_1', after: id });
    store.getState().undo();
    expect(store.getState().toGraph()).toEqual(graph());
  });

  it('adds nodes with their defaults and unique ids, and flags what is missing', () => {
    const store = createEditorStore(graph(), { acdGroupIds: new Set([GROUP]) });
    const id = store.getState().addNode('route_to_acd_group', { x: 0, y: 400 });
    expect(id).toBe('route_to_acd_group_1');
    const node = store.getState().nodes.find((candidate) => candidate.id === id)!;
    expect(node.data.config).toEqual({ acdGroupId: '', subject: 'SMS from {{sms.sender}}', priority: 5 });
    const codes = store
      .getState()
      .problemsByNode[id]!.map((problem) => problem.code)
      .sort();
    expect(codes).toEqual(['config_invalid', 'node_unreachable']);
  });

  it('moves the edge of a case whose id is renamed, and drops the edge of a removed case', () => {
    const store = createEditorStore(graph(), { acdGroupIds: new Set([GROUP]) });
    const config = store.getState().nodes.find((node) => node.id === 'switch_1')!.data.config;
    const cases = config.cases as { id: string }[];
    store.getState().updateNode('switch_1', { config: { ...config, cases: [{ ...cases[0], id: 'support' }] } });
    expect(
      store
        .getState()
        .toGraph()
        .edges.find((edge) => edge.id === 'e2')!.sourcePort,
    ).toBe('support');
    store.getState().updateNode('switch_1', { config: { ...config, cases: [] } });
    expect(
      store
        .getState()
        .toGraph()
        .edges.map((edge) => edge.id),
    ).toEqual(['e1', 'e3']);
  });

  it('undoes and redoes, and copies and pastes with new ids', () => {
    const store = createEditorStore(graph(), { acdGroupIds: new Set([GROUP]) });
    store.getState().select('drop_1');
    store.getState().copySelected();
    store.getState().paste();
    expect(store.getState().nodes.map((node) => node.id)).toContain('drop_2');
    store.getState().deleteSelected();
    expect(store.getState().nodes).toHaveLength(4);
    store.getState().undo();
    expect(store.getState().nodes).toHaveLength(5);
    store.getState().undo();
    expect(store.getState().toGraph()).toEqual(graph());
    store.getState().redo();
    expect(store.getState().nodes).toHaveLength(5);
  });

  it('draws a trace: visited nodes with their ports, and the edges taken', () => {
    const store = createEditorStore(graph());
    const highlight = highlightOf(
      [
        { nodeId: 'start_1', type: 'start', port: 'next', at: '2026-01-01T00:00:00.000Z' },
        { nodeId: 'switch_1', type: 'switch', port: 'help', at: '2026-01-01T00:00:00.000Z' },
        { nodeId: 'route_1', type: 'route_to_acd_group', at: '2026-01-01T00:00:00.000Z' },
      ],
      store.getState().edges,
    );
    expect(Object.keys(highlight.nodes)).toEqual(['start_1', 'switch_1', 'route_1']);
    expect(highlight.nodes.switch_1!.ports).toEqual(['help']);
    expect(Object.keys(highlight.edges).sort()).toEqual(['e1', 'e2']);
  });

  it('keeps a read-only graph unchanged', () => {
    const store = createEditorStore(graph(), { readOnly: true });
    store.getState().onNodesChange([{ type: 'remove', id: 'drop_1' }]);
    store.getState().onConnect(connection('route_1', 'x', 'drop_1'));
    store.getState().updateNode('drop_1', { label: 'Nope' });
    expect(store.getState().toGraph()).toEqual(graph());
  });
});
