import { describe, expect, it } from 'vitest';
import type { FlowSnapshot } from '../../editor/src/routing/flow-editor/store/flow-graph';
import {
  COALESCE_MS,
  emptyHistory,
  joinsPreviousStep,
  recordChange,
  redoStep,
  undoStep,
} from '../../editor/src/routing/flow-editor/store/history';

const snapshot = (id: string): FlowSnapshot => ({
  nodes: [{ id, type: 'drop', position: { x: 0, y: 0 }, data: { config: {} } }],
  edges: [],
});
const [a, b, c] = [snapshot('a'), snapshot('b'), snapshot('c')];

describe('undo and redo history', () => {
  it('undoes back through the recorded states and redoes forward again', () => {
    // a, then b, now c.
    const history = recordChange(recordChange(emptyHistory(), a), b);
    const back = undoStep(history, c)!;
    expect(back.snapshot).toBe(b);
    const further = undoStep(back.history, back.snapshot)!;
    expect(further.snapshot).toBe(a);
    expect(undoStep(further.history, further.snapshot)).toBeUndefined();
    const forward = redoStep(further.history, further.snapshot)!;
    expect(forward.snapshot).toBe(b);
    expect(redoStep(forward.history, forward.snapshot)!.snapshot).toBe(c);
  });

  it('forgets what could be redone once a new change is recorded', () => {
    const back = undoStep(recordChange(emptyHistory(), a), b)!;
    expect(back.history.future).toEqual([b]);
    expect(recordChange(back.history, back.snapshot).future).toEqual([]);
  });

  it('keeps at most the limit of steps, dropping the oldest', () => {
    let history = emptyHistory();
    for (const step of [a, b, c]) history = recordChange(history, step, 2);
    expect(history.past).toEqual([b, c]);
  });

  it('joins a change to the previous step only for the same key within the coalescing time', () => {
    const mark = { key: 'switch_1:config', at: 1_000 };
    expect(joinsPreviousStep(mark, 'switch_1:config', 1_000 + COALESCE_MS - 1)).toBe(true);
    expect(joinsPreviousStep(mark, 'switch_1:config', 1_000 + COALESCE_MS)).toBe(false);
    expect(joinsPreviousStep(mark, 'switch_1:label', 1_001)).toBe(false);
    expect(joinsPreviousStep(mark, undefined, 1_001)).toBe(false);
    expect(joinsPreviousStep(undefined, 'switch_1:config', 1_001)).toBe(false);
  });
});
