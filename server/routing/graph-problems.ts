import type { Kysely } from 'kysely';
import type { Language } from '../../i18n/languages';
import { InvalidDefinitionError, migrateDefinition, validateWorkflow, type WorkflowGraph } from '../../workflows';
import type { Database } from '../db/schema';
import { verbatim } from '../../i18n/sentence';
import { fieldError } from '../http/api-error';

/** The ACD groups of a client: what a graph's group references may name. */
export async function acdGroupIdsOf(db: Kysely<Database>, clientId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('acd_group').select('id').where('client_id', '=', clientId).execute();
  return new Set(rows.map((g) => g.id));
}

/** What keeps a graph of a client's routing application from being published, said in `language`. */
export async function graphProblems(db: Kysely<Database>, clientId: string, graph: WorkflowGraph, language: Language) {
  return validateWorkflow(graph, { acdGroupIds: await acdGroupIdsOf(db, clientId), language });
}

/** A graph from a request, migrated to the current schema; 400 naming `graph.<field>` when it is not one. */
export function parseGraph(raw: unknown): WorkflowGraph {
  try {
    return migrateDefinition(raw);
  } catch (error) {
    if (error instanceof InvalidDefinitionError) {
      const issue = error.issues[0];
      throw fieldError(
        issue?.field ? `graph.${issue.field}` : 'graph',
        issue ? { localized: issue.text } : verbatim(error.message),
      );
    }
    throw error;
  }
}
