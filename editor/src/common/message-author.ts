import type { TFunction } from 'i18next';
import type { ConversationMessage } from '../../../contract/conversations';

/**
 * Who wrote an outbound message, in words: "You" for the reader's own reply, the agent's name for
 * another's (after a transfer the next agent sees who answered before), or what sent it.
 */
export function messageAuthor(message: ConversationMessage, t: TFunction, readerId?: string): string {
  if (message.origin === 'workflow') return t('deskReply.author.workflow');
  if (message.origin === 'system') return t('deskReply.author.system');
  if (readerId !== undefined && message.agentId === readerId) return t('deskReply.you');
  return message.agentName ?? t('deskReply.author.formerAgent');
}
