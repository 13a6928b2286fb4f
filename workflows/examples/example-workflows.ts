import type { Localized } from '../../i18n/languages';
import { migrateDefinition } from '../graph/migrate-definition';
import type { WorkflowGraph } from '../graph/workflow-graph';
import businessHours from './business-hours.json' with { type: 'json' };
import crmVipLookup from './crm-vip-lookup.json' with { type: 'json' };
import keywordRouting from './keyword-routing.json' with { type: 'json' };
import menu from './menu.json' with { type: 'json' };
import outOfHoursAutoReply from './out-of-hours-auto-reply.json' with { type: 'json' };

/**
 * Every example, in the order the "new routing application" dialog offers them as templates, with
 * what it is called there. Adding an example means adding its file here; tests, the editor's
 * templates and the compiler snapshots pick it up.
 */
const EXAMPLES = {
  keywordRouting: {
    definition: keywordRouting,
    name: { en: 'Keyword routing', de: 'Routing nach Stichwort' },
    description: {
      en: 'STOP and similar words are dropped, texts starting with SALES go to sales, all others to support.',
      de: 'STOP und ähnliche Wörter werden verworfen, Texte, die mit SALES beginnen, gehen an den Vertrieb, alle anderen an den Support.',
    },
  },
  businessHours: {
    definition: businessHours,
    name: { en: 'Business hours', de: 'Geschäftszeiten' },
    description: {
      en: 'Mon–Fri 08:00–18:00 (Europe/Berlin) to the day group, otherwise and on holidays to the after-hours group.',
      de: 'Mo–Fr 08:00–18:00 (Europe/Berlin) an die Tagesgruppe, sonst und an Feiertagen an die Gruppe außerhalb der Geschäftszeiten.',
    },
  },
  crmVipLookup: {
    definition: crmVipLookup,
    name: { en: 'CRM VIP lookup', de: 'VIP-Abfrage im CRM' },
    description: {
      en: 'Asks a CRM for the sender; VIP customers go to the VIP group, everyone else (or on an error) to the standard group.',
      de: 'Fragt ein CRM nach dem Absender; VIP-Kunden gehen an die VIP-Gruppe, alle anderen (oder bei einem Fehler) an die Standardgruppe.',
    },
  },
  outOfHoursAutoReply: {
    definition: outOfHoursAutoReply,
    name: { en: 'Out-of-hours auto-reply', de: 'Automatische Antwort außerhalb der Geschäftszeiten' },
    description: {
      en: 'Outside Mon–Fri 08:00–18:00 the sender gets "We are closed, we answer from 8:00." and the SMS goes to the after-hours group; during opening hours to the day group.',
      de: 'Außerhalb von Mo–Fr 08:00–18:00 bekommt der Absender „We are closed, we answer from 8:00.“ und die SMS geht an die Gruppe außerhalb der Geschäftszeiten; während der Öffnungszeiten an die Tagesgruppe.',
    },
  },
  menu: {
    definition: menu,
    name: { en: 'Menu: reply 1 or 2', de: 'Menü: Antwort 1 oder 2' },
    description: {
      en: 'Asks "Reply 1 for billing, 2 for support" and waits 15 minutes: 1 goes to billing, 2 to support, any other reply or no reply to the general group.',
      de: 'Fragt „Reply 1 for billing, 2 for support“ und wartet 15 Minuten: 1 geht an die Buchhaltung, 2 an den Support, jede andere Antwort oder keine Antwort an die allgemeine Gruppe.',
    },
  },
} as const satisfies Record<string, { definition: unknown; name: Localized; description: Localized }>;

export type ExampleId = keyof typeof EXAMPLES;
export const EXAMPLE_IDS = Object.keys(EXAMPLES) as ExampleId[];

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
export function exampleWorkflows(): Record<ExampleId, WorkflowGraph> {
  return Object.fromEntries(
    EXAMPLE_IDS.map((id) => [id, migrateDefinition(structuredClone(EXAMPLES[id].definition))]),
  ) as Record<ExampleId, WorkflowGraph>;
}

/** An example as the "new routing application" dialog offers it. */
export interface WorkflowTemplate {
  id: ExampleId;
  name: Localized;
  description: Localized;
}

export const WORKFLOW_TEMPLATES: readonly WorkflowTemplate[] = EXAMPLE_IDS.map((id) => ({
  id,
  name: EXAMPLES[id].name,
  description: EXAMPLES[id].description,
}));

/**
 * An example as a new application's draft: its nodes that route to (or read) a placeholder group
 * have no group, so the validator marks each one for the admin to choose the client's group.
 */
export function templateGraph(id: ExampleId): WorkflowGraph {
  const placeholders = new Set<string>(Object.values(EXAMPLE_ACD_GROUP_IDS));
  const graph = exampleWorkflows()[id];
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      const acdGroupId = node.config['acdGroupId'];
      if (typeof acdGroupId !== 'string' || !placeholders.has(acdGroupId)) return node;
      return { ...node, config: { ...node.config, acdGroupId: '' } };
    }),
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
