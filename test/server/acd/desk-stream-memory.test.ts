import { describe, expect, it } from 'vitest';
import { continueFromMemory, DeskEventBus, type StoredDeskEvent } from '../../../server/acd/desk-events';

const event = (seq: number): StoredDeskEvent => ({ seq, kind: 'offer', payload: { n: seq } });
const seqs = (events: StoredDeskEvent[]) => events.map((e) => e.seq);

describe('continuing a desk stream from events handed over in memory', () => {
  it('takes the events that follow the last one sent, in order', () => {
    const { next, gap } = continueFromMemory([event(7), event(5), event(6)], 4);
    expect(seqs(next)).toEqual([5, 6, 7]);
    expect(gap).toBe(false);
  });

  it('drops events the stream has sent already, and events handed twice', () => {
    const { next, gap } = continueFromMemory([event(3), event(4), event(5), event(5)], 4);
    expect(seqs(next)).toEqual([5]);
    expect(gap).toBe(false);
  });

  it('stops at a gap, which sends the stream to its log', () => {
    expect(continueFromMemory([event(6), event(7)], 4)).toEqual({ next: [], gap: true });
    const partly = continueFromMemory([event(5), event(7)], 4);
    expect(seqs(partly.next)).toEqual([5]);
    expect(partly.gap).toBe(true);
  });

  it('has nothing to do with nothing handed', () => {
    expect(continueFromMemory([], 9)).toEqual({ next: [], gap: false });
  });
});

describe('DeskEventBus', () => {
  it("hands each agent's streams that agent's events, and an empty list as a plain wake-up", () => {
    const bus = new DeskEventBus();
    const seen: Record<string, number[][]> = { a: [], b: [] };
    bus.subscribe('a', (events) => seen.a!.push(seqs(events)));
    bus.subscribe('b', (events) => seen.b!.push(seqs(events)));
    bus.publish(
      ['a', 'b'],
      [
        { agentId: 'a', seq: 1, kind: 'offer', payload: {} },
        { agentId: 'a', seq: 2, kind: 'accepted', payload: {} },
      ],
    );
    bus.publish(['b']);
    expect(seen).toEqual({ a: [[1, 2]], b: [[], []] });
  });
});
