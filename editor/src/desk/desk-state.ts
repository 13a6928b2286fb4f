import type {
  DeskEventKind,
  DeskHeldConversation,
  DeskMediaEvent,
  DeskSnapshot,
  DeskStreamEvents,
  HistoryOutcome,
} from '../../../contract/desk';

export type HistoryItem = DeskMediaEvent & { outcome: HistoryOutcome };

export interface DeskState {
  status: DeskSnapshot['status'];
  statusSince: string | null;
  /** The name of the reason given for the pause; null without one. */
  pauseReason: string | null;
  /** The last desk event applied: a resumed stream starts after it. */
  lastEventId: number;
  offers: DeskMediaEvent[];
  accepted: DeskMediaEvent[];
  /** Conversations the agent holds with no live media event (taken by e-mail). */
  heldByEmail: DeskHeldConversation[];
  history: HistoryItem[];
}

export type DeskStreamEvent = {
  [K in DeskEventKind]: { id: number; kind: K; data: DeskStreamEvents[K] };
}[DeskEventKind];

const HISTORY_LENGTH = 20;

export function deskStateFrom(snapshot: DeskSnapshot): DeskState {
  return {
    status: snapshot.status,
    statusSince: snapshot.statusSince,
    pauseReason: snapshot.pauseReason,
    lastEventId: snapshot.lastEventId,
    offers: snapshot.offers,
    accepted: snapshot.accepted,
    heldByEmail: snapshot.heldByEmail,
    history: snapshot.history,
  };
}

/** Whether the desk knows the conversation: held through a media event on it, or by e-mail. */
export function holdsConversation(state: DeskState, conversationId: string): boolean {
  return (
    state.accepted.some((event) => event.conversationId === conversationId) ||
    state.heldByEmail.some((held) => held.id === conversationId)
  );
}

/** The desk without a conversation held by e-mail (the agent closed it). */
export function withoutHeldConversation(state: DeskState, conversationId: string): DeskState {
  return { ...state, heldByEmail: state.heldByEmail.filter((held) => held.id !== conversationId) };
}

/**
 * Applies one stream event. Events at or before `lastEventId` were applied already (a resumed
 * stream or a snapshot covered them) and change nothing, so applying is idempotent.
 */
export function applyDeskEvent(state: DeskState, event: DeskStreamEvent, now = new Date()): DeskState {
  if (event.kind !== 'reset' && event.id <= state.lastEventId) return state;
  const next = { ...state, lastEventId: Math.max(state.lastEventId, event.id) };
  switch (event.kind) {
    case 'offer': {
      const known =
        state.offers.some((e) => e.id === event.data.id) || state.accepted.some((e) => e.id === event.data.id);
      return known ? next : { ...next, offers: [...state.offers, event.data] };
    }
    case 'withdrawn': {
      const outcome: HistoryOutcome =
        event.data.reason === 'declined' || event.data.reason === 'expired' ? event.data.reason : 'withdrawn';
      return toHistory(next, 'offers', event.data.mediaEventId, (offer) => ({
        ...offer,
        outcome,
        finishedAt: now.toISOString(),
      }));
    }
    case 'accepted':
      return toAccepted(next, event.data.mediaEventId, (offer) => ({
        ...offer,
        state: 'accepted',
        acceptedAt: now.toISOString(),
      }));
    case 'completed':
      return toHistory(next, 'accepted', event.data.mediaEventId, (held) => ({
        ...held,
        state: 'completed',
        outcome: 'completed',
        finishedAt: now.toISOString(),
      }));
    case 'transferred':
      return toHistory(next, 'accepted', event.data.mediaEventId, (held) => ({
        ...held,
        state: 'transferred',
        outcome: 'transferred',
        finishedAt: now.toISOString(),
      }));
    case 'status':
      return {
        ...next,
        status: event.data.status,
        statusSince: event.data.statusSince,
        pauseReason: event.data.pauseReason ?? null,
      };
    case 'message':
      // A new SMS in a held conversation: its card stays; the thread (read on demand) has it.
      return next;
    case 'message-status':
      // A reply moved on: its thread shows it (use-desk updates the thread's cache).
      return next;
    case 'reset':
      // The caller reloads the snapshot; until then the state stands.
      return state;
  }
}

export type DeskAction = 'accept' | 'decline' | 'complete' | 'transfer';

/**
 * Applies what an accept or complete answered, so the desk moves the card at once instead of
 * waiting for the stream (which may be reconnecting). The stream's own event for it then finds
 * nothing left to do. A decline is left to the stream: the answer cannot tell whether the event
 * was offered to this agent again in the meantime.
 */
export function applyActionResult(
  state: DeskState,
  action: DeskAction,
  event: DeskMediaEvent,
  now = new Date(),
): DeskState {
  if (action === 'accept' && event.state === 'accepted') {
    if (state.accepted.some((e) => e.id === event.id)) return state;
    return toAccepted(state, event.id, () => ({ ...event, acceptedAt: event.acceptedAt ?? now.toISOString() }));
  }
  if (action === 'complete' && event.state === 'completed') {
    return toHistory(state, 'accepted', event.id, () => ({
      ...event,
      outcome: 'completed',
      finishedAt: event.finishedAt ?? now.toISOString(),
    }));
  }
  if (action === 'transfer' && event.state === 'transferred') {
    return toHistory(state, 'accepted', event.id, () => ({
      ...event,
      outcome: 'transferred',
      finishedAt: event.finishedAt ?? now.toISOString(),
    }));
  }
  return state;
}

/** The offer `id` moved to the accepted, as `held` makes it; the state as it is without that offer. */
function toAccepted(state: DeskState, id: string, held: (offer: DeskMediaEvent) => DeskMediaEvent): DeskState {
  const offer = state.offers.find((e) => e.id === id);
  if (!offer) return state;
  return { ...state, offers: without(state.offers, id), accepted: [...state.accepted, held(offer)] };
}

/** The media event `id` moved from `from` into the history, as `item` makes it; the state as it is without it. */
function toHistory(
  state: DeskState,
  from: 'offers' | 'accepted',
  id: string,
  item: (event: DeskMediaEvent) => HistoryItem,
): DeskState {
  const event = state[from].find((e) => e.id === id);
  if (!event) return state;
  return { ...state, [from]: without(state[from], id), history: remember(state.history, item(event)) };
}

const without = (events: DeskMediaEvent[], id: string) => events.filter((e) => e.id !== id);

function remember(history: HistoryItem[], item: HistoryItem): HistoryItem[] {
  return [item, ...history.filter((e) => e.id !== item.id || e.outcome !== item.outcome)].slice(0, HISTORY_LENGTH);
}

/** Seconds left until an offer's deadline (never negative). */
export function secondsLeft(offer: DeskMediaEvent, now: number): number {
  if (!offer.deadline) return 0;
  return Math.max(0, Math.ceil((Date.parse(offer.deadline) - now) / 1000));
}
