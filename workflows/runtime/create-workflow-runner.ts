import { createActor, type Actor, type Snapshot } from 'xstate';
import { compileWorkflow } from '../compile/compile-workflow';
import { WAKE_EVENT, type CompiledWorkflow } from '../compile/compiled-workflow';
import type { WaitWake } from '../node-types/define-node-type';
import type { WorkflowGraph } from '../graph/workflow-graph';
import type { WorkflowOutcome } from './outcome';
import type { RunContext, RunScope, WaitingFor } from './run-context';
import type { WorkflowServices } from './services';
import type { WorkflowSms } from './sms';
import type { TraceStep, WorkflowRunResult } from './trace';
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

/**
 * A run paused at a wait node, in plain JSON: XState's persisted snapshot without the run's
 * scope (services, clocks), which `resume` passes again. Store it as it is; `steps` in it keeps
 * counting against the step limit across waits.
 */
export interface PersistedRun {
  format: 1;
  snapshot: unknown;
}

/** A run that reached its end (a terminal node, or a failure). */
export interface FinishedRun extends WorkflowRunResult {
  status: 'finished';
}

/** A run paused at a wait node: what it waits for, the trace so far, and the state to resume it from. */
export interface WaitingRun extends WaitingFor {
  status: 'waiting';
  trace: TraceStep[];
  state: PersistedRun;
}

export type RunProgress = FinishedRun | WaitingRun;

export interface WorkflowRunner {
  readonly compiled: CompiledWorkflow;
  readonly machine: WorkflowMachine;
  /**
   * Runs to the end. Never rejects: whatever goes wrong becomes a `failed` outcome with a reason and
   * the trace so far. A run that reaches a wait node fails here; callers that can keep a waiting
   * run use `start`.
   */
  run(sms: WorkflowSms, services: WorkflowServices, options?: RunOptions): Promise<WorkflowRunResult>;
  /** Runs until the end or the first wait node. Never rejects. */
  start(sms: WorkflowSms, services: WorkflowServices, options?: RunOptions): Promise<RunProgress>;
  /**
   * Goes on from a waiting run's persisted state with a reply or the timeout, until the end or the
   * next wait. Never rejects: a state that cannot be restored (another version's, damaged) ends
   * as a `failed` run.
   */
  resume(state: PersistedRun, wake: WaitWake, services: WorkflowServices, options?: RunOptions): Promise<RunProgress>;
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
  const begin = (sms: WorkflowSms, services: WorkflowServices, options: RunOptions = {}) => {
    const scope = runScope(services, options);
    return runMachine(compiled, () => createActor(machine, { input: { sms, scope } }));
  };
  return {
    compiled,
    machine,
    start: (sms, services, options) => Promise.resolve(begin(sms, services, options)),
    run: (sms, services, options) => {
      // A run that met no effect settles at once, as it did before runs could wait.
      const progress = begin(sms, services, options);
      return progress instanceof Promise ? progress.then(toResult) : Promise.resolve(toResult(progress));
    },
    resume: (state, wake, services, options = {}) => {
      const scope = runScope(services, options);
      return Promise.resolve(runMachine(compiled, () => restoredActor(compiled, machine, state, scope), wake));
    },
  };
}

function toResult(progress: RunProgress): WorkflowRunResult {
  if (progress.status === 'finished') return { outcome: progress.outcome, trace: progress.trace };
  return {
    outcome: {
      kind: 'failed',
      reason: `Node "${progress.nodeId}" (${progress.nodeType}) waits for a reply, which this run cannot do`,
    },
    trace: progress.trace,
  };
}

/** The actor of a waiting run, its scope given back; throws when the state is not one of this machine's waits. */
function restoredActor(
  compiled: CompiledWorkflow,
  machine: WorkflowMachine,
  state: PersistedRun,
  scope: RunScope,
): Actor<WorkflowMachine> {
  const snapshot = state.snapshot as { status?: unknown; value?: unknown; context?: Partial<RunContext> } | null;
  if (state.format !== 1 || snapshot === null || typeof snapshot !== 'object' || snapshot.status !== 'active') {
    throw new Error('The waiting run’s stored state is not one this server can resume');
  }
  const waiting = snapshot.context?.waiting;
  if (
    waiting === undefined ||
    snapshot.value !== waiting.nodeId ||
    compiled.states[waiting.nodeId]?.on?.[WAKE_EVENT] === undefined
  ) {
    throw new Error('The waiting run’s stored state does not wait at a node of this version');
  }
  const restored = { ...snapshot, context: { ...snapshot.context, scope } };
  // The input only matters to a fresh run's `init`; a restored snapshot keeps its context.
  return createActor(machine, {
    snapshot: restored as unknown as Snapshot<unknown>,
    input: { sms: snapshot.context!.sms!, scope },
  });
}

/** The persisted snapshot without the scope (functions, clocks), as plain JSON. */
function persist(actor: Actor<WorkflowMachine>): PersistedRun {
  const persisted = actor.getPersistedSnapshot() as unknown as { context: RunContext };
  const { scope: _scope, ...context } = persisted.context;
  return { format: 1, snapshot: JSON.parse(JSON.stringify({ ...persisted, context })) as unknown };
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
  create: () => Actor<WorkflowMachine>,
  wakeWith?: WaitWake,
): RunProgress | Promise<RunProgress> {
  let actor: Actor<WorkflowMachine>;
  try {
    actor = create();
  } catch (error) {
    return crashed(error, undefined);
  }
  // XState computes the initial snapshot, with every eventless step, in createActor. A run that
  // met no effect is already final (or waiting) there, and starting it would only notify no one.
  const initial = actor.getSnapshot();
  if (initial.status === 'error') return crashed(initial.error, undefined);
  if (wakeWith === undefined) {
    if (initial.status === 'done') return finished(initial.context);
    if (initial.context.waiting !== undefined) return paused(actor, initial.context.waiting);
  }
  const scope = initial.context.scope;
  return new Promise((resolve) => {
    // Only an effect is awaited (decisions run synchronously, each entry checks the deadline), so
    // the timer fires while one is pending: the run stops and fails on that node.
    const timer = setTimeout(
      () => {
        const pending = actor.getSnapshot();
        actor.stop();
        resolve(finished({ ...pending.context, ...ranOutOfTime(compiled, pending.context, String(pending.value)) }));
      },
      Math.max(0, scope.deadline - scope.wallClock()),
    );
    // A restored run is still waiting until the wake is sent: only a wait after it pauses it again.
    let awake = wakeWith === undefined;
    let settled = false;
    const settle = (result: RunProgress) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    actor.subscribe({
      next: (snapshot) => {
        if (snapshot.status === 'done') settle(finished(snapshot.context));
        else if (awake && snapshot.context.waiting !== undefined) settle(paused(actor, snapshot.context.waiting));
      },
      error: (error) => settle(crashed(error, actor.getSnapshot().context)),
    });
    try {
      actor.start();
      if (wakeWith !== undefined) {
        awake = true;
        actor.send({ type: WAKE_EVENT, wake: wakeWith });
      }
    } catch (error) {
      settle(crashed(error, actor.getSnapshot().context));
    }
  });
}

function paused(actor: Actor<WorkflowMachine>, waiting: WaitingFor): WaitingRun {
  const state = persist(actor);
  const trace = [...actor.getSnapshot().context.trace];
  actor.stop();
  return { status: 'waiting', ...waiting, trace, state };
}

function ranOutOfTime(compiled: CompiledWorkflow, context: RunContext, nodeId: string) {
  const nodeType = compiled.states[nodeId]?.invoke?.src ?? '';
  return failStep(context, nodeId, nodeType, context.scope.clock(), budgetUsedUp(context.scope));
}

function finished(context: RunContext): FinishedRun {
  return { status: 'finished', outcome: outcomeOf(context), trace: [...context.trace] };
}

function outcomeOf(context: RunContext): WorkflowOutcome {
  if (context.failure !== undefined) return { kind: 'failed', reason: context.failure };
  return context.outcome ?? { kind: 'failed', reason: 'The run ended without reaching a terminal node' };
}

/** A bug in an implementation, not in the workflow; still a result, never a rejection. */
function crashed(error: unknown, context: RunContext | undefined): FinishedRun {
  return {
    status: 'finished',
    outcome: { kind: 'failed', reason: `The workflow engine failed: ${errorMessage(error)}` },
    trace: context === undefined ? [] : [...context.trace],
  };
}
