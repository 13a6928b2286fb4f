// Admin API shapes of agents and the live group view, shared by the server and the web UI.
import type { AcdStrategy, AgentStatus, SmsDelivery } from '../db/schema';

export interface AgentView {
  id: string;
  clientId: string;
  displayName: string;
  email: string;
  smsDelivery: SmsDelivery;
  capacity: number;
  active: boolean;
  status: AgentStatus;
  statusSince: string | null;
  /** Media events offered to or accepted by the agent now. */
  load: number;
  groups: Array<{ acdGroupId: string; name: string; priority: number }>;
}

export interface AgentStatusChange {
  status: AgentStatus;
  enteredAt: string;
  changedBy: { id: string; displayName: string | null } | null;
  reason: string | null;
}

export interface AcdGroupLive {
  group: { id: string; name: string; strategy: AcdStrategy; offerTimeoutSeconds: number };
  queueLength: number;
  oldestQueuedAt: string | null;
  offered: number;
  accepted: number;
  /** Whether this server has a mail server; without one, agents who take SMS by e-mail are offered none. */
  emailConfigured: boolean;
  agents: Array<{
    id: string;
    displayName: string;
    status: AgentStatus;
    statusSince: string | null;
    load: number;
    capacity: number;
    priority: number;
    smsDelivery: SmsDelivery;
    /** Whether dispatch would offer this agent an SMS now (the rule of offer-eligibility.ts). */
    canTakeOffer: boolean;
  }>;
}
