import { CURRENT_SCHEMA_VERSION, WorkflowGraph } from './workflow-graph';
import { InvalidDefinitionError } from './invalid-definition-error';

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
    throw new InvalidDefinitionError([{ field: '', message: 'A workflow definition is a JSON object' }]);
  }
  let definition = raw as RawDefinition;
  let version = versionOf(definition);
  while (version < CURRENT_SCHEMA_VERSION) {
    const upgrade = upgrades[version];
    if (upgrade === undefined) {
      throw new InvalidDefinitionError([{ field: 'schemaVersion', message: `Version ${version} cannot be upgraded` }]);
    }
    definition = upgrade(definition);
    version += 1;
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    throw new InvalidDefinitionError([
      {
        field: 'schemaVersion',
        message: `Version ${version} was written by a newer Switchboard; this one reads up to ${CURRENT_SCHEMA_VERSION}`,
      },
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
  throw new InvalidDefinitionError([{ field: 'schemaVersion', message: 'schemaVersion is a whole number from 1' }]);
}
