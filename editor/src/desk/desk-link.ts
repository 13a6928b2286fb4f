import type { DeskMediaEvent } from '../../../contract/desk';
import type { DeskState } from './desk-state';

/** What an e-mail's link to the desk names: `?conversation=<id>` or `?mediaEvent=<id>`. */
export type DeskLink = { kind: 'conversation' | 'mediaEvent'; id: string };

/** The query parameters a desk link uses, by kind: the server's mails write exactly these. */
export const DESK_LINK_PARAMS = { conversation: 'conversation', mediaEvent: 'mediaEvent' } as const;

/**
 * The card a link found on the desk, and whether its reply box takes the focus (a held
 * conversation): a media event's card, or the card of a conversation held by e-mail.
 */
export type DeskLinkTarget =
  { mediaEventId: string; focusReply: boolean } | { heldConversationId: string; focusReply: true };

/** The link in a desk URL's query, if any (a conversation wins when both are given). */
export function deskLinkFrom(params: URLSearchParams): DeskLink | undefined {
  for (const kind of ['conversation', 'mediaEvent'] as const) {
    const id = params.get(DESK_LINK_PARAMS[kind])?.trim();
    if (id) return { kind, id };
  }
  return undefined;
}

/**
 * The card on the agent's desk a link names: work in hand first (a held conversation also has
 * its earlier offer nowhere else), then conversations held by e-mail, then offers. Undefined when it is not on this desk — the desk
 * only holds the agent's own work, so nothing about anyone else's is read or shown.
 */
export function findDeskLinkTarget(state: DeskState, link: DeskLink): DeskLinkTarget | undefined {
  const matches = (event: DeskMediaEvent) =>
    link.kind === 'conversation' ? event.conversationId === link.id : event.id === link.id;
  const held = state.accepted.find(matches);
  if (held) return { mediaEventId: held.id, focusReply: held.conversationId !== null };
  // Held by e-mail: the link of the mail that brought it, or of a later SMS in it.
  const byEmail = link.kind === 'conversation' && state.heldByEmail.find((conversation) => conversation.id === link.id);
  if (byEmail) return { heldConversationId: byEmail.id, focusReply: true };
  const offer = state.offers.find(matches);
  return offer ? { mediaEventId: offer.id, focusReply: false } : undefined;
}
