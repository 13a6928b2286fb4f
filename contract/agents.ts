import { z } from 'zod';
import { pageQuery, timestamp } from './common';
import { agentStatuses, smsDeliveries } from './domain';
import { resourceRoutes } from './resource-routes';

export const agentStatusBody = z.strictObject({ status: z.enum(agentStatuses) });
export const agentListQuery = z.object({
  ...pageQuery,
  clientId: z.uuid().optional(),
  status: z.enum(agentStatuses).optional(),
  acdGroupId: z.uuid().optional(),
});

/** An agent (a user with role `agent`) with their ACD status. */
export const agentView = z.object({
  id: z.string(),
  clientId: z.string(),
  displayName: z.string(),
  email: z.string(),
  smsDelivery: z.enum(smsDeliveries),
  capacity: z.number().int(),
  active: z.boolean(),
  status: z.enum(agentStatuses),
  statusSince: timestamp.nullable(),
  load: z.number().int().describe('Media events offered to or accepted by the agent now'),
  groups: z.array(z.object({ acdGroupId: z.string(), name: z.string(), priority: z.number().int() })),
});
export type AgentView = z.output<typeof agentView>;

export const agentStatusChange = z.object({
  status: z.enum(agentStatuses),
  enteredAt: timestamp,
  changedBy: z.object({ id: z.string(), displayName: z.string().nullable() }).nullable(),
  reason: z.string().nullable(),
});
export type AgentStatusChange = z.output<typeof agentStatusChange>;

const routes = resourceRoutes('/api/agents', agentView);

export const agentApi = {
  list: routes.list(agentListQuery, { summary: 'The agents of the caller’s clients with their status.' }),
  get: routes.get({ summary: 'One agent with their status.' }),
  setStatus: routes.ofOne('PUT', 'status', {
    summary: 'Sets an agent’s status on their behalf.',
    body: agentStatusBody,
    responses: { 200: agentView },
    errors: { 409: 'The agent is deactivated (only `logged_off` is allowed)' },
  }),
  statusHistory: routes.ofOne('GET', 'status-history', {
    summary: 'An agent’s last 200 status changes, newest first.',
    responses: { 200: z.object({ items: z.array(agentStatusChange) }) },
  }),
};
