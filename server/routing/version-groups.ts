import { acdGroupReferencesIn, describeNode, migrateDefinition, type NodeAcdGroupReference } from '../../workflows';
import type { Language } from '../../i18n/languages';

/**
 * The ACD groups a stored version's nodes name that `groups` (the client's) no longer has; a
 * stored graph that cannot be read any more names none (nothing could run it either).
 */
export function missingAcdGroupsOf(graph: unknown, groups: ReadonlySet<string>): NodeAcdGroupReference[] {
  try {
    return acdGroupReferencesIn(migrateDefinition(graph)).filter((reference) => !groups.has(reference.acdGroupId));
  } catch {
    return [];
  }
}

/** The nodes of a version that name a missing group, as messages name nodes ("Route to ACD group "sales""). */
export function nodesNamingMissingGroups(
  graph: unknown,
  missing: readonly NodeAcdGroupReference[],
  language: Language,
): string {
  const nodes = migrateDefinition(graph).nodes;
  const ids = new Set(missing.map((reference) => reference.nodeId));
  return nodes
    .filter((node) => ids.has(node.id))
    .map((node) => describeNode(node, language))
    .join(', ');
}
