import { z } from 'zod';
import { clientPageQuery, isoTime, timestamp } from './common';
import { executionStatuses, mediaEventStates, smsStatuses } from './domain';
import { resourceRoutes } from './resource-routes';
import { traceStep, workflowOutcome } from './workflow-shapes';

export const smsListQuery = clientPageQuery.extend({
  connectorId: z.uuid().optional(),
  status: z.enum(smsStatuses).optional(),
  from: isoTime.optional().describe('Received at or after'),
  to: isoTime.optional().describe('Received before'),
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

const smsRoutes = resourceRoutes('/api/sms', inboundSms);
const mediaEventRoutes = resourceRoutes('/api/media-events', mediaEvent);

export const smsApi = {
  list: smsRoutes.list(smsListQuery, {
    summary: 'Inbound SMS, newest first, each with its media event and workflow execution.',
  }),
  get: smsRoutes.get({ summary: 'One inbound SMS with what it led to.' }),
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
