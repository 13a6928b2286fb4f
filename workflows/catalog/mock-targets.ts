import { acdGroupStatusNode } from './acd-group-status';
import { httpRequestNode } from './http-request';
import { drawForBranch, percentageSplitNode } from './percentage-split';

/** A node as the graph holds it, enough to tell what a simulation's fake answers can answer. */
interface NodeOfGraph {
  id: string;
  type: string;
  config: Record<string, unknown>;
}

/**
 * What a simulation's fake answers (`SimulationMocks`) can answer in a graph: its HTTP requests
 * (by node id), the ACD groups whose status a node reads, and its splits with their branches. The
 * test panel's small forms are drawn from it, so the editor names no node type.
 */
export interface MockTargets {
  httpNodeIds: string[];
  acdGroupIds: string[];
  /** Each split's branches with their share (`drawForBranch` turns one into a draw). */
  splits: { nodeId: string; shares: { id: string; percent: number }[] }[];
}

export function mockTargetsOf(nodes: readonly NodeOfGraph[]): MockTargets {
  const targets: MockTargets = { httpNodeIds: [], acdGroupIds: [], splits: [] };
  for (const node of nodes) {
    if (node.type === httpRequestNode.type) targets.httpNodeIds.push(node.id);
    if (node.type === acdGroupStatusNode.type) {
      const parsed = acdGroupStatusNode.config.safeParse(node.config);
      if (parsed.success && !targets.acdGroupIds.includes(parsed.data.acdGroupId))
        targets.acdGroupIds.push(parsed.data.acdGroupId);
    }
    if (node.type === percentageSplitNode.type) {
      const parsed = percentageSplitNode.config.safeParse(node.config);
      if (parsed.success) targets.splits.push({ nodeId: node.id, shares: parsed.data.branches });
    }
  }
  return targets;
}

/** The branch of a split a draw takes (as the split runs it), and the draw `drawForBranch` gives it back as. */
export function branchOfDraw(
  branches: readonly { id: string; percent: number }[],
  draw: number,
): { branchId: string; sameDraw: boolean } | undefined {
  let upTo = 0;
  for (const item of branches) {
    upTo += item.percent;
    if (draw * 100 < upTo) return { branchId: item.id, sameDraw: drawForBranch(branches, item.id) === draw };
  }
  return undefined;
}
