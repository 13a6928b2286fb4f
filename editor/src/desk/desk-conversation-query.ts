import type { z } from 'zod';
import type { deskConversation } from '../../../contract/conversations';
import type { DeskStreamEvents } from '../../../contract/desk';
import type { OutboundStatus } from '../../../contract/domain';

export type DeskConversation = z.output<typeof deskConversation>;

/** The query key of a conversation on the desk: a new message in it (desk stream) refreshes it. */
export const deskConversationKey = (conversationId: string) => ['desk-conversation', conversationId] as const;

const rank: Record<OutboundStatus, number> = { queued: 0, sending: 1, sent: 2, delivered: 3, failed: 3 };

/**
 * The thread with a reply's new status (a `message-status` desk event), forwards only (a stream
 * resumed after a drop may hand an older event again); undefined when the thread does not hold
 * the reply (yet): then it is to be read again.
 */
export function withMessageStatus(
  thread: DeskConversation | undefined,
  change: DeskStreamEvents['message-status'],
): DeskConversation | undefined {
  if (!thread?.messages.some((m) => m.id === change.messageId)) return undefined;
  return {
    ...thread,
    messages: thread.messages.map((m) =>
      m.id === change.messageId && rank[change.status] > (m.status ? rank[m.status] : -1)
        ? { ...m, status: change.status, error: change.error }
        : m,
    ),
  };
}
