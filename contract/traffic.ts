import { z } from 'zod';
import { clientPageQuery, idParams, isoTime, timestamp } from './common';
import { defineRoute } from './define-route';
import { executionStatuses, mediaEventStates, smsDeliveries, smsStatuses } from './domain';
import { resourceRoutes } from './resource-routes';
import { traceStep, workflowOutcome } from './workflow-shapes';

/** What Traffic is searched for: matched literally (`%` and `_` are no wildcards), trimmed. */
export const SEARCH_MAX_LENGTH = 100;
const searchText = z.string().trim().min(1).max(SEARCH_MAX_LENGTH);

export const smsListQuery = clientPageQuery.extend({
  connectorId: z.uuid().optional(),
  status: z.enum(smsStatuses).optional(),
  from: isoTime.optional().describe('Received at or after'),
  to: isoTime.optional().describe('Received before'),
  sender: searchText.optional().describe('Part of the sender, as it arrived or normalized (any letter case)'),
  text: searchText.optional().describe('Part of the text (any letter case)'),
});
export const mediaEventListQuery = clientPageQuery.extend({
  acdGroupId: z.uuid().optional(),
  state: z.enum(mediaEventStates).optional(),
  smsId: z.uuid().optional(),
});
export const mediaEventCancelBody = z.strictObject({});

export const mediaEvent = z.object({
  id: z.string(),
  clientId: z.string(),
  smsId: z.string(),
  acdGroupId: z.string().nullable(),
  subject: z.string(),
  priority: z.number().int(),
  state: z.enum(mediaEventStates),
  agentId: z.string().nullable(),
  createdAt: timestamp,
});
export type MediaEvent = z.output<typeof mediaEvent>;

export const execution = z.object({
  id: z.string(),
  routingApplicationId: z
    .string()
    .nullable()
    .describe('Null when the application was deleted, or for a run written off before any version ran'),
  versionId: z.string().nullable(),
  versionNumber: z.number().int().nullable(),
  status: z.enum(executionStatuses),
  outcome: workflowOutcome.nullable(),
  trace: z.array(traceStep).nullable(),
  startedAt: timestamp,
  finishedAt: timestamp.nullable(),
  waitingFor: z
    .object({
      nodeId: z.string().describe('The "Wait for reply" node the run is paused at'),
      sender: z.string().describe('Whose next SMS resumes it (normalized)'),
      receiver: z.string().describe('The number that SMS must be sent to (normalized)'),
      since: timestamp,
      until: timestamp.describe('When it goes on by its timeout port instead'),
    })
    .nullable()
    .describe('Set while the execution is `waiting`: what it waits for'),
});
export type Execution = z.output<typeof execution>;

export const inboundSms = z.object({
  id: z.string(),
  clientId: z.string(),
  connectorId: z.string().nullable(),
  sender: z.string().describe('As it arrived (an alphanumeric sender stays `DHL`)'),
  senderNormalized: z.string().describe('E.164 when it is a phone number'),
  receiver: z.string().describe('As it arrived'),
  receiverNormalized: z.string().describe('E.164'),
  message: z.string(),
  keyword: z.string().nullable(),
  messageId: z.string().nullable(),
  status: z.enum(smsStatuses),
  receivedAt: timestamp,
  parts: z
    .object({ total: z.number().int(), received: z.number().int() })
    .nullable()
    .describe('A multipart SMS joined from its parts: how many it has and how many arrived (fewer: incomplete)'),
  conversationId: z.string().nullable().describe('The conversation it belongs to (none: stored before conversations)'),
  mediaEvent: mediaEvent.nullable(),
  execution: execution.nullable(),
});
export type InboundSms = z.output<typeof inboundSms>;

/** What happened to an SMS in the ACD, step by step: the steps its media event and offers record. */
export const handlingStepKinds = [
  'queued',
  'offered',
  'accepted',
  'declined',
  'timed_out',
  'withdrawn',
  'delivered',
  'failed',
  'completed',
  'wait_exceeded',
  'cancelled',
] as const;
export type HandlingStepKind = (typeof handlingStepKinds)[number];

export const handlingStep = z.object({
  at: timestamp,
  kind: z
    .enum(handlingStepKinds)
    .describe(
      'queued: the media event was made; offered: to an agent; then that offer’s end (accepted, declined, ' +
        'timed_out: the agent did not answer in time, withdrawn: taken back, delivered or failed: by e-mail); ' +
        'completed: the agent finished it; wait_exceeded: it waited longer than its group allows; cancelled: by an admin',
    ),
  agentId: z.string().nullable().describe('The agent it was offered to, or who had it'),
  agentName: z.string().nullable().describe('That agent’s display name (null: the user is gone)'),
  channel: z.enum(smsDeliveries).nullable().describe('Offers: how the agent takes SMS (desk or e-mail)'),
});
export type HandlingStep = z.output<typeof handlingStep>;

export const smsDetail = inboundSms.extend({
  handling: z.array(handlingStep).describe('Who handled it and when, oldest first (empty: no media event)'),
});
export type SmsDetail = z.output<typeof smsDetail>;

const smsRoutes = resourceRoutes('/api/sms', inboundSms);
const mediaEventRoutes = resourceRoutes('/api/media-events', mediaEvent);

export const smsApi = {
  list: smsRoutes.list(smsListQuery, {
    summary: 'Inbound SMS, newest first, each with its media event and workflow execution.',
    description: '`sender` and `text` search literally for a part (up to 100 characters each).',
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/sms/:id',
    summary: 'One inbound SMS with what it led to and who handled it when.',
    params: idParams,
    responses: { 200: smsDetail },
  }),
};

export const mediaEventApi = {
  cancel: mediaEventRoutes.ofOne('POST', 'cancel', {
    summary: 'Cancels a media event nobody works on yet (spam, a duplicate).',
    body: mediaEventCancelBody,
    responses: { 200: mediaEvent },
    errors: { 409: 'The media event is accepted or finished already' },
  }),
  list: mediaEventRoutes.list(mediaEventListQuery, { summary: 'Media events, newest first.' }),
};
