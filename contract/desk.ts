import { z } from 'zod';
import { timestamp } from './common';
import { defineRoute } from './define-route';
import { agentStatuses, chosenAgentStatuses, mediaEventStates, smsDeliveries } from './domain';

/** The statuses an agent can be in, and those they choose between on their desk. */
export { agentStatuses, chosenAgentStatuses, type AgentStatus, type ChosenAgentStatus } from './domain';

export const deskStatusBody = z.strictObject({ status: z.enum(chosenAgentStatuses) });

export const deskActions = ['accept', 'decline', 'complete'] as const;
export type DeskAction = (typeof deskActions)[number];

/** A media event as an agent's desk shows it: with its SMS. */
export const deskMediaEvent = z.object({
  id: z.string(),
  subject: z.string(),
  priority: z.number().int(),
  state: z.enum(mediaEventStates),
  acdGroupId: z.string().nullable(),
  acdGroupName: z.string().nullable(),
  createdAt: timestamp,
  conversationId: z
    .string()
    .nullable()
    .describe('Its conversation (`/api/desk/conversations/:id`); null for work stored before conversations'),
  sms: z.object({
    id: z.string(),
    sender: z.string(),
    receiver: z.string(),
    message: z.string(),
    receivedAt: timestamp,
  }),
  offeredAt: timestamp.optional(),
  deadline: timestamp.optional(),
  acceptedAt: timestamp.optional(),
  finishedAt: timestamp.optional(),
});
export type DeskMediaEvent = z.output<typeof deskMediaEvent>;

export const historyOutcomes = ['completed', 'delivered', 'declined', 'expired', 'withdrawn', 'failed'] as const;
export type HistoryOutcome = (typeof historyOutcomes)[number];

export const deskSnapshot = z.object({
  agent: z.object({
    id: z.string(),
    displayName: z.string(),
    smsDelivery: z.enum(smsDeliveries),
    capacity: z.number().int(),
  }),
  status: z.enum(agentStatuses),
  statusSince: timestamp.nullable(),
  lastEventId: z.number().int().describe('The desk log’s position this snapshot reflects: stream from here'),
  offers: z.array(deskMediaEvent),
  accepted: z.array(deskMediaEvent),
  history: z.array(deskMediaEvent.extend({ outcome: z.enum(historyOutcomes) })),
});
export type DeskSnapshot = z.output<typeof deskSnapshot>;

export const withdrawReasons = ['expired', 'declined', 'pause', 'logged_off', 'cancelled', 'reassigned'] as const;
export type WithdrawReason = (typeof withdrawReasons)[number];

export const deskStatus = z.object({ status: z.enum(agentStatuses), statusSince: timestamp });

/** What `GET /api/desk/stream` sends, by event name. */
export const deskStreamEvents = {
  offer: deskMediaEvent,
  withdrawn: z.object({ mediaEventId: z.string(), reason: z.enum(withdrawReasons) }),
  accepted: z.object({ mediaEventId: z.string() }),
  completed: z.object({ mediaEventId: z.string() }),
  status: deskStatus,
  /** A new inbound SMS in a conversation the agent holds: no offer, it is theirs already. */
  message: z.object({
    conversationId: z.string(),
    smsId: z.string(),
    sender: z.string(),
    message: z.string(),
    receivedAt: timestamp,
  }),
  reset: z.record(z.string(), z.never()),
};
export type DeskStreamEvents = { [K in keyof typeof deskStreamEvents]: z.output<(typeof deskStreamEvents)[K]> };
export type DeskEventKind = keyof DeskStreamEvents;
export const deskEventKinds = [
  'offer',
  'withdrawn',
  'accepted',
  'completed',
  'status',
  'message',
  'reset',
] as const satisfies readonly DeskEventKind[];

const actionSummaries: Record<DeskAction, { summary: string; conflict: string }> = {
  accept: { summary: 'Accepts a media event offered to the agent.', conflict: 'The event is no longer offered to you' },
  decline: {
    summary: 'Declines an offer; the event goes back to the queue.',
    conflict: 'The event is no longer offered to you',
  },
  complete: {
    summary: 'Completes a media event the agent holds and closes its conversation (body optional).',
    conflict: 'The event is not held by you',
  },
};

/** Completing closes the event's conversation, with a wrap-up code where its group asks for one. */
export const deskCompleteBody = z.strictObject({
  wrapUpCodeId: z.uuid().nullable().optional().describe('The wrap-up code (one the group offers)'),
});

const deskRoute = (action: DeskAction) =>
  defineRoute({
    method: 'POST',
    path: `/api/desk/media-events/:id/${action}`,
    summary: actionSummaries[action].summary,
    params: z.object({ id: z.uuid() }),
    body: action === 'complete' ? deskCompleteBody : null,
    responses: { 200: deskMediaEvent },
    errors: { 409: actionSummaries[action].conflict },
  });

const forAgents = 'Agents only, acting on their own work.';

export const deskApi = {
  get: defineRoute({
    method: 'GET',
    path: '/api/desk',
    summary: 'The agent’s desk: status, offers, accepted work and recent history.',
    description: forAgents,
    responses: { 200: deskSnapshot },
  }),
  setStatus: defineRoute({
    method: 'PUT',
    path: '/api/desk/status',
    summary: 'Sets the agent’s own status.',
    description: forAgents,
    body: deskStatusBody,
    responses: { 200: deskStatus },
  }),
  accept: deskRoute('accept'),
  decline: deskRoute('decline'),
  complete: deskRoute('complete'),
  stream: defineRoute({
    method: 'GET',
    path: '/api/desk/stream',
    summary: 'Server-sent events of the agent’s desk, resumable from the last event id.',
    description: `Events: ${deskEventKinds.join(', ')}; \`reset\` says the desk must be reloaded. ${forAgents}`,
    query: z.object({
      lastEventId: z.string().optional().describe('Where to resume (as the Last-Event-ID header)'),
    }),
    headers: z.object({ 'last-event-id': z.string().optional() }),
    responses: { 200: { contentType: 'text/event-stream', description: 'The desk’s events, one per change' } },
  }),
};
