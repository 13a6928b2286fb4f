import { describe, expect, it } from 'vitest';
import type { DeskMediaEvent, DeskSnapshot } from '../../contract/desk';
import {
  applyActionResult,
  applyDeskEvent,
  deskStateFrom,
  secondsLeft,
  type DeskStreamEvent,
} from '../../editor/src/desk/desk-state';

const event = (id: string): DeskMediaEvent => ({
  id,
  subject: 'Customer SMS',
  priority: 0,
  state: 'offered',
  acdGroupId: 'g',
  acdGroupName: 'Support',
  createdAt: '2026-11-25T10:00:00.000Z',
  conversationId: `conversation-${id}`,
  sms: {
    id: `sms-${id}`,
    sender: '+49151',
    receiver: '+49301',
    message: `text ${id}`,
    receivedAt: '2026-11-25T10:00:00.000Z',
  },
  offeredAt: '2026-11-25T10:00:00.100Z',
  deadline: '2026-11-25T10:00:30.100Z',
});

const snapshot: DeskSnapshot = {
  agent: { id: 'a', displayName: 'Ada', smsDelivery: 'web', capacity: 2 },
  status: 'available',
  statusSince: '2026-11-25T09:00:00.000Z',
  pauseReason: null,
  lastEventId: 10,
  offers: [event('e1')],
  accepted: [],
  heldByEmail: [],
  history: [],
};

const apply = (events: DeskStreamEvent[]) =>
  events.reduce((state, e) => applyDeskEvent(state, e), deskStateFrom(snapshot));

describe('desk state', () => {
  it('adds offers and ignores events the snapshot already covered', () => {
    const state = apply([
      { id: 10, kind: 'offer', data: event('old') },
      { id: 11, kind: 'offer', data: event('e2') },
    ]);
    expect(state.offers.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(state.lastEventId).toBe(11);
  });

  it('applies a repeated event once (a resumed stream may overlap)', () => {
    const once = apply([{ id: 11, kind: 'offer', data: event('e2') }]);
    const twice = applyDeskEvent(once, { id: 11, kind: 'offer', data: event('e2') });
    expect(twice).toBe(once);
  });

  it('moves an accepted offer to the work in hand, and a completed one to history', () => {
    const state = apply([
      { id: 11, kind: 'accepted', data: { mediaEventId: 'e1' } },
      { id: 12, kind: 'completed', data: { mediaEventId: 'e1' } },
    ]);
    expect(state.offers).toEqual([]);
    expect(state.accepted).toEqual([]);
    expect(state.history.map((e) => [e.id, e.outcome])).toEqual([['e1', 'completed']]);
  });

  it('a withdrawal arriving after the offer was accepted changes nothing', () => {
    const state = apply([
      { id: 11, kind: 'accepted', data: { mediaEventId: 'e1' } },
      { id: 12, kind: 'withdrawn', data: { mediaEventId: 'e1', reason: 'expired' } },
    ]);
    expect(state.accepted.map((e) => e.id)).toEqual(['e1']);
    expect(state.history).toEqual([]);
  });

  it('records expired and declined offers in history and follows the status', () => {
    const state = apply([
      { id: 11, kind: 'withdrawn', data: { mediaEventId: 'e1', reason: 'expired' } },
      { id: 12, kind: 'status', data: { status: 'pause', statusSince: '2026-11-25T10:01:00.000Z' } },
    ]);
    expect(state.history.map((e) => e.outcome)).toEqual(['expired']);
    expect(state).toMatchObject({ status: 'pause', statusSince: '2026-11-25T10:01:00.000Z', offers: [] });
  });

  it('follows the pause reason, and reads a status event logged before pause reasons as none', () => {
    const lunch = apply([
      {
        id: 11,
        kind: 'status',
        data: { status: 'pause', statusSince: '2026-11-25T10:01:00.000Z', pauseReason: 'Lunch' },
      },
    ]);
    expect(lunch).toMatchObject({ status: 'pause', pauseReason: 'Lunch' });
    const meeting = applyDeskEvent(lunch, {
      id: 12,
      kind: 'status',
      data: { status: 'pause', statusSince: '2026-11-25T10:31:00.000Z', pauseReason: 'Meeting' },
    });
    expect(meeting).toMatchObject({ status: 'pause', statusSince: '2026-11-25T10:31:00.000Z', pauseReason: 'Meeting' });
    const older = applyDeskEvent(meeting, {
      id: 13,
      kind: 'status',
      data: { status: 'pause', statusSince: '2026-11-25T10:41:00.000Z' },
    });
    expect(older.pauseReason).toBeNull();
  });

  it('leaves the state alone on reset (the desk reloads its snapshot)', () => {
    const before = deskStateFrom(snapshot);
    expect(applyDeskEvent(before, { id: 99, kind: 'reset', data: {} })).toBe(before);
  });

  it('keeps the order of the log when a withdrawal and a new offer of the same SMS follow each other', () => {
    // Declined, then offered to the same agent again (the only one available): one card, not none.
    const state = apply([
      { id: 11, kind: 'withdrawn', data: { mediaEventId: 'e1', reason: 'declined' } },
      { id: 12, kind: 'offer', data: event('e1') },
    ]);
    expect(state.offers.map((e) => e.id)).toEqual(['e1']);
    expect(state.history.map((e) => [e.id, e.outcome])).toEqual([['e1', 'declined']]);
  });

  it('ignores an offer event for an SMS already in hand', () => {
    const accepted = apply([{ id: 11, kind: 'accepted', data: { mediaEventId: 'e1' } }]);
    const state = applyDeskEvent(accepted, { id: 12, kind: 'offer', data: event('e1') });
    expect(state.offers).toEqual([]);
    expect(state.accepted.map((e) => e.id)).toEqual(['e1']);
  });

  it('a resumed stream replaying the whole log after a snapshot changes nothing twice', () => {
    const log: DeskStreamEvent[] = [
      { id: 11, kind: 'offer', data: event('e2') },
      { id: 12, kind: 'accepted', data: { mediaEventId: 'e2' } },
      { id: 13, kind: 'offer', data: event('e3') },
    ];
    const once = apply(log);
    expect(log.reduce((state, e) => applyDeskEvent(state, e), once)).toBe(once);
    expect(once.offers.map((e) => e.id)).toEqual(['e1', 'e3']);
    expect(once.accepted.map((e) => e.id)).toEqual(['e2']);
  });

  describe('the answer of an action, applied before the stream says so', () => {
    const accepted = { ...event('e1'), state: 'accepted' as const, acceptedAt: '2026-11-25T10:00:05.000Z' };

    it('moves an accepted offer to the work in hand, and the stream event after it is a no-op', () => {
      const local = applyActionResult(deskStateFrom(snapshot), 'accept', accepted);
      expect(local.offers).toEqual([]);
      expect(local.accepted).toEqual([accepted]);
      const streamed = applyDeskEvent(local, { id: 11, kind: 'accepted', data: { mediaEventId: 'e1' } });
      expect(streamed.accepted).toEqual([accepted]);
      expect(streamed.lastEventId).toBe(11);
    });

    it('changes nothing when the stream got there first', () => {
      const streamed = apply([{ id: 11, kind: 'accepted', data: { mediaEventId: 'e1' } }]);
      expect(applyActionResult(streamed, 'accept', accepted)).toBe(streamed);
    });

    it('moves a completed SMS to history once', () => {
      const held = applyActionResult(deskStateFrom(snapshot), 'accept', accepted);
      const completed = { ...accepted, state: 'completed' as const, finishedAt: '2026-11-25T10:03:00.000Z' };
      const done = applyActionResult(held, 'complete', completed);
      expect(done.accepted).toEqual([]);
      expect(done.history.map((e) => [e.id, e.outcome, e.finishedAt])).toEqual([
        ['e1', 'completed', '2026-11-25T10:03:00.000Z'],
      ]);
      const streamed = applyDeskEvent(done, { id: 12, kind: 'completed', data: { mediaEventId: 'e1' } });
      expect(streamed.history).toHaveLength(1);
    });

    it('moves a transferred SMS to history once, whether the answer or the stream comes first', () => {
      const held = applyActionResult(deskStateFrom(snapshot), 'accept', accepted);
      const transferred = { ...accepted, state: 'transferred' as const, finishedAt: '2026-11-25T10:04:00.000Z' };
      const done = applyActionResult(held, 'transfer', transferred);
      expect(done.accepted).toEqual([]);
      expect(done.history.map((e) => [e.id, e.outcome, e.finishedAt])).toEqual([
        ['e1', 'transferred', '2026-11-25T10:04:00.000Z'],
      ]);
      const event = { id: 12, kind: 'transferred', data: { mediaEventId: 'e1' } } as const;
      expect(applyDeskEvent(done, event).history).toHaveLength(1);
      const streamedFirst = applyDeskEvent(held, event);
      expect(streamedFirst.accepted).toEqual([]);
      expect(streamedFirst.history.map((e) => [e.id, e.outcome])).toEqual([['e1', 'transferred']]);
      expect(applyActionResult(streamedFirst, 'transfer', transferred).history).toHaveLength(1);
    });

    it('leaves a decline to the stream (the SMS may have been offered to this agent again)', () => {
      const state = deskStateFrom(snapshot);
      const answer = { ...event('e1'), state: 'offered' as const };
      expect(applyActionResult(state, 'decline', answer)).toBe(state);
    });
  });

  it('counts down to the deadline and stops at zero', () => {
    expect(secondsLeft(event('e1'), Date.parse('2026-11-25T10:00:20.000Z'))).toBe(11);
    expect(secondsLeft(event('e1'), Date.parse('2026-11-25T10:01:00.000Z'))).toBe(0);
  });
});
