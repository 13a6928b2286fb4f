import { describe, expect, it } from 'vitest';
import {
  createWorkflowRunner,
  EXAMPLE_ACD_GROUP_IDS,
  exampleWorkflows,
  validateWorkflow,
  withAcdGroups,
} from '../../../workflows/index';
import { anSms, GROUP_A, GROUP_B, unusedServices } from '../fixtures';

describe('example workflows', () => {
  it('route only to the documented placeholder groups', () => {
    const placeholders = new Set<string>(Object.values(EXAMPLE_ACD_GROUP_IDS));
    const used = Object.values(exampleWorkflows()).flatMap((graph) =>
      graph.nodes.map((node) => node.config['acdGroupId']).filter((id) => id !== undefined),
    );
    expect(used.length).toBeGreaterThan(0);
    expect(used.every((id) => placeholders.has(id as string))).toBe(true);
  });

  it('are fresh copies on every call', () => {
    const first = exampleWorkflows();
    first.keywordRouting.nodes.pop();
    expect(exampleWorkflows().keywordRouting.nodes).toHaveLength(5);
  });

  it('can be pointed at a client’s real groups', async () => {
    const graph = withAcdGroups(exampleWorkflows().keywordRouting, {
      [EXAMPLE_ACD_GROUP_IDS.sales]: GROUP_A,
      [EXAMPLE_ACD_GROUP_IDS.support]: GROUP_B,
    });
    expect(validateWorkflow(graph, { acdGroupIds: new Set([GROUP_A, GROUP_B]) })).toEqual([]);
    const { outcome } = await createWorkflowRunner(graph).run(anSms({ text: 'sales' }), unusedServices());
    expect(outcome).toMatchObject({ kind: 'routed', acdGroupId: GROUP_A });
  });
});
