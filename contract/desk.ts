import { z } from 'zod';
import { timestamp } from './common';
import { defineRoute } from './define-route';
import { agentStatuses, chosenAgentStatuses, mediaEventStates, outboundStatuses, smsDeliveries } from './domain';

/** The statuses an agent can be in, and those they choose between on their desk. */
export { agentStatuses, chosenAgentStatuses, type AgentStatus, type ChosenAgentStatus } from './domain';

export const deskStatusBody = z.strictObject({
  status: z.enum(chosenAgentStatuses),
  pauseReasonId: z
    .uuid()
    .nullable()
    .optional()
    .describe(
      'With `pause` only: one of the client’s pause reasons (`/api/desk/pause-reasons`). Optional; pausing again with another reason is a change of its own in the status history',
    ),
});

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
  transfer: z
    .object({
      note: z.string().nullable().describe('What the agent who handed it on wrote for the next one'),
      by: z.string().nullable().describe('The display name of the agent who handed it on'),
    })
    .optional()
    .describe('Present when another agent transferred this conversation here'),
});
export type DeskMediaEvent = z.output<typeof deskMediaEvent>;

export const historyOutcomes = [
  'completed',
  'delivered',
  'declined',
  'expired',
  'withdrawn',
  'failed',
  'transferred',
] as const;
export type HistoryOutcome = (typeof historyOutcomes)[number];

/**
 * A conversation the agent holds with no live media event: they took it by e-mail (the offer was
 * mailed, its event is `delivered`), so the customer's next SMS are mailed to them too. They
 * answer it (`POST /api/desk/conversations/:id/messages`) and close it
 * (`POST /api/desk/conversations/:id/close`) from the desk.
 */
export const deskHeldConversation = z.object({
  id: z.string().describe('The conversation (`/api/desk/conversations/:id`)'),
  customerNumber: z.string().describe('The customer’s number, normalized'),
  ourNumber: z.string().describe('The number the customer wrote to, normalized'),
  acdGroupId: z.string().nullable(),
  acdGroupName: z.string().nullable(),
  openedAt: timestamp,
  lastMessageAt: timestamp.describe('The newest message either way'),
  lastInbound: z
    .object({ smsId: z.string(), message: z.string(), receivedAt: timestamp })
    .nullable()
    .describe('The customer’s newest SMS'),
});
export type DeskHeldConversation = z.output<typeof deskHeldConversation>;

export const deskSnapshot = z.object({
  agent: z.object({
    id: z.string(),
    displayName: z.string(),
    smsDelivery: z.enum(smsDeliveries),
    capacity: z.number().int(),
  }),
  status: z.enum(agentStatuses),
  statusSince: timestamp.nullable(),
  pauseReason: z.string().nullable().describe('The name of the reason given for the pause; null without one'),
  lastEventId: z.number().int().describe('The desk log’s position this snapshot reflects: stream from here'),
  offers: z.array(deskMediaEvent),
  accepted: z.array(deskMediaEvent),
  heldByEmail: z
    .array(deskHeldConversation)
    .describe('Conversations the agent holds with no live media event (taken by e-mail), newest message first'),
  history: z.array(deskMediaEvent.extend({ outcome: z.enum(historyOutcomes) })),
});
export type DeskSnapshot = z.output<typeof deskSnapshot>;

export const withdrawReasons = ['expired', 'declined', 'pause', 'logged_off', 'cancelled', 'reassigned'] as const;
export type WithdrawReason = (typeof withdrawReasons)[number];

export const deskStatus = z.object({
  status: z.enum(agentStatuses),
  statusSince: timestamp,
  // Optional: desk log entries written before pause reasons lack it.
  pauseReason: z.string().nullable().optional().describe('The name of the reason given for the pause'),
});
export type DeskStatus = z.output<typeof deskStatus>;

/** What `GET /api/desk/stream` sends, by event name. */
export const deskStreamEvents = {
  offer: deskMediaEvent,
  withdrawn: z.object({ mediaEventId: z.string(), reason: z.enum(withdrawReasons) }),
  accepted: z.object({ mediaEventId: z.string() }),
  completed: z.object({ mediaEventId: z.string() }),
  /** The agent handed the work on: it leaves their desk (the new holder gets an offer). */
  transferred: z.object({ mediaEventId: z.string() }),
  status: deskStatus,
  /** A new inbound SMS in a conversation the agent holds: no offer, it is theirs already. */
  message: z.object({
    conversationId: z.string(),
    smsId: z.string(),
    sender: z.string(),
    message: z.string(),
    receivedAt: timestamp,
  }),
  /** A reply in a conversation the agent holds moved on: sent, delivered or failed (with the provider's words). */
  'message-status': z.object({
    conversationId: z.string(),
    messageId: z.string().describe('The outbound message (its id in the thread and in `/api/outbound-sms`)'),
    status: z.enum(outboundStatuses),
    error: z.string().nullable(),
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
  'transferred',
  'status',
  'message',
  'message-status',
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

export const TRANSFER_NOTE_MAX = 1000;

/** Where a held conversation goes: exactly one of a group and an agent (checked by the route, naming the field). */
export const deskTransferBody = z.strictObject({
  acdGroupId: z.uuid().optional().describe('An ACD group of the agent’s client: the work waits there'),
  agentId: z
    .uuid()
    .optional()
    .describe(
      'An agent of the client: the work waits in the conversation’s group when they are a member, else in their group of highest priority, and goes to them first when they are available',
    ),
  note: z.string().trim().max(TRANSFER_NOTE_MAX).optional().describe('Shown with the offer to the next agent'),
});
export type DeskTransferBody = z.output<typeof deskTransferBody>;

export const deskTransferResult = z.object({
  mediaEvent: deskMediaEvent.describe('The caller’s media event, ended as `transferred`'),
  queued: z.object({
    id: z.string().describe('The new media event, queued in the target group'),
    acdGroupId: z.string(),
    acdGroupName: z.string(),
    preferredAgentId: z.string().nullable().describe('The agent it goes to first (a transfer to an agent)'),
  }),
});
export type DeskTransferResult = z.output<typeof deskTransferResult>;

/** Whom an agent may transfer to: the groups of their client, each with its members. */
export const transferTargets = z.object({
  groups: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      agents: z.array(z.object({ id: z.string(), displayName: z.string(), status: z.enum(agentStatuses) })),
    }),
  ),
});
export type TransferTargets = z.output<typeof transferTargets>;

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
    summary: 'Sets the agent’s own status, with a pause reason when pausing.',
    description: `${forAgents} A \`pauseReasonId\` with another status, or one not of the agent’s client, is 400 naming the field.`,
    body: deskStatusBody,
    responses: { 200: deskStatus },
  }),
  accept: deskRoute('accept'),
  decline: deskRoute('decline'),
  complete: deskRoute('complete'),
  transfer: defineRoute({
    method: 'POST',
    path: '/api/desk/media-events/:id/transfer',
    summary:
      'Hands a media event the agent holds on to another ACD group or agent, with a note; the thread goes along.',
    description: `${forAgents} In one transaction the event ends as \`transferred\`, a new one for the same SMS and conversation is queued in the target group with the note, and the conversation waits there. Exactly one of \`acdGroupId\` and \`agentId\` (400 naming the field otherwise); a group or agent of another client is 404 naming the field.`,
    params: z.object({ id: z.uuid() }),
    body: deskTransferBody,
    responses: { 200: deskTransferResult },
    errors: { 409: 'The event is not held by you' },
  }),
  transferTargets: defineRoute({
    method: 'GET',
    path: '/api/desk/transfer-targets',
    summary: 'The ACD groups of the agent’s client and their members, to transfer to.',
    description: 'Agents only: their own client’s groups, by name; members by display name.',
    responses: { 200: transferTargets },
  }),
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
