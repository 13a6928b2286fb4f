import { describe, expect, it } from 'vitest';
import {
  createMockServices,
  createWorkflowRunner,
  EXAMPLE_ACD_GROUP_IDS,
  exampleWorkflows,
  templateGraph,
  validateWorkflow,
  withAcdGroups,
  WORKFLOW_TEMPLATES,
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

  it('answers out of hours: closed → "we are closed" to the sender → after-hours group; open → day group', async () => {
    const runner = createWorkflowRunner(exampleWorkflows().outOfHoursAutoReply);
    const at = async (receivedAt: string) => {
      const services = createMockServices();
      const { outcome } = await runner.run(anSms({ receivedAt }), services, { now: new Date(receivedAt) });
      return { outcome, sent: services.sentSms.map(({ to, text }) => ({ to, text })) };
    };
    // Sunday, and Monday 06:00 UTC (07:00 in Berlin): closed.
    for (const closed of ['2026-03-29T10:00:00Z', '2026-03-30T05:59:00Z']) {
      expect(await at(closed)).toEqual({
        outcome: expect.objectContaining({ kind: 'routed', acdGroupId: EXAMPLE_ACD_GROUP_IDS.afterHours }),
        sent: [{ to: anSms().sender, text: 'We are closed, we answer from 8:00.' }],
      });
    }
    expect(await at('2026-03-30T06:00:00Z')).toEqual({
      outcome: expect.objectContaining({ kind: 'routed', acdGroupId: EXAMPLE_ACD_GROUP_IDS.day }),
      sent: [],
    });
    // A refused reply still routes the SMS to the after-hours group.
    const refusing = createMockServices({ sms: { 'auto-reply': { error: 'noSendConnector' } } });
    const { outcome } = await runner.run(anSms({ receivedAt: '2026-03-29T10:00:00Z' }), refusing, {
      now: new Date('2026-03-29T10:00:00Z'),
    });
    expect(outcome).toMatchObject({ acdGroupId: EXAMPLE_ACD_GROUP_IDS.afterHours });
  });

  it('are all offered as templates, each with a name and a description in English and German', () => {
    expect(WORKFLOW_TEMPLATES.map((template) => template.id)).toEqual(Object.keys(exampleWorkflows()));
    expect(WORKFLOW_TEMPLATES.map((template) => template.id)).toContain('outOfHoursAutoReply');
    for (const template of WORKFLOW_TEMPLATES) {
      for (const words of [template.name, template.description]) {
        expect(words.en.length).toBeGreaterThan(0);
        expect(words.de.length).toBeGreaterThan(0);
        expect(words.de).not.toBe(words.en);
      }
    }
  });

  it('as a template leave every group for the admin to choose, and the validator says where', () => {
    for (const template of WORKFLOW_TEMPLATES) {
      const graph = templateGraph(template.id);
      const routed = graph.nodes.filter((node) => node.config['acdGroupId'] !== undefined);
      expect(routed.length).toBeGreaterThan(0);
      expect(routed.every((node) => node.config['acdGroupId'] === '')).toBe(true);
      const problems = validateWorkflow(graph, { acdGroupIds: new Set() });
      expect(new Set(problems.map((problem) => problem.nodeId))).toEqual(new Set(routed.map((node) => node.id)));
      // Filling in the groups is all it takes.
      const filled = {
        ...graph,
        nodes: graph.nodes.map((node) =>
          node.config['acdGroupId'] === '' ? { ...node, config: { ...node.config, acdGroupId: GROUP_A } } : node,
        ),
      };
      expect(validateWorkflow(filled, { acdGroupIds: new Set([GROUP_A]) })).toEqual([]);
    }
  });
});
