import type { SmsStatus } from '../api/types';

export const STATUS_COLORS: Record<SmsStatus, string> = {
  received: 'blue',
  routed: 'teal',
  queued: 'yellow',
  dropped: 'gray',
  failed: 'red',
};
