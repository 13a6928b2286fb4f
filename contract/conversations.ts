import { z } from 'zod';
import { clientPageQuery, idParams, timestamp } from './common';
import { defineRoute } from './define-route';
import { conversationStates, outboundStatuses } from './domain';
import { resourceRoutes } from './resource-routes';

export const conversationListQuery = clientPageQuery.extend({
  state: z.enum(conversationStates).optional(),
  customerNumber: z.string().min(1).max(64).optional().describe('The customer’s number, normalized (E.164)'),
});

/** A conversation as lists show it: who, where, and how it stands. */
export const conversation = z.object({
  id: z.string(),
  clientId: z.string(),
  connectorId: z.string().nullable(),
  ourNumber: z.string().describe('The number the customer wrote to, normalized'),
  customerNumber: z.string().describe('The customer’s number, normalized'),
  state: z.enum(conversationStates),
  acdGroupId: z.string().nullable(),
  agentId: z.string().nullable().describe('The agent holding it now'),
  lastAgentId: z.string().nullable().describe('The agent who closed it last (a reopening SMS goes to them first)'),
  openedAt: timestamp,
  lastMessageAt: timestamp,
  closedAt: timestamp.nullable(),
  wrapUpCodeId: z.string().nullable(),
});
export type Conversation = z.output<typeof conversation>;

export const messageDirections = ['inbound', 'outbound'] as const;

/** One message of a thread: an inbound SMS, or an outbound one (a reply) with its delivery status. */
export const conversationMessage = z.object({
  id: z.string(),
  direction: z.enum(messageDirections),
  text: z.string(),
  at: timestamp.describe('Inbound: when it arrived; outbound: when it was written to the outbox'),
  smsId: z.string().nullable().describe('Inbound: the SMS (its id in `/api/sms`)'),
  status: z.enum(outboundStatuses).nullable().describe('Outbound: where its delivery stands'),
  error: z.string().nullable().describe('Outbound: the provider’s words when it failed'),
});
export type ConversationMessage = z.output<typeof conversationMessage>;

export const conversationWithThread = conversation.extend({ messages: z.array(conversationMessage) });

/** A customer's earlier conversation, as the desk lists it beside the thread. */
export const earlierConversation = z.object({
  id: z.string(),
  state: z.enum(conversationStates),
  openedAt: timestamp,
  lastMessageAt: timestamp,
  closedAt: timestamp.nullable(),
});

export const deskConversation = conversationWithThread.extend({
  earlier: z.array(earlierConversation).describe('The customer’s other conversations with this client, newest first'),
});

/** A conversation as Traffic lists it: with its newest message, either way. */
export const conversationListItem = conversation.extend({
  lastMessage: z
    .object({ direction: z.enum(messageDirections), text: z.string(), at: timestamp })
    .nullable()
    .describe('The newest message of the thread (null: none yet)'),
});
export type ConversationListItem = z.output<typeof conversationListItem>;

const routes = resourceRoutes('/api/conversations', conversation);
const listRoutes = resourceRoutes('/api/conversations', conversationListItem);

export const conversationApi = {
  list: listRoutes.list(conversationListQuery, {
    summary: 'Conversations, newest first, each with its newest message (not the whole thread).',
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/conversations/:id',
    summary: 'One conversation with its thread.',
    params: idParams,
    responses: { 200: conversationWithThread },
  }),
};

export const deskConversationApi = {
  get: defineRoute({
    method: 'GET',
    path: '/api/desk/conversations/:id',
    summary: 'A conversation the agent holds or is offered, with its thread and the customer’s earlier conversations.',
    description: 'Agents only.',
    params: idParams,
    responses: { 200: deskConversation },
  }),
};
