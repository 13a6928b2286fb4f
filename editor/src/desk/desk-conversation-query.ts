import type { z } from 'zod';
import type { deskConversation } from '../../../contract/conversations';

export type DeskConversation = z.output<typeof deskConversation>;

/** The query key of a conversation on the desk: a new message in it (desk stream) refreshes it. */
export const deskConversationKey = (conversationId: string) => ['desk-conversation', conversationId] as const;
