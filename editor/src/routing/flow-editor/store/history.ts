import type { FlowSnapshot } from './flow-graph';

/** Undo and redo as two stacks of snapshots: `past` ends with the latest, `future` starts with the next. */
export interface History {
  past: FlowSnapshot[];
  future: FlowSnapshot[];
}

export const HISTORY_LIMIT = 100;
/** Changes to one field closer together than this make one undo step, not one per keystroke. */
export const COALESCE_MS = 1500;

export const emptyHistory = (): History => ({ past: [], future: [] });

/** Remembers `current` as the state to undo to; a new change drops what could be redone. */
export function recordChange(history: History, current: FlowSnapshot, limit = HISTORY_LIMIT): History {
  return { past: [...history.past.slice(-limit + 1), current], future: [] };
}

/** The snapshot to go back to and the history after it, or undefined when there is nothing to undo. */
export function undoStep(
  history: History,
  current: FlowSnapshot,
): { snapshot: FlowSnapshot; history: History } | undefined {
  const previous = history.past.at(-1);
  if (!previous) return undefined;
  return { snapshot: previous, history: { past: history.past.slice(0, -1), future: [current, ...history.future] } };
}

export function redoStep(
  history: History,
  current: FlowSnapshot,
): { snapshot: FlowSnapshot; history: History } | undefined {
  const next = history.future[0];
  if (!next) return undefined;
  return { snapshot: next, history: { past: [...history.past, current], future: history.future.slice(1) } };
}

/** The last keyed change: a change with the same key soon after it joins its undo step. */
export interface CoalesceMark {
  key: string;
  at: number;
}

/** Whether a change keyed `key` at `now` joins the step of the previous one. */
export function joinsPreviousStep(last: CoalesceMark | undefined, key: string | undefined, now: number): boolean {
  return key !== undefined && last !== undefined && last.key === key && now - last.at < COALESCE_MS;
}
