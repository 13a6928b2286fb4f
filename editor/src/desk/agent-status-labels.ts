import type { AgentStatus } from '../../../contract/desk';
import { agentStatuses, chosenAgentStatuses } from '../../../contract/desk';

import { t } from '../i18n/setup-i18n';

export { agentStatuses, chosenAgentStatuses };

/** A status's name in the UI's language. */
export const agentStatusLabel = (status: AgentStatus): string => t(`status.agent.${status}`);

export const AGENT_STATUS_COLORS: Record<AgentStatus, string> = {
  available: 'teal',
  busy: 'orange',
  pause: 'yellow',
  wrap_up: 'violet',
  not_responding: 'red',
  logged_off: 'gray',
};

/** "5 min", "2 h 10 min": how long since an ISO time. */
export function durationSince(iso: string | null | undefined, now: number): string {
  if (!iso) return '';
  const seconds = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
