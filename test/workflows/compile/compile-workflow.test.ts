import { describe, expect, it } from 'vitest';
import { compileWorkflow, exampleWorkflows } from '../../../workflows/index';
import { aGraph, GROUP_A, routeTo } from '../fixtures';

describe('compileWorkflow', () => {
  const examples = exampleWorkflows();

  it.each([
    ['keyword-routing', examples.keywordRouting],
    ['business-hours', examples.businessHours],
    ['crm-vip-lookup', examples.crmVipLookup],
  ])('compiles %s to the machine config in its snapshot file', async (name, graph) => {
    await expect(`${JSON.stringify(compileWorkflow(graph), null, 2)}\n`).toMatchFileSnapshot(
      `./__snapshots__/${name}.machine.json`,
    );
  });

  it('produces plain JSON data that only names its implementations', () => {
    for (const graph of Object.values(examples)) {
      const compiled = compileWorkflow(graph);
      expect(JSON.parse(JSON.stringify(compiled))).toEqual(compiled);
    }
  });

  it('makes one state per node plus the failure state, starting at the start node', () => {
    const compiled = compileWorkflow(examples.keywordRouting);
    expect(compiled.initial).toBe('start');
    expect(Object.keys(compiled.states)).toEqual([...examples.keywordRouting.nodes.map((node) => node.id), '$failed']);
  });

  it('turns decisions into guarded transitions, one per connected port, then a failure', () => {
    expect(compileWorkflow(examples.businessHours).states['hours']!.always).toEqual([
      { guard: { type: 'portIs', params: { port: 'open' } }, target: 'route-day' },
      { guard: { type: 'portIs', params: { port: 'closed' } }, target: 'route-after-hours' },
      { target: '$failed', actions: [{ type: 'failUnrouted', params: { nodeId: 'hours' } }] },
    ]);
  });

  it('turns effects into invoked actors whose result picks the port', () => {
    const crm = compileWorkflow(examples.crmVipLookup).states['crm']!;
    expect(crm.invoke).toMatchObject({
      src: 'http_request',
      input: { nodeId: 'crm' },
      onDone: [
        { guard: { type: 'resultPortIs', params: { port: 'success' } }, target: 'tier' },
        { guard: { type: 'resultPortIs', params: { port: 'error' } }, target: 'route-standard' },
        { target: '$failed' },
      ],
      onError: [{ target: '$failed' }],
    });
  });

  it('turns terminal nodes into final states with their config applied', () => {
    expect(compileWorkflow(examples.keywordRouting).states['drop-opt-out']).toEqual({
      type: 'final',
      entry: [{ type: 'drop', params: { nodeId: 'drop-opt-out', config: { reason: 'Opt-out keyword' } } }],
    });
  });

  it('still compiles a broken draft, failing the run where it breaks', () => {
    const compiled = compileWorkflow(
      aGraph(
        [
          ['start', 'start'],
          ['mystery', 'send_fax'],
          ['route', 'route_to_acd_group', { priority: 99 }],
        ],
        [['start', 'next', 'mystery']],
      ),
    );
    expect(compiled.states['mystery']).toEqual({
      always: [
        {
          target: '$failed',
          actions: [
            {
              type: 'fail',
              params: {
                nodeId: 'mystery',
                nodeType: 'send_fax',
                reason: 'Node "mystery" has the unknown type "send_fax"',
              },
            },
          ],
        },
      ],
    });
    expect(compiled.states['route']!.always![0]!.actions![0]!.params!['reason']).toMatch(
      /invalid config \(acdGroupId: /,
    );
    expect(compileWorkflow(aGraph([['r', 'route_to_acd_group', routeTo(GROUP_A)]], []))).toMatchObject({
      initial: '$failed',
      entry: [{ type: 'init' }, { type: 'fail', params: { reason: 'The workflow has no start node' } }],
    });
  });
});
