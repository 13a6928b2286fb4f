import { createActor, type Actor } from 'xstate';
import { compileWorkflow } from '../compile/compile-workflow';
import type { CompiledWorkflow } from '../compile/compiled-workflow';
import type { WorkflowGraph } from '../graph/workflow-graph';
import type { WorkflowOutcome } from './outcome';
import type { RunContext, RunScope } from './run-context';
import type { WorkflowServices } from './services';
import type { WorkflowSms } from './sms';
import type { WorkflowRunResult } from './trace';
import { budgetUsedUp, failStep } from './run-steps';
import { errorMessage } from './trace-step';
import { workflowMachineSetup } from './workflow-machine-setup';

export interface RunOptions {
  /** Nodes a run may enter before it fails; stops loops. Default 100. */
  stepLimit?: number;
  /**
   * Wall-clock milliseconds a run may take before it fails, checked as each node is entered and
   * by a timer while an effect is pending, so an effect that never settles cannot hold the run.
   * Default 10 s.
   */
  timeBudgetMs?: number;
  /** Runs as if it were this instant (simulations); otherwise `services.now`, else the system clock. */
  now?: Date;
}

export interface WorkflowRunner {
  readonly compiled: CompiledWorkflow;
  readonly machine: WorkflowMachine;
  /** Never rejects: whatever goes wrong becomes a `failed` outcome with a reason and the trace so far. */
  run(sms: WorkflowSms, services: WorkflowServices, options?: RunOptions): Promise<WorkflowRunResult>;
}

export type WorkflowMachine = ReturnType<typeof workflowMachineSetup.createMachine>;

export const DEFAULT_STEP_LIMIT = 100;
export const DEFAULT_TIME_BUDGET_MS = 10_000;

/** Compiles and builds the machine once; cache the runner per workflow version, not per SMS. */
export function createWorkflowRunner(graph: WorkflowGraph): WorkflowRunner {
  const compiled = compileWorkflow(graph);
  // The compiled config is generated JSON; the names it uses are the ones the setup implements.
  const machine = workflowMachineSetup.createMachine(
    compiled as unknown as Parameters<typeof workflowMachineSetup.createMachine>[0],
  );
  return {
    compiled,
    machine,
    run: (sms, services, options = {}) => runMachine(compiled, machine, sms, runScope(services, options)),
  };
}

function runScope(services: WorkflowServices, options: RunOptions): RunScope {
  const fixed = options.now?.getTime();
  const timeBudgetMs = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const wallClock = () => performance.now();
  return {
    services,
    clock: fixed !== undefined ? () => fixed : services.now ? () => services.now!().getTime() : Date.now,
    random: () => services.random(),
    stepLimit: options.stepLimit ?? DEFAULT_STEP_LIMIT,
    timeBudgetMs,
    deadline: wallClock() + timeBudgetMs,
    wallClock,
  };
}

function runMachine(
  compiled: CompiledWorkflow,
  machine: WorkflowMachine,
  sms: WorkflowSms,
  scope: RunScope,
): Promise<WorkflowRunResult> {
  let actor: Actor<WorkflowMachine>;
  try {
    actor = createActor(machine, { input: { sms, scope } });
  } catch (error) {
    return Promise.resolve(crashed(error, undefined));
  }
  // XState computes the initial snapshot, with every eventless step, in createActor. A run that
  // met no effect is already final there, and starting it would only notify no one.
  const initial = actor.getSnapshot();
  if (initial.status === 'done') return Promise.resolve(resultOf(initial.context));
  if (initial.status === 'error') return Promise.resolve(crashed(initial.error, undefined));
  return new Promise((resolve) => {
    // Only an effect is awaited (decisions run synchronously, each entry checks the deadline), so
    // the timer fires while one is pending: the run stops and fails on that node.
    const timer = setTimeout(
      () => {
        const waiting = actor.getSnapshot();
        actor.stop();
        resolve(resultOf({ ...waiting.context, ...ranOutOfTime(compiled, waiting.context, String(waiting.value)) }));
      },
      Math.max(0, scope.deadline - scope.wallClock()),
    );
    const settle = (result: WorkflowRunResult) => {
      clearTimeout(timer);
      resolve(result);
    };
    actor.subscribe({
      next: (snapshot) => {
        if (snapshot.status === 'done') settle(resultOf(snapshot.context));
      },
      error: (error) => settle(crashed(error, actor.getSnapshot().context)),
    });
    actor.start();
  });
}

function ranOutOfTime(compiled: CompiledWorkflow, context: RunContext, nodeId: string) {
  const nodeType = compiled.states[nodeId]?.invoke?.src ?? '';
  return failStep(context, nodeId, nodeType, context.scope.clock(), budgetUsedUp(context.scope));
}

function resultOf(context: RunContext): WorkflowRunResult {
  return { outcome: outcomeOf(context), trace: [...context.trace] };
}

function outcomeOf(context: RunContext): WorkflowOutcome {
  if (context.failure !== undefined) return { kind: 'failed', reason: context.failure };
  return context.outcome ?? { kind: 'failed', reason: 'The run ended without reaching a terminal node' };
}

/** A bug in an implementation, not in the workflow; still a result, never a rejection. */
function crashed(error: unknown, context: RunContext | undefined): WorkflowRunResult {
  return {
    outcome: { kind: 'failed', reason: `The workflow engine failed: ${errorMessage(error)}` },
    trace: context === undefined ? [] : [...context.trace],
  };
}
