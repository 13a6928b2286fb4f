import { describe, expect, it } from 'vitest';
import {
  assignOffers,
  assignOffersAcrossGroups,
  type GroupQueue,
  type OfferCandidate,
} from '../../../server/acd/assign-offers';

const agent = (agentId: string, over: Partial<OfferCandidate> = {}): OfferCandidate => ({
  agentId,
  priority: 0,
  idleSince: 0,
  freeSlots: 1,
  ...over,
});
const none = new Map<string, Set<string>>();

describe('assignOffers', () => {
  it('an event reserved for one agent goes to them or waits, and the events after it still go out', () => {
    const input = {
      eventIds: ['reserved', 'free'],
      strategy: 'longest_idle' as const,
      lastOfferedAgentId: null,
      offeredBefore: none,
    };
    const reservedFor = new Map([['reserved', 'b']]);
    expect(
      assignOffers({ ...input, agents: [agent('a', { idleSince: 1 }), agent('b', { idleSince: 9 })], reservedFor }),
    ).toEqual([
      { eventId: 'reserved', agentId: 'b' },
      { eventId: 'free', agentId: 'a' },
    ]);
    // Its agent has no room: it waits, and the next event goes to whoever has.
    expect(assignOffers({ ...input, agents: [agent('a'), agent('b', { freeSlots: 0 })], reservedFor })).toEqual([
      { eventId: 'free', agentId: 'a' },
    ]);
  });

  it('longest idle first: the agent idle the longest gets the first event', () => {
    const result = assignOffers({
      eventIds: ['e1', 'e2'],
      agents: [agent('a', { idleSince: 300 }), agent('b', { idleSince: 100 }), agent('c', { idleSince: 200 })],
      strategy: 'longest_idle',
      lastOfferedAgentId: null,
      offeredBefore: none,
    });
    expect(result).toEqual([
      { eventId: 'e1', agentId: 'b' },
      { eventId: 'e2', agentId: 'c' },
    ]);
  });

  it('round robin continues after the agent offered to last and wraps around', () => {
    const result = assignOffers({
      eventIds: ['e1', 'e2', 'e3'],
      agents: [agent('a', { freeSlots: 5 }), agent('b', { freeSlots: 5 }), agent('c', { freeSlots: 5 })],
      strategy: 'round_robin',
      lastOfferedAgentId: 'b',
      offeredBefore: none,
    });
    expect(result.map((r) => r.agentId)).toEqual(['c', 'a', 'b']);
  });

  it('a higher member priority is asked first, whatever the strategy', () => {
    for (const strategy of ['longest_idle', 'round_robin'] as const) {
      const result = assignOffers({
        eventIds: ['e1', 'e2'],
        agents: [agent('a', { idleSince: 1 }), agent('b', { priority: 10, idleSince: 999 })],
        strategy,
        lastOfferedAgentId: 'a',
        offeredBefore: none,
      });
      expect(result.map((r) => r.agentId)).toEqual(['b', 'a']);
    }
  });

  it('never gives an agent more events than free slots, and stops when slots run out', () => {
    const result = assignOffers({
      eventIds: ['e1', 'e2', 'e3', 'e4'],
      agents: [agent('a', { freeSlots: 2 }), agent('b', { freeSlots: 0 }), agent('c', { freeSlots: 1 })],
      strategy: 'longest_idle',
      lastOfferedAgentId: null,
      offeredBefore: none,
    });
    expect(result).toHaveLength(3);
    expect(result.filter((r) => r.agentId === 'a')).toHaveLength(2);
    expect(result.some((r) => r.agentId === 'b')).toBe(false);
  });

  it('an agent who let an event pass is asked for it only when nobody else is free', () => {
    const passed = new Map([['e1', new Set(['a'])]]);
    expect(
      assignOffers({
        eventIds: ['e1'],
        agents: [agent('a', { idleSince: 1 }), agent('b', { idleSince: 500 })],
        strategy: 'longest_idle',
        lastOfferedAgentId: null,
        offeredBefore: passed,
      }),
    ).toEqual([{ eventId: 'e1', agentId: 'b' }]);
    expect(
      assignOffers({
        eventIds: ['e1'],
        agents: [agent('a', { idleSince: 1 })],
        strategy: 'longest_idle',
        lastOfferedAgentId: null,
        offeredBefore: passed,
      }),
    ).toEqual([{ eventId: 'e1', agentId: 'a' }]);
  });

  it('events are served in the order given (the distributor sorts by priority, then age)', () => {
    const result = assignOffers({
      eventIds: ['urgent', 'old', 'new'],
      agents: [agent('a')],
      strategy: 'longest_idle',
      lastOfferedAgentId: null,
      offeredBefore: none,
    });
    expect(result).toEqual([{ eventId: 'urgent', agentId: 'a' }]);
  });
});

describe('assignOffersAcrossGroups', () => {
  const queue = (groupId: string, eventIds: string[], members: string[]): GroupQueue => ({
    groupId,
    eventIds,
    members: members.map((agentId) => ({ agentId, priority: 0 })),
    strategy: 'longest_idle',
    lastOfferedAgentId: null,
    offeredBefore: none,
  });

  it('gives an agent in two groups one capacity: a slot used in the first group is gone in the second', () => {
    const result = assignOffersAcrossGroups(
      [queue('sales', ['s1'], ['shared']), queue('support', ['p1'], ['shared'])],
      [{ agentId: 'shared', idleSince: 0, freeSlots: 1 }],
    );
    expect(result).toEqual([{ groupId: 'sales', eventId: 's1', agentId: 'shared' }]);
  });

  it('keeps one idle clock: the agent offered work in the first group is the least idle in the second', () => {
    const result = assignOffersAcrossGroups(
      [queue('sales', ['s1'], ['a']), queue('support', ['p1', 'p2'], ['a', 'b'])],
      [
        { agentId: 'a', idleSince: 100, freeSlots: 2 },
        { agentId: 'b', idleSince: 200, freeSlots: 1 },
      ],
    );
    // Without the shared clock `a` (idle since 100) would take p1 ahead of `b` (200).
    expect(result).toEqual([
      { groupId: 'sales', eventId: 's1', agentId: 'a' },
      { groupId: 'support', eventId: 'p1', agentId: 'b' },
      { groupId: 'support', eventId: 'p2', agentId: 'a' },
    ]);
  });
});
