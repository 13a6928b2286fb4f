import { migrateDefinition } from '../graph/migrate-definition';
import type { WorkflowGraph } from '../graph/workflow-graph';
import businessHours from './business-hours.json' with { type: 'json' };
import crmVipLookup from './crm-vip-lookup.json' with { type: 'json' };
import keywordRouting from './keyword-routing.json' with { type: 'json' };
import menu from './menu.json' with { type: 'json' };

/** The ACD group ids the examples route to: placeholders that tests map to real groups. */
export const EXAMPLE_ACD_GROUP_IDS = {
  sales: '00000000-0000-4000-8000-000000000001',
  support: '00000000-0000-4000-8000-000000000002',
  day: '00000000-0000-4000-8000-000000000003',
  afterHours: '00000000-0000-4000-8000-000000000004',
  vip: '00000000-0000-4000-8000-000000000005',
  standard: '00000000-0000-4000-8000-000000000006',
  billing: '00000000-0000-4000-8000-000000000007',
  general: '00000000-0000-4000-8000-000000000008',
} as const;

export const EXAMPLE_CRM_URL = 'https://crm.example.com/api/customers';

/** Fresh copies each call, read through `migrateDefinition` like any stored definition. */
export function exampleWorkflows(): Record<
  'keywordRouting' | 'businessHours' | 'crmVipLookup' | 'menu',
  WorkflowGraph
> {
  return {
    keywordRouting: migrateDefinition(structuredClone(keywordRouting)),
    businessHours: migrateDefinition(structuredClone(businessHours)),
    crmVipLookup: migrateDefinition(structuredClone(crmVipLookup)),
    menu: migrateDefinition(structuredClone(menu)),
  };
}

/**
 * Puts real group ids in place of the placeholders, e.g. `{ [EXAMPLE_ACD_GROUP_IDS.sales]: salesGroup.id }`,
 * for tests that store an example for a real client.
 */
export function withAcdGroups(graph: WorkflowGraph, groupIds: Readonly<Record<string, string>>): WorkflowGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      const acdGroupId = node.config['acdGroupId'];
      if (typeof acdGroupId !== 'string' || groupIds[acdGroupId] === undefined) return node;
      return { ...node, config: { ...node.config, acdGroupId: groupIds[acdGroupId] } };
    }),
  };
}
