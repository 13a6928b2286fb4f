import type { NodeParams } from '../compile/compiled-workflow';
import type {
  DecisionNodeType,
  StepResult,
  TerminalNodeType,
  WaitNodeType,
  WaitWake,
} from '../node-types/define-node-type';
import type { RunContext } from './run-context';
import { errorMessage, traceStep } from './trace-step';

/** What one step changes in the run's context; XState's assign merges it. */
export type ContextUpdate = Partial<RunContext>;

/** A decision node: runs it, counts the step, records it, and sets the port its transitions are guarded on. */
export function decide(nodeType: DecisionNodeType, context: RunContext, { nodeId, config }: NodeParams): ContextUpdate {
  const at = context.scope.clock();
  const limited = limitReached(context, nodeId, nodeType.type, at);
  if (limited !== undefined) return limited;
  try {
    const result = nodeType.run(
      { nodeId, sms: context.sms, vars: context.vars, at, random: context.scope.random },
      config,
    );
    return { steps: context.steps + 1, ...takePort(context, nodeId, nodeType.type, at, result) };
  } catch (error) {
    return failStep(context, nodeId, nodeType.type, at, errorMessage(error));
  }
}

/** A terminal node: records it and keeps the outcome. */
export function finish(nodeType: TerminalNodeType, context: RunContext, { nodeId, config }: NodeParams): ContextUpdate {
  const at = context.scope.clock();
  const limited = limitReached(context, nodeId, nodeType.type, at);
  if (limited !== undefined) return limited;
  try {
    const outcome = nodeType.run({ nodeId, sms: context.sms, vars: context.vars, at }, config);
    return { steps: context.steps + 1, outcome, trace: [...context.trace, traceStep(nodeId, nodeType.type, at)] };
  } catch (error) {
    return failStep(context, nodeId, nodeType.type, at, errorMessage(error));
  }
}

/** A wait node is entered: the step counts, and the run pauses until `timeoutMs` from now. */
export function enterWait(nodeType: WaitNodeType, context: RunContext, { nodeId, config }: NodeParams): ContextUpdate {
  const at = context.scope.clock();
  const limited = limitReached(context, nodeId, nodeType.type, at);
  if (limited !== undefined) return limited;
  try {
    const until = new Date(at + nodeType.timeoutMs(config)).toISOString();
    return {
      steps: context.steps + 1,
      port: undefined,
      waiting: { nodeId, nodeType: nodeType.type, since: new Date(at).toISOString(), until },
      trace: [...context.trace, traceStep(nodeId, nodeType.type, at)],
    };
  } catch (error) {
    return failStep(context, nodeId, nodeType.type, at, errorMessage(error));
  }
}

/** The wait ends (a reply, the timeout): the node chooses its port, recorded as a second step of the node. */
export function wake(
  nodeType: WaitNodeType,
  context: RunContext,
  { nodeId, config }: NodeParams,
  how: WaitWake,
): ContextUpdate {
  if (context.waiting?.nodeId !== nodeId) return {};
  const at = context.scope.clock();
  try {
    const result = nodeType.resume({ nodeId, sms: context.sms, vars: context.vars, at }, config, how);
    return { waiting: undefined, ...takePort(context, nodeId, nodeType.type, at, result) };
  } catch (error) {
    return { waiting: undefined, ...failStep(context, nodeId, nodeType.type, at, errorMessage(error)) };
  }
}

/** The port chosen, the variables set, and the step in the trace. */
export function takePort(
  context: RunContext,
  nodeId: string,
  type: string,
  at: number,
  result: StepResult,
): ContextUpdate {
  return {
    port: result.port,
    vars: result.vars === undefined ? context.vars : { ...context.vars, ...result.vars },
    trace: [...context.trace, traceStep(nodeId, type, at, result)],
  };
}

/** A failure once the run has entered as many nodes as it may, or used up its time; nothing otherwise. */
export function limitReached(context: RunContext, nodeId: string, type: string, at: number): ContextUpdate | undefined {
  const { stepLimit, deadline, wallClock } = context.scope;
  if (context.steps >= stepLimit)
    return failStep(context, nodeId, type, at, `The step limit of ${stepLimit} was reached`);
  if (wallClock() > deadline) return failStep(context, nodeId, type, at, budgetUsedUp(context.scope));
  return undefined;
}

export function budgetUsedUp({ timeBudgetMs }: { timeBudgetMs: number }): string {
  return `The run's time budget of ${timeBudgetMs} ms ran out`;
}

/** A step that went wrong: the run fails (keeping the first reason) and the trace says why. */
export function failStep(context: RunContext, nodeId: string, type: string, at: number, error: string): ContextUpdate {
  return {
    port: undefined,
    failure: context.failure ?? `Node "${nodeId}" (${type}) failed: ${error}`,
    trace: [...context.trace, traceStep(nodeId, type, at, { error })],
  };
}

/** The run took a port with no edge (or chose none): it fails, unless it already has. */
export function failUnrouted(context: RunContext, nodeId: string): ContextUpdate {
  if (context.failure !== undefined) return {};
  return {
    failure:
      context.port === undefined
        ? `Node "${nodeId}" chose no port`
        : `Port "${context.port}" of node "${nodeId}" is not connected`,
  };
}

/** A failure known when compiling (no start node, an unknown type, an invalid config). */
export function failCompiled(
  context: RunContext,
  reason: string,
  node: { nodeId: string; nodeType: string } | undefined,
): ContextUpdate {
  const trace =
    node === undefined
      ? context.trace
      : [...context.trace, traceStep(node.nodeId, node.nodeType, context.scope.clock(), { error: reason })];
  return { failure: context.failure ?? reason, trace };
}
