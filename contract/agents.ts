import { z } from 'zod';
import { acdGroupMember } from './acd-groups';
import { pageQuery, timestamp } from './common';
import { agentStatuses, chosenAgentStatuses, smsDeliveries } from './domain';
import { resourceRoutes } from './resource-routes';

export const agentStatusBody = z.strictObject({ status: z.enum(chosenAgentStatuses) });
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
  pauseReason: z.string().nullable().describe('The reason the agent gave for their pause (issue 16)'),
  load: z.number().int().describe('Media events offered to or accepted by the agent now'),
  groups: z.array(z.object({ acdGroupId: z.string(), name: z.string(), priority: z.number().int() })),
});
export type AgentView = z.output<typeof agentView>;

/** All ACD groups an agent is in, each with the agent's priority there: replaces every membership. */
export const agentGroupsBody = z.strictObject({
  groups: z
    .array(z.strictObject({ acdGroupId: z.uuid(), priority: acdGroupMember.shape.priority }))
    .max(1000)
    .describe('Every group of the agent’s client the agent is in; an empty list takes them out of all'),
});
export type AgentGroups = z.input<typeof agentGroupsBody>;

export const agentStatusChange = z.object({
  status: z.enum(agentStatuses),
  enteredAt: timestamp,
  changedBy: z.object({ id: z.string(), displayName: z.string().nullable() }).nullable(),
  reason: z.string().nullable(),
  pauseReason: z.string().nullable().describe('The pause reason the agent gave, by its name then'),
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
  setGroups: routes.ofOne('PUT', 'groups', {
    summary: 'Replaces the ACD groups an agent is in, all at once.',
    description:
      'One transaction: either every membership is as listed, or nothing changed. Each group must be one of the agent’s client (404 naming the entry otherwise); a group listed twice is 400.',
    body: agentGroupsBody,
    responses: { 200: agentView },
    errors: { 404: 'The agent, or a listed group in the agent’s client (`field` names the entry), does not exist' },
  }),
  statusHistory: routes.ofOne('GET', 'status-history', {
    summary: 'An agent’s last 200 status changes, newest first.',
    responses: { 200: z.object({ items: z.array(agentStatusChange) }) },
  }),
};
