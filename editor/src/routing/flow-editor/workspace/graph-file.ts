import { InvalidDefinitionError, migrateDefinition, type WorkflowGraph } from '../../../../../workflows';

/** The file name an exported graph is offered under, e.g. `hotline-routing-v3.json`. */
export function exportFileName(applicationName: string, versionNumber?: number): string {
  const base = applicationName.replace(/[^\w.-]+/g, '-').toLowerCase();
  return `${base}${versionNumber !== undefined ? `-v${versionNumber}` : '-draft'}.json`;
}

export const exportedText = (graph: WorkflowGraph) => `${JSON.stringify(graph, null, 2)}\n`;

/** Why an imported file was refused. */
export type ImportRefusal = { kind: 'not-json' } | { kind: 'invalid'; message: string };

/** A file's text as a graph of the current schema, or why it is not one. */
export function readGraphFile(text: string): { graph: WorkflowGraph } | { refused: ImportRefusal } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { refused: { kind: 'not-json' } };
  }
  try {
    return { graph: migrateDefinition(parsed) };
  } catch (error) {
    if (error instanceof InvalidDefinitionError) return { refused: { kind: 'invalid', message: error.message } };
    return { refused: { kind: 'invalid', message: (error as Error).message } };
  }
}
