import type { TraceStep } from './trace';

let lastInstant = Number.NaN;
let lastIso = '';

// Steps of one run mostly share a millisecond, and formatting a date is a good part of a step's cost.
function isoOf(epochMs: number): string {
  if (epochMs !== lastInstant) {
    lastIso = new Date(epochMs).toISOString();
    lastInstant = epochMs;
  }
  return lastIso;
}

/** A trace step with only the fields that say something (no `undefined` keys in stored JSON). */
export function traceStep(
  nodeId: string,
  type: string,
  at: number,
  details: { port?: string | undefined; vars?: Record<string, unknown> | undefined; error?: string | undefined } = {},
): TraceStep {
  const iso = isoOf(at);
  const step: TraceStep =
    details.port === undefined ? { nodeId, type, at: iso } : { nodeId, type, port: details.port, at: iso };
  if (details.vars !== undefined && Object.keys(details.vars).length > 0) step.vars = details.vars;
  if (details.error !== undefined) step.error = details.error;
  return step;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
