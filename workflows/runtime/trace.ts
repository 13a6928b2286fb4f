import type { WorkflowOutcome } from './outcome';

/** One visited node: the port it left by, when, the variables it changed, or what went wrong. */
export interface TraceStep {
  nodeId: string;
  type: string;
  /** Absent for terminal nodes and for steps that failed. */
  port?: string;
  /** ISO 8601 UTC. */
  at: string;
  vars?: Record<string, unknown>;
  error?: string;
}

export interface WorkflowRunResult {
  outcome: WorkflowOutcome;
  trace: TraceStep[];
}
