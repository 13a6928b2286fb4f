import { describe, expect, it } from 'vitest';
import { assignOffers, type OfferCandidate } from '../../../server/acd/assign-offers';

const agent = (agentId: string, over: Partial<OfferCandidate> = {}): OfferCandidate => ({
  agentId,
  priority: 0,
  idleSince: 0,
  freeSlots: 1,
  ...over,
});
const none = new Map<string, Set<string>>();

describe('assignOffers', () => {
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
