import { describe, expect, it } from 'vitest';
import {
  exampleWorkflows,
  EXAMPLE_ACD_GROUP_IDS,
  PROBLEM_CODES,
  validateWorkflow,
  type ProblemCode,
  type WorkflowGraph,
} from '../../../workflows/index';
import { aGraph, anHttpRetryLoop, GROUP_A, GROUP_B, routeTo } from '../fixtures';

/** Every code a test below was answered with, so the last one can tell a code no test reports. */
const reported = new Set<ProblemCode>();
const validate: typeof validateWorkflow = (graph, context) => {
  const problems = validateWorkflow(graph, context);
  for (const problem of problems) reported.add(problem.code);
  return problems;
};

const knownGroups = { acdGroupIds: new Set([GROUP_A, GROUP_B]) };
const problemsOf = (graph: WorkflowGraph) => validate(graph, knownGroups);
const codesOf = (graph: WorkflowGraph) => problemsOf(graph).map((problem) => problem.code);

/** start → hours (open → day, closed → night): a valid graph to break one way at a time. */
const valid = () =>
  aGraph(
    [
      ['start', 'start'],
      ['hours', 'business_hours'],
      ['day', 'route_to_acd_group', routeTo(GROUP_A)],
      ['night', 'route_to_acd_group', routeTo(GROUP_B)],
    ],
    [
      ['start', 'next', 'hours'],
      ['hours', 'open', 'day'],
      ['hours', 'closed', 'night'],
    ],
  );

describe('validateWorkflow', () => {
  it('finds nothing wrong with a complete graph or with the examples', () => {
    expect(problemsOf(valid())).toEqual([]);
    const exampleGroups = { acdGroupIds: new Set<string>(Object.values(EXAMPLE_ACD_GROUP_IDS)) };
    for (const graph of Object.values(exampleWorkflows())) expect(validate(graph, exampleGroups)).toEqual([]);
  });

  it('reports a missing start node', () => {
    const graph = valid();
    graph.nodes = graph.nodes.filter((node) => node.id !== 'start');
    graph.edges = graph.edges.filter((edge) => edge.source !== 'start');
    expect(problemsOf(graph)).toEqual([
      { code: 'start_missing', message: 'The workflow has no start node; add one where SMS come in.' },
    ]);
  });

  it('reports every start node after the first', () => {
    const graph = valid();
    graph.nodes.push({ id: 'start2', type: 'start', position: { x: 0, y: 0 }, config: {} });
    graph.edges.push({ id: 'e', source: 'start2', sourcePort: 'next', target: 'hours' });
    expect(problemsOf(graph)).toEqual([
      {
        code: 'start_multiple',
        nodeId: 'start2',
        message: 'Start "start2" is a second start node; a workflow has exactly one.',
      },
    ]);
  });

  it('reports a node id used twice', () => {
    const graph = valid();
    graph.nodes.push({ ...graph.nodes[3]!, position: { x: 9, y: 9 } });
    expect(problemsOf(graph)).toContainEqual({
      code: 'node_id_duplicate',
      nodeId: 'night',
      message: 'Two nodes have the id "night"; every node needs its own id.',
    });
  });

  it('reports an unknown node type', () => {
    const graph = valid();
    graph.nodes[3]!.type = 'send_fax';
    expect(problemsOf(graph)).toEqual([
      {
        code: 'node_type_unknown',
        nodeId: 'night',
        message: 'Node "night" has the type "send_fax", which this Switchboard does not know.',
      },
    ]);
  });

  it('reports an invalid config with the field it concerns', () => {
    const graph = valid();
    graph.nodes[1]!.label = 'Office hours';
    graph.nodes[1]!.config = { timeZone: 'Berlin/Mitte' };
    expect(problemsOf(graph)).toEqual([
      {
        code: 'config_invalid',
        nodeId: 'hours',
        field: 'timeZone',
        message: '"Office hours": Time zone: Choose an IANA time zone such as Europe/Berlin.',
      },
    ]);
  });

  it('reports a regular expression the linear engine cannot run on its node and field, saying why', () => {
    const graph = aGraph(
      [
        ['start', 'start'],
        ['vip', 'switch', { cases: [{ id: 'vip', operator: 'regex', value: '^(?!test)' }] }],
        ['a', 'route_to_acd_group', routeTo(GROUP_A)],
      ],
      [
        ['start', 'next', 'vip'],
        ['vip', 'vip', 'a'],
        ['vip', 'default', 'a'],
      ],
    );
    expect(problemsOf(graph)).toEqual([
      {
        code: 'config_invalid',
        nodeId: 'vip',
        field: 'cases.0.value',
        message:
          'Switch "vip": Case 1 › Value: Negative lookahead (?!…) is not supported: regular expressions use RE2 ' +
          'syntax, which matches in linear time and has no lookaround.',
      },
    ]);
  });

  it('reports an ACD group the client does not have', () => {
    const graph = valid();
    graph.nodes[2]!.config = routeTo('33333333-3333-4333-8333-333333333333');
    expect(problemsOf(graph)).toEqual([
      {
        code: 'acd_group_unknown',
        nodeId: 'day',
        field: 'acdGroupId',
        message:
          'Route to ACD group "day": ACD group: the group chosen (33333333…) no longer exists or belongs to another client; choose another.',
      },
    ]);
  });

  it('accepts a lookup function for the client’s groups', () => {
    expect(validate(valid(), { acdGroupIds: (id) => id === GROUP_A })).toMatchObject([
      { code: 'acd_group_unknown', nodeId: 'night' },
    ]);
  });

  it('reports a node that cannot be reached from the start', () => {
    const graph = valid();
    graph.nodes.push({ id: 'orphan', type: 'drop', position: { x: 0, y: 0 }, config: {} });
    expect(problemsOf(graph)).toEqual([
      { code: 'node_unreachable', nodeId: 'orphan', message: 'Drop "orphan" cannot be reached from the start node.' },
    ]);
  });

  it('reports an output port without an edge', () => {
    const graph = valid();
    graph.edges = graph.edges.filter((edge) => edge.sourcePort !== 'closed');
    expect(problemsOf(graph)).toEqual([
      {
        code: 'port_unconnected',
        nodeId: 'hours',
        port: 'closed',
        message: 'Port "closed" of Business hours "hours" leads nowhere; connect it to a node.',
      },
      {
        code: 'node_unreachable',
        nodeId: 'night',
        message: 'Route to ACD group "night" cannot be reached from the start node.',
      },
    ]);
  });

  it('says the same in German when asked, naming nodes and fields in German', () => {
    const graph = valid();
    graph.edges = graph.edges.filter((edge) => edge.sourcePort !== 'closed');
    graph.nodes.push({ id: 'orphan', type: 'drop', position: { x: 0, y: 0 }, config: { reason: '' } });
    const german = validate(graph, { ...knownGroups, language: 'de' });
    expect(german.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^Verwerfen „orphan“: Grund: /),
      'Port „closed“ von Geschäftszeiten „hours“ führt nirgendwohin; verbinden Sie ihn mit einem Knoten.',
      'An ACD-Gruppe routen „night“ ist vom Startknoten aus nicht erreichbar.',
      'Verwerfen „orphan“ ist vom Startknoten aus nicht erreichbar.',
    ]);
    // The codes and places are the same as in English: only the sentences differ.
    const english = problemsOf(graph);
    expect(german.map(({ message: _, ...rest }) => rest)).toEqual(english.map(({ message: _, ...rest }) => rest));
  });

  it('reports a port with more than one edge', () => {
    const graph = valid();
    graph.edges.push({ id: 'again', source: 'hours', sourcePort: 'open', target: 'night' });
    expect(problemsOf(graph)).toEqual([
      {
        code: 'port_multiple_edges',
        nodeId: 'hours',
        edgeId: 'again',
        port: 'open',
        message: 'Port "open" of Business hours "hours" has 2 edges; a port leads to one node.',
      },
    ]);
  });

  it('reports an edge id used twice', () => {
    const graph = valid();
    graph.edges[2]!.id = graph.edges[1]!.id;
    expect(codesOf(graph)).toEqual(['edge_id_duplicate']);
  });

  it('reports edges from or to nodes that do not exist', () => {
    const graph = valid();
    graph.edges.push({ id: 'from-ghost', source: 'ghost', sourcePort: 'next', target: 'day' });
    graph.edges[2]!.target = 'nowhere';
    expect(problemsOf(graph)).toEqual([
      {
        code: 'edge_target_missing',
        edgeId: 'hours.closed',
        message: 'Edge "hours.closed" leads to node "nowhere", which does not exist.',
      },
      {
        code: 'edge_source_missing',
        edgeId: 'from-ghost',
        message: 'Edge "from-ghost" starts at node "ghost", which does not exist.',
      },
      expect.objectContaining({ code: 'node_unreachable', nodeId: 'night' }),
    ]);
  });

  it('reports an edge from a port the node does not have, or from a terminal node', () => {
    const graph = valid();
    graph.edges.push({ id: 'maybe', source: 'hours', sourcePort: 'maybe', target: 'day' });
    graph.edges.push({ id: 'after-end', source: 'day', sourcePort: 'next', target: 'night' });
    expect(problemsOf(graph)).toEqual([
      {
        code: 'edge_port_unknown',
        edgeId: 'maybe',
        nodeId: 'hours',
        port: 'maybe',
        message:
          'Edge "maybe" leaves Business hours "hours" by port "maybe", which it does not have (it has open, closed).',
      },
      {
        code: 'edge_port_unknown',
        edgeId: 'after-end',
        nodeId: 'day',
        port: 'next',
        message: 'Edge "after-end" leaves Route to ACD group "day", which ends the run and has no ports.',
      },
    ]);
  });

  it('reports an edge into the start node', () => {
    const graph = aGraph(
      [
        ['start', 'start'],
        ['split', 'percentage_split'],
        ['end', 'drop'],
      ],
      [
        ['start', 'next', 'split'],
        ['split', 'a', 'start'],
        ['split', 'b', 'end'],
      ],
    );
    expect(problemsOf(graph)).toEqual([
      {
        code: 'edge_into_start',
        edgeId: 'split.a',
        nodeId: 'start',
        message: 'Edge "split.a" leads into the start node; runs only begin there.',
      },
    ]);
  });

  it('reports a loop, since no node type waits yet', () => {
    const graph = aGraph(
      [
        ['start', 'start'],
        ['count', 'set_variables', { assignments: [{ name: 'n', value: '{{vars.n}}1' }] }],
        ['enough', 'switch', { value: 'vars.n', cases: [{ id: 'yes', operator: 'equals', value: '111' }] }],
        ['end', 'drop'],
      ],
      [
        ['start', 'next', 'count'],
        ['count', 'next', 'enough'],
        ['enough', 'yes', 'end'],
        ['enough', 'default', 'count'],
      ],
    );
    expect(problemsOf(graph)).toEqual([
      {
        code: 'cycle_without_wait',
        nodeId: 'count',
        message:
          'Set variables "count", Switch "enough" form a loop with no waiting node; a run would go round until its step limit.',
      },
    ]);
  });

  it('reports a node that leads to itself as a loop', () => {
    expect(codesOf(anHttpRetryLoop())).toEqual(['cycle_without_wait']);
  });

  it('has a test above for every problem code', () => {
    expect([...PROBLEM_CODES].sort()).toEqual([...reported].sort());
  });
});
