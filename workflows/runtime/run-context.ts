import type { Variables } from '../node-types/define-node-type';
import type { TerminalOutcome } from './outcome';
import type { WorkflowServices } from './services';
import type { WorkflowSms } from './sms';
import type { TraceStep } from './trace';

/**
 * What one run needs besides data. It rides in the context because a JSON machine config can
 * bind nothing per run; whoever persists a waiting run's snapshot strips it and passes it again.
 */
export interface RunScope {
  services: WorkflowServices;
  /** Epoch milliseconds. */
  clock: () => number;
  random: () => number;
  stepLimit: number;
  /** The run's wall-clock budget, in milliseconds. */
  timeBudgetMs: number;
  /** When the budget runs out, on `wallClock`. */
  deadline: number;
  /** Real time in milliseconds, for the budget (`clock` is the run's time, which a simulation fixes). */
  wallClock: () => number;
}

export interface RunInput {
  sms: WorkflowSms;
  scope: RunScope;
}

/** The machine's context: the SMS, the variables and the trace, as the design says. */
export interface RunContext {
  sms: WorkflowSms;
  vars: Variables;
  /** Nodes entered so far, against `scope.stepLimit`. */
  steps: number;
  /** The port the last decision chose; transitions are guarded on it. */
  port: string | undefined;
  trace: readonly TraceStep[];
  outcome: TerminalOutcome | undefined;
  /** Why the run failed, once it has. */
  failure: string | undefined;
  /** Set while the run is paused at a wait node. */
  waiting: WaitingFor | undefined;
  scope: RunScope;
}

/** What a paused run waits for: which node, since and until when (ISO 8601 UTC). */
export interface WaitingFor {
  nodeId: string;
  nodeType: string;
  since: string;
  until: string;
}

export function initialContext({ sms, scope }: RunInput): RunContext {
  return {
    sms,
    vars: {},
    steps: 0,
    port: undefined,
    trace: [],
    outcome: undefined,
    failure: undefined,
    waiting: undefined,
    scope,
  };
}
