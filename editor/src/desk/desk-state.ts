import type {
  DeskEventKind,
  DeskMediaEvent,
  DeskSnapshot,
  DeskStreamEvents,
  HistoryOutcome,
} from '../../../contract/desk';

export type HistoryItem = DeskMediaEvent & { outcome: HistoryOutcome };

export interface DeskState {
  status: DeskSnapshot['status'];
  statusSince: string | null;
  /** The last desk event applied: a resumed stream starts after it. */
  lastEventId: number;
  offers: DeskMediaEvent[];
  accepted: DeskMediaEvent[];
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
    lastEventId: snapshot.lastEventId,
    offers: snapshot.offers,
    accepted: snapshot.accepted,
    history: snapshot.history,
  };
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
      const offer = state.offers.find((e) => e.id === event.data.mediaEventId);
      if (!offer) return next;
      const outcome: HistoryOutcome =
        event.data.reason === 'declined' || event.data.reason === 'expired' ? event.data.reason : 'withdrawn';
      return {
        ...next,
        offers: state.offers.filter((e) => e.id !== offer.id),
        history: remember(state.history, { ...offer, outcome, finishedAt: now.toISOString() }),
      };
    }
    case 'accepted': {
      const offer = state.offers.find((e) => e.id === event.data.mediaEventId);
      if (!offer) return next;
      return {
        ...next,
        offers: state.offers.filter((e) => e.id !== offer.id),
        accepted: [...state.accepted, { ...offer, state: 'accepted', acceptedAt: now.toISOString() }],
      };
    }
    case 'completed': {
      const held = state.accepted.find((e) => e.id === event.data.mediaEventId);
      if (!held) return next;
      return {
        ...next,
        accepted: state.accepted.filter((e) => e.id !== held.id),
        history: remember(state.history, {
          ...held,
          state: 'completed',
          outcome: 'completed',
          finishedAt: now.toISOString(),
        }),
      };
    }
    case 'status':
      return { ...next, status: event.data.status, statusSince: event.data.statusSince };
    case 'reset':
      // The caller reloads the snapshot; until then the state stands.
      return state;
  }
}

export type DeskAction = 'accept' | 'decline' | 'complete';

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
    if (!state.offers.some((e) => e.id === event.id) || state.accepted.some((e) => e.id === event.id)) return state;
    return {
      ...state,
      offers: state.offers.filter((e) => e.id !== event.id),
      accepted: [...state.accepted, { ...event, acceptedAt: event.acceptedAt ?? now.toISOString() }],
    };
  }
  if (action === 'complete' && event.state === 'completed') {
    if (!state.accepted.some((e) => e.id === event.id)) return state;
    return {
      ...state,
      accepted: state.accepted.filter((e) => e.id !== event.id),
      history: remember(state.history, {
        ...event,
        outcome: 'completed',
        finishedAt: event.finishedAt ?? now.toISOString(),
      }),
    };
  }
  return state;
}

function remember(history: HistoryItem[], item: HistoryItem): HistoryItem[] {
  return [item, ...history.filter((e) => e.id !== item.id || e.outcome !== item.outcome)].slice(0, HISTORY_LENGTH);
}

/** Seconds left until an offer's deadline (never negative). */
export function secondsLeft(offer: DeskMediaEvent, now: number): number {
  if (!offer.deadline) return 0;
  return Math.max(0, Math.ceil((Date.parse(offer.deadline) - now) / 1000));
}
