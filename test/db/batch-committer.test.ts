import { describe, expect, it } from 'vitest';
import { BatchCommitter } from '../../server/db/batch-committer';

/** A stand-in for a database write: records each call, and refuses a whole batch holding a bad item. */
function recordingCommit(isBad: (item: string) => boolean = () => false) {
  const calls: string[][] = [];
  const committed: string[][] = [];
  let release: (() => void) | undefined;
  let held: Promise<void> | undefined;
  return {
    calls,
    /** The batches that reached `afterCommit`, in order. */
    committed,
    /** Until `release()`, every commit waits, as a busy connection would. */
    hold() {
      held = new Promise((resolve) => (release = resolve));
    },
    release() {
      release?.();
      held = undefined;
    },
    async commit(items: string[]): Promise<Map<string, string>> {
      calls.push([...items]);
      if (held) await held;
      await Promise.resolve();
      const bad = items.find(isBad);
      if (bad) throw new Error(`refused ${bad}`);
      return new Map(items.map((item) => [item, `stored ${item}`]));
    },
  };
}

function committerFor(db: ReturnType<typeof recordingCommit>, options: { maxBatch?: number } = {}) {
  return new BatchCommitter<string, string>({
    what: 'test writes',
    commit: (items) => db.commit(items),
    afterCommit: (items, results) => {
      db.committed.push(items.map((item) => `${item}=${results.get(item)}`));
    },
    ...options,
  });
}

describe('BatchCommitter', () => {
  it('writes items submitted together in one call, and answers each its own result', async () => {
    const db = recordingCommit();
    const committer = committerFor(db);
    const results = await Promise.all(['a', 'b', 'c'].map((item) => committer.submit(item)));
    expect(results).toEqual(['stored a', 'stored b', 'stored c']);
    expect(db.calls).toEqual([['a', 'b', 'c']]);
    expect(db.committed).toEqual([['a=stored a', 'b=stored b', 'c=stored c']]);
  });

  it('retries a failing batch item by item: one call with all items, then one per item', async () => {
    const db = recordingCommit((item) => item === 'bad');
    const committer = committerFor(db);
    const settled = await Promise.allSettled(['a', 'bad', 'b', 'c'].map((item) => committer.submit(item)));

    expect(db.calls).toEqual([['a', 'bad', 'b', 'c'], ['a'], ['bad'], ['b'], ['c']]);
    // Exactly one caller is refused, with the cause; its neighbours get their results.
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toEqual(new Error('refused bad'));
    expect(settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))).toEqual([
      'stored a',
      'stored b',
      'stored c',
    ]);
    // Nothing of the failed batch or of the refused item is reported as committed.
    expect(db.committed).toEqual([['a=stored a'], ['b=stored b'], ['c=stored c']]);
  });

  it('settles a caller only after the write holding its item has finished', async () => {
    const db = recordingCommit();
    db.hold();
    const committer = committerFor(db);
    let settled = false;
    const result = committer.submit('a').finally(() => (settled = true));
    await waitUntil(() => db.calls.length === 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    expect(db.committed).toEqual([]);
    db.release();
    expect(await result).toBe('stored a');
    expect(db.committed).toEqual([['a=stored a']]);
  });

  it('gathers what arrives while a batch is being written into the next batch', async () => {
    const db = recordingCommit();
    db.hold();
    const committer = new BatchCommitter<string, string>({
      what: 'test writes',
      commit: (items) => db.commit(items),
      maxConcurrentBatches: 1,
    });
    const first = committer.submit('first');
    await waitUntil(() => db.calls.length === 1);
    // Submitted one by one, on separate turns of the event loop, while the connection is busy.
    const later: Promise<string>[] = [];
    for (const item of ['x', 'y', 'z']) {
      later.push(committer.submit(item));
      await new Promise((resolve) => setImmediate(resolve));
    }
    db.release();
    await Promise.all([first, ...later]);
    expect(db.calls).toEqual([['first'], ['x', 'y', 'z']]);
  });

  it('splits a burst larger than maxBatch', async () => {
    const db = recordingCommit();
    const committer = committerFor(db, { maxBatch: 2 });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((item) => committer.submit(item)));
    expect(db.calls).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('answers its callers even when the after-commit hook throws', async () => {
    const committer = new BatchCommitter<string, string>({
      what: 'test writes',
      commit: async (items) => new Map(items.map((item) => [item, item.toUpperCase()])),
      afterCommit: () => {
        throw new Error('hook failed');
      },
    });
    expect(await Promise.all([committer.submit('a'), committer.submit('b')])).toEqual(['A', 'B']);
  });

  it('drains: resolves once everything submitted has been written', async () => {
    const db = recordingCommit();
    db.hold();
    const committer = committerFor(db);
    const submitted = ['a', 'b'].map((item) => committer.submit(item));
    let drained = false;
    const draining = committer.drain().then(() => (drained = true));
    await waitUntil(() => db.calls.length === 1);
    expect(drained).toBe(false);
    db.release();
    await draining;
    expect(await Promise.all(submitted)).toEqual(['stored a', 'stored b']);
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let turn = 0; !condition(); turn++) {
    if (turn > 1000) throw new Error('the condition never held');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
