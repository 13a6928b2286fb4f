/**
 * The compiled machine config: plain JSON that only names its implementations (see
 * `runtime/workflow-machine-setup.ts`), so it can be stored, diffed and snapshot-tested.
 */
export interface NamedRef {
  type: string;
  params?: Record<string, unknown>;
}

export interface TransitionConfig {
  /** Absent on a wait's wake: the run stays to choose its port, and the eventless transitions leave. */
  target?: string;
  /** Set on a node's edge to itself: XState would otherwise stay in the state without entering it again. */
  reenter?: true;
  guard?: NamedRef;
  actions?: NamedRef[];
}

export interface InvokeConfig {
  id: string;
  src: string;
  input: NodeParams;
  onDone: TransitionConfig[];
  onError: TransitionConfig[];
}

export interface StateConfig {
  type?: 'final';
  entry?: NamedRef[];
  always?: TransitionConfig[];
  invoke?: InvokeConfig;
  /** A wait node's state: the run pauses here until it is sent `WAKE_EVENT`. */
  on?: Record<string, TransitionConfig[]>;
}

export interface CompiledWorkflow {
  id: string;
  entry: NamedRef[];
  initial: string;
  states: Record<string, StateConfig>;
}

/** What a node's implementation is called with: which node, and its parsed config. */
export interface NodeParams {
  [key: string]: unknown;
  nodeId: string;
  config: unknown;
}

/** The names the compiler writes and `workflowMachineSetup` implements, besides one per node type. */
export const IMPLEMENTATION = {
  /** action: copies the run's input (SMS, services, limits) into the context. */
  init: 'init',
  /** action: counts an effect node as a step before it is invoked. */
  enterEffect: 'enterEffect',
  /** action: records an effect's result (port, variables, error) in the trace. */
  recordEffect: 'recordEffect',
  /** action: records a rejected effect and fails the run. */
  recordEffectError: 'recordEffectError',
  /** action: fails the run because the chosen port has no edge. */
  failUnrouted: 'failUnrouted',
  /** action: fails the run for a reason known when compiling (unknown type, invalid config). */
  fail: 'fail',
  /** guard: the decision just taken chose this port. */
  portIs: 'portIs',
  /** guard: the effect's result chose this port. */
  resultPortIs: 'resultPortIs',
  /** guard: the run has already failed (step limit). */
  hasFailed: 'hasFailed',
  /** action: counts a wait node as a step and records what the run waits for, until when. */
  enterWait: 'enterWait',
  /** action: ends the wait with the event's wake (reply or timeout), choosing the node's port. */
  wake: 'wake',
  /** guard: the run is no longer waiting (it was woken, and its port chosen). */
  hasWoken: 'hasWoken',
} as const;

/** The event that ends a wait: `{ type: WAKE_EVENT, wake: WaitWake }`. */
export const WAKE_EVENT = 'workflow.wake';

/** Node ids cannot contain `$`, so these never collide with a node's state. */
export const MACHINE_ID = 'workflow';
export const FAILED_STATE = '$failed';
