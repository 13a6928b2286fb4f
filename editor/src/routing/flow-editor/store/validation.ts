import type { Language } from '../../../../../i18n/languages';
import { validateWorkflow, type Problem } from '../../../../../workflows';
import { flowToGraph, type FlowEdge, type FlowNode } from './flow-graph';

export interface Validation {
  problems: Problem[];
  problemsByNode: Record<string, Problem[]>;
}

/** What the shared validator says of the canvas, in the UI's language, also by node for drawing on each one. */
export function validateFlow(
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  context: { acdGroupIds: ReadonlySet<string>; language: Language },
): Validation {
  const problems = validateWorkflow(flowToGraph(nodes, edges), context);
  const problemsByNode: Record<string, Problem[]> = {};
  for (const problem of problems) if (problem.nodeId) (problemsByNode[problem.nodeId] ??= []).push(problem);
  return { problems, problemsByNode };
}
