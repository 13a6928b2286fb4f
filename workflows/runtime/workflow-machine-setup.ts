import {
  assign,
  fromPromise,
  setup,
  type ActionFunction,
  type AnyActorRef,
  type EventObject,
  type ProvidedActor,
} from 'xstate';
import { findNodeType, nodeTypeCatalog } from '../catalog/node-type-catalog';
import { IMPLEMENTATION, type NodeParams } from '../compile/compiled-workflow';
import type { EffectNodeType, NodeType, StepResult, WaitNodeType, WaitWake } from '../node-types/define-node-type';
import { initialContext, type RunContext, type RunInput } from './run-context';
import {
  decide,
  enterWait,
  failCompiled,
  failStep,
  failUnrouted,
  finish,
  limitReached,
  takePort,
  wake,
} from './run-steps';
import { errorMessage } from './trace-step';

type WorkflowEvent = EventObject & { input?: RunInput; output?: unknown; error?: unknown; wake?: WaitWake };

interface StepParams {
  [key: string]: unknown;
  nodeId: string;
  nodeType: string;
}

/**
 * Static invoke input is all a JSON config can carry, so the effect reads the SMS and variables
 * from its parent, whose snapshot is committed before invoked children start.
 */
function effectActor(nodeType: EffectNodeType) {
  return fromPromise<StepResult, NodeParams>(({ input, self }) => {
    const context = (self._parent as AnyActorRef).getSnapshot().context as RunContext;
    return nodeType.run(
      {
        nodeId: input.nodeId,
        sms: context.sms,
        vars: context.vars,
        at: context.scope.clock(),
        services: context.scope.services,
      },
      input.config,
    );
  });
}

type NodeAction = ActionFunction<
  RunContext,
  WorkflowEvent,
  WorkflowEvent,
  NodeParams,
  ProvidedActor,
  never,
  never,
  never,
  never
>;

function nodeTypeActions(): Record<string, NodeAction> {
  const actions: Record<string, NodeAction> = {};
  for (const nodeType of nodeTypeCatalog as readonly NodeType[]) {
    if (nodeType.kind === 'decision') {
      actions[nodeType.type] = assign(({ context }, params: NodeParams) => decide(nodeType, context, params));
    } else if (nodeType.kind === 'terminal') {
      actions[nodeType.type] = assign(({ context }, params: NodeParams) => finish(nodeType, context, params));
    }
  }
  return actions;
}

/** The wait node type a compiled wait state names; the compiler only writes these for wait nodes. */
function waitNodeType(type: string): WaitNodeType {
  const nodeType = findNodeType(type);
  if (nodeType?.kind !== 'wait') throw new Error(`"${type}" is not a node type that waits`);
  return nodeType;
}

function nodeTypeActors(): Record<string, ReturnType<typeof effectActor>> {
  const actors: Record<string, ReturnType<typeof effectActor>> = {};
  for (const nodeType of nodeTypeCatalog as readonly NodeType[]) {
    if (nodeType.kind === 'effect') actors[nodeType.type] = effectActor(nodeType);
  }
  return actors;
}

/**
 * The implementations every compiled workflow names. Built once per process; a runner only
 * adds its compiled config (`createMachine`), and a run only creates an actor.
 */
export const workflowMachineSetup = setup({
  types: {} as { context: RunContext; events: WorkflowEvent; input: RunInput },
  actions: {
    ...nodeTypeActions(),
    [IMPLEMENTATION.init]: assign(({ event }) => initialContext(event.input!)),
    [IMPLEMENTATION.enterEffect]: assign(({ context }, { nodeId, nodeType }: StepParams) => {
      return limitReached(context, nodeId, nodeType, context.scope.clock()) ?? { steps: context.steps + 1 };
    }),
    [IMPLEMENTATION.recordEffect]: assign(({ context, event }, { nodeId, nodeType }: StepParams) => {
      return takePort(context, nodeId, nodeType, context.scope.clock(), event.output as StepResult);
    }),
    [IMPLEMENTATION.recordEffectError]: assign(({ context, event }, { nodeId, nodeType }: StepParams) => {
      return failStep(context, nodeId, nodeType, context.scope.clock(), errorMessage(event.error));
    }),
    [IMPLEMENTATION.failUnrouted]: assign(({ context }, { nodeId }: { nodeId: string }) =>
      failUnrouted(context, nodeId),
    ),
    [IMPLEMENTATION.enterWait]: assign(({ context }, params: StepParams & NodeParams) =>
      enterWait(waitNodeType(params.nodeType), context, params),
    ),
    [IMPLEMENTATION.wake]: assign(({ context, event }, params: StepParams & NodeParams) =>
      event.wake === undefined ? {} : wake(waitNodeType(params.nodeType), context, params, event.wake),
    ),
    [IMPLEMENTATION.fail]: assign(
      ({ context }, { nodeId, nodeType, reason }: { nodeId?: string; nodeType?: string; reason: string }) =>
        failCompiled(context, reason, nodeId === undefined ? undefined : { nodeId, nodeType: nodeType ?? '' }),
    ),
  },
  guards: {
    [IMPLEMENTATION.portIs]: ({ context }, { port }: { port: string }) => context.port === port,
    [IMPLEMENTATION.resultPortIs]: ({ event }, { port }: { port: string }) =>
      (event.output as StepResult).port === port,
    [IMPLEMENTATION.hasFailed]: ({ context }) => context.failure !== undefined,
    [IMPLEMENTATION.hasWoken]: ({ context }) => context.waiting === undefined,
  },
  actors: nodeTypeActors(),
});
