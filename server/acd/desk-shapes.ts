// The agent desk's API shapes, shared by the server and the web UI (types and constants only).
import type { AgentStatus, MediaEventState, SmsDelivery } from '../db/schema';

export { agentStatuses } from '../db/schema';
export type { AgentStatus };

/** A media event as an agent's desk shows it: with its SMS. */
export interface DeskMediaEvent {
  id: string;
  subject: string;
  priority: number;
  state: MediaEventState;
  acdGroupId: string | null;
  acdGroupName: string | null;
  createdAt: string;
  sms: { id: string; sender: string; receiver: string; message: string; receivedAt: string };
  offeredAt?: string;
  deadline?: string;
  acceptedAt?: string;
  finishedAt?: string;
}

export type HistoryOutcome = 'completed' | 'delivered' | 'declined' | 'expired' | 'withdrawn' | 'failed';

export interface DeskSnapshot {
  agent: { id: string; displayName: string; smsDelivery: SmsDelivery; capacity: number };
  status: AgentStatus;
  statusSince: string | null;
  /** The desk log's position this snapshot reflects: stream from here. */
  lastEventId: number;
  offers: DeskMediaEvent[];
  accepted: DeskMediaEvent[];
  history: Array<DeskMediaEvent & { outcome: HistoryOutcome }>;
}

export type WithdrawReason = 'expired' | 'declined' | 'pause' | 'logged_off' | 'cancelled';

/** What `GET /api/desk/stream` sends, by event name. */
export interface DeskStreamEvents {
  offer: DeskMediaEvent;
  withdrawn: { mediaEventId: string; reason: WithdrawReason };
  accepted: { mediaEventId: string };
  completed: { mediaEventId: string };
  status: { status: AgentStatus; statusSince: string };
  reset: Record<string, never>;
}
export type DeskEventKind = keyof DeskStreamEvents;
export const deskEventKinds = [
  'offer',
  'withdrawn',
  'accepted',
  'completed',
  'status',
  'reset',
] as const satisfies readonly DeskEventKind[];
