import { START_NODE_TYPE } from '../catalog/node-type-catalog';
import { describeNode, resolveNode, type ResolvedNode } from '../graph/resolve-node';
import type { WorkflowGraph } from '../graph/workflow-graph';
import type { NodeType } from '../node-types/define-node-type';
import {
  FAILED_STATE,
  IMPLEMENTATION,
  MACHINE_ID,
  type CompiledWorkflow,
  type NamedRef,
  type NodeParams,
  type StateConfig,
  type TransitionConfig,
  WAKE_EVENT,
} from './compiled-workflow';

/**
 * One state per node: decisions leave by guarded eventless transitions, effects by the result
 * of an invoked promise actor, terminal nodes are final states. A graph with problems still
 * compiles (a draft can be simulated); a broken node becomes a state that fails the run.
 */
export function compileWorkflow(graph: WorkflowGraph): CompiledWorkflow {
  const targets = portTargets(graph);
  const states: Record<string, StateConfig> = {};
  for (const node of graph.nodes) {
    // A duplicate id is a validation problem; the first node of that id is the one that runs.
    states[node.id] ??= compileNode(resolveNode(node), targets.get(node.id) ?? new Map());
  }
  states[FAILED_STATE] = { type: 'final' };

  const start = graph.nodes.find((node) => node.type === START_NODE_TYPE);
  const entry: NamedRef[] = [{ type: IMPLEMENTATION.init }];
  if (start === undefined) {
    entry.push({ type: IMPLEMENTATION.fail, params: { reason: 'The workflow has no start node' } });
  }
  return { id: MACHINE_ID, entry, initial: start?.id ?? FAILED_STATE, states };
}

/** node id → port → target node id, keeping the first edge of a port and only edges to existing nodes. */
function portTargets(graph: WorkflowGraph): Map<string, Map<string, string>> {
  const nodeIds = new Set(graph.nodes.map((node) => node.id));
  const targets = new Map<string, Map<string, string>>();
  for (const edge of graph.edges) {
    if (!nodeIds.has(edge.target)) continue;
    let byPort = targets.get(edge.source);
    if (byPort === undefined) targets.set(edge.source, (byPort = new Map()));
    if (!byPort.has(edge.sourcePort)) byPort.set(edge.sourcePort, edge.target);
  }
  return targets;
}

function compileNode(resolved: ResolvedNode, targets: ReadonlyMap<string, string>): StateConfig {
  const { node } = resolved;
  if (resolved.status === 'unknown_type') {
    return failingState(node.id, node.type, `Node "${node.id}" has the unknown type "${node.type}"`);
  }
  if (resolved.status === 'invalid_config') {
    const issue = resolved.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : ` (${issue.path.join('.')}: ${issue.message})`;
    return failingState(node.id, node.type, `${describeNode(node)} has an invalid config${where}`);
  }
  const params: NodeParams = { nodeId: node.id, config: resolved.config };
  switch (resolved.nodeType.kind) {
    case 'decision':
      return decisionState(resolved.nodeType, params, resolved.ports, targets);
    case 'effect':
      return effectState(resolved.nodeType, params, resolved.ports, targets);
    case 'wait':
      return waitState(resolved.nodeType, params, resolved.ports, targets);
    case 'terminal':
      return { type: 'final', entry: [{ type: resolved.nodeType.type, params }] };
  }
}

/**
 * A paused state: entering it records until when the run waits (the runner stops there and hands
 * out the persisted snapshot); the wake event chooses the port, and the eventless transitions
 * leave by it. While the run waits no port is set, so none of them is taken.
 */
function waitState(
  nodeType: NodeType,
  params: NodeParams,
  ports: readonly string[],
  targets: ReadonlyMap<string, string>,
): StateConfig {
  const step = { nodeId: params.nodeId, nodeType: nodeType.type, config: params.config };
  return {
    entry: [{ type: IMPLEMENTATION.enterWait, params: step }],
    always: [
      { guard: { type: IMPLEMENTATION.hasFailed }, target: FAILED_STATE },
      ...routes(params.nodeId, ports, targets, (port) => ({ type: IMPLEMENTATION.portIs, params: { port } })),
      {
        guard: { type: IMPLEMENTATION.hasWoken },
        target: FAILED_STATE,
        actions: [{ type: IMPLEMENTATION.failUnrouted, params: { nodeId: params.nodeId } }],
      },
    ],
    on: { [WAKE_EVENT]: [{ actions: [{ type: IMPLEMENTATION.wake, params: step }] }] },
  };
}

function decisionState(
  nodeType: NodeType,
  params: NodeParams,
  ports: readonly string[],
  targets: ReadonlyMap<string, string>,
): StateConfig {
  return {
    entry: [{ type: nodeType.type, params }],
    always: [
      ...routes(params.nodeId, ports, targets, (port) => ({ type: IMPLEMENTATION.portIs, params: { port } })),
      { target: FAILED_STATE, actions: [{ type: IMPLEMENTATION.failUnrouted, params: { nodeId: params.nodeId } }] },
    ],
  };
}

function effectState(
  nodeType: NodeType,
  params: NodeParams,
  ports: readonly string[],
  targets: ReadonlyMap<string, string>,
): StateConfig {
  const record: NamedRef = {
    type: IMPLEMENTATION.recordEffect,
    params: { nodeId: params.nodeId, nodeType: nodeType.type },
  };
  return {
    entry: [{ type: IMPLEMENTATION.enterEffect, params: { nodeId: params.nodeId, nodeType: nodeType.type } }],
    // Taken at once when entering used up the step limit, which also stops the invoke before it starts.
    always: [{ guard: { type: IMPLEMENTATION.hasFailed }, target: FAILED_STATE }],
    invoke: {
      id: params.nodeId,
      src: nodeType.type,
      input: params,
      onDone: [
        ...routes(params.nodeId, ports, targets, (port) => ({
          type: IMPLEMENTATION.resultPortIs,
          params: { port },
        })).map((transition) => ({ ...transition, actions: [record] })),
        {
          target: FAILED_STATE,
          actions: [record, { type: IMPLEMENTATION.failUnrouted, params: { nodeId: params.nodeId } }],
        },
      ],
      onError: [
        {
          target: FAILED_STATE,
          actions: [
            { type: IMPLEMENTATION.recordEffectError, params: { nodeId: params.nodeId, nodeType: nodeType.type } },
          ],
        },
      ],
    },
  };
}

/** One guarded transition per connected port; an unconnected port falls through to the failure. */
function routes(
  nodeId: string,
  ports: readonly string[],
  targets: ReadonlyMap<string, string>,
  guardFor: (port: string) => NamedRef,
): TransitionConfig[] {
  return ports.flatMap((port): TransitionConfig[] => {
    const target = targets.get(port);
    if (target === undefined) return [];
    return target === nodeId ? [{ guard: guardFor(port), target, reenter: true }] : [{ guard: guardFor(port), target }];
  });
}

function failingState(nodeId: string, nodeType: string, reason: string): StateConfig {
  return {
    always: [{ target: FAILED_STATE, actions: [{ type: IMPLEMENTATION.fail, params: { nodeId, nodeType, reason } }] }],
  };
}
