import { describe, expect, it } from 'vitest';
import type { DeskMediaEvent } from '../../contract/desk';
import { deskLinkFrom, findDeskLinkTarget } from '../../editor/src/desk/desk-link';
import type { DeskState } from '../../editor/src/desk/desk-state';

const event = (id: string, state: DeskMediaEvent['state'], conversationId: string | null): DeskMediaEvent => ({
  id,
  subject: 'Customer SMS',
  priority: 0,
  state,
  acdGroupId: 'g',
  acdGroupName: 'Support',
  createdAt: '2026-12-03T10:00:00.000Z',
  conversationId,
  sms: {
    id: `sms-${id}`,
    sender: '+49151',
    receiver: '+49301',
    message: 'text',
    receivedAt: '2026-12-03T10:00:00.000Z',
  },
});

const state: DeskState = {
  status: 'available',
  statusSince: null,
  pauseReason: null,
  lastEventId: 1,
  offers: [event('offer-1', 'offered', 'conversation-offered')],
  accepted: [event('held-1', 'accepted', 'conversation-held'), event('held-old', 'accepted', null)],
  heldByEmail: [
    {
      id: 'conversation-by-email',
      customerNumber: '+49152',
      ourNumber: '+49301',
      acdGroupId: 'g',
      acdGroupName: 'Support',
      openedAt: '2026-12-03T09:00:00.000Z',
      lastMessageAt: '2026-12-03T09:30:00.000Z',
      lastInbound: { smsId: 'sms-mail', message: 'by mail', receivedAt: '2026-12-03T09:30:00.000Z' },
    },
  ],
  history: [{ ...event('done-1', 'completed', 'conversation-done'), outcome: 'completed' }],
};

describe('desk links', () => {
  it('reads ?conversation= and ?mediaEvent=, a conversation first, and ignores empty values', () => {
    expect(deskLinkFrom(new URLSearchParams('conversation=c1'))).toEqual({ kind: 'conversation', id: 'c1' });
    expect(deskLinkFrom(new URLSearchParams('mediaEvent=m1'))).toEqual({ kind: 'mediaEvent', id: 'm1' });
    expect(deskLinkFrom(new URLSearchParams('mediaEvent=m1&conversation=c1'))?.kind).toBe('conversation');
    expect(deskLinkFrom(new URLSearchParams('conversation=%20&other=1'))).toBeUndefined();
    expect(deskLinkFrom(new URLSearchParams(''))).toBeUndefined();
  });

  it('finds a held conversation (reply box focused) and an offer (not focused), by conversation or media event', () => {
    expect(findDeskLinkTarget(state, { kind: 'conversation', id: 'conversation-held' })).toEqual({
      mediaEventId: 'held-1',
      focusReply: true,
    });
    expect(findDeskLinkTarget(state, { kind: 'mediaEvent', id: 'held-1' })).toEqual({
      mediaEventId: 'held-1',
      focusReply: true,
    });
    expect(findDeskLinkTarget(state, { kind: 'mediaEvent', id: 'held-old' })).toEqual({
      mediaEventId: 'held-old',
      focusReply: false,
    });
    expect(findDeskLinkTarget(state, { kind: 'conversation', id: 'conversation-offered' })).toEqual({
      mediaEventId: 'offer-1',
      focusReply: false,
    });
  });

  it('finds a conversation held by e-mail by its conversation link, reply box focused', () => {
    expect(findDeskLinkTarget(state, { kind: 'conversation', id: 'conversation-by-email' })).toEqual({
      heldConversationId: 'conversation-by-email',
      focusReply: true,
    });
    // Its conversation id is no media event's.
    expect(findDeskLinkTarget(state, { kind: 'mediaEvent', id: 'conversation-by-email' })).toBeUndefined();
  });

  it('finds nothing for what is only in the history, or not on the desk at all', () => {
    expect(findDeskLinkTarget(state, { kind: 'conversation', id: 'conversation-done' })).toBeUndefined();
    expect(findDeskLinkTarget(state, { kind: 'mediaEvent', id: 'done-1' })).toBeUndefined();
    expect(findDeskLinkTarget(state, { kind: 'conversation', id: 'someone-elses' })).toBeUndefined();
  });
});
