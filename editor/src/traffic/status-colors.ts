import type { ConversationState, OutboundStatus, SmsStatus } from '../api/types';

export const STATUS_COLORS: Record<SmsStatus, string> = {
  received: 'blue',
  routed: 'teal',
  queued: 'yellow',
  dropped: 'gray',
  failed: 'red',
  // Opt-out keyword SMS (issue 15).
  opted_out: 'grape',
  opted_in: 'cyan',
};

export const CONVERSATION_STATE_COLORS: Record<ConversationState, string> = {
  waiting: 'orange',
  assigned: 'teal',
  closed: 'gray',
};

export const OUTBOUND_COLORS: Record<OutboundStatus, string> = {
  queued: 'gray',
  sending: 'blue',
  sent: 'blue',
  delivered: 'teal',
  failed: 'red',
};
