import { CURRENT_SCHEMA_VERSION, WorkflowGraph } from './workflow-graph';
import { sentence } from '../../i18n/sentence';
import { definitionIssue, InvalidDefinitionError } from './invalid-definition-error';

type RawDefinition = Record<string, unknown>;

/**
 * `upgrades[n]` turns a version-n definition into version n+1. Each step is small, pure and
 * frozen in time: it never imports today's schema, because it must keep reading yesterday's data.
 * Version 0 is a draft saved before `schemaVersion` existed; it has the shape of version 1.
 */
const upgrades: Record<number, (definition: RawDefinition) => RawDefinition> = {
  0: (definition) => ({ ...definition, schemaVersion: 1 }),
};

/** Reads any stored or uploaded definition and answers the current graph, or throws `InvalidDefinitionError`. */
export function migrateDefinition(raw: unknown): WorkflowGraph {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InvalidDefinitionError([definitionIssue('', sentence('workflowProblem.definition.notAnObject'))]);
  }
  let definition = raw as RawDefinition;
  let version = versionOf(definition);
  while (version < CURRENT_SCHEMA_VERSION) {
    const upgrade = upgrades[version];
    if (upgrade === undefined) {
      throw new InvalidDefinitionError([
        definitionIssue('schemaVersion', sentence('workflowProblem.definition.cannotUpgrade', { version })),
      ]);
    }
    definition = upgrade(definition);
    version += 1;
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    const current = CURRENT_SCHEMA_VERSION;
    throw new InvalidDefinitionError([
      definitionIssue('schemaVersion', sentence('workflowProblem.definition.tooNew', { version, current })),
    ]);
  }
  const parsed = WorkflowGraph.safeParse(definition);
  if (!parsed.success) throw InvalidDefinitionError.fromZod(parsed.error);
  return parsed.data;
}

function versionOf(definition: RawDefinition): number {
  const version = definition['schemaVersion'];
  if (version === undefined) return 0;
  if (typeof version === 'number' && Number.isInteger(version) && version >= 1) return version;
  throw new InvalidDefinitionError([
    definitionIssue('schemaVersion', sentence('workflowProblem.definition.badVersion')),
  ]);
}
