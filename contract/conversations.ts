import { z } from 'zod';
import { sentence } from '../i18n/sentence';
import { because } from '../i18n/zod-issue-sentence';
import { clientPageQuery, idParams, timestamp } from './common';
import { defineRoute } from './define-route';
import { conversationStates, outboundOrigins, outboundStatuses } from './domain';
import { resourceRoutes } from './resource-routes';
import { countSegments, MAX_SEGMENTS, MAX_SMS_CHARACTERS } from './sms-segments';
import { deskCompleteBody } from './desk';

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
  origin: z
    .enum(outboundOrigins)
    .nullable()
    .describe('Outbound: who wrote it: an agent (a reply), a workflow, or the system (a confirmation)'),
  agentId: z.string().nullable().describe('Outbound: the agent who wrote the reply'),
  agentName: z.string().nullable().describe('Outbound: that agent’s display name'),
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

/**
 * Why the customer of a conversation cannot be answered: its receive connector is gone, names no
 * send connector for replies, or that send connector cannot send (no credentials, or none that
 * can be read without SWITCHBOARD_SECRET_KEY, or settings an older version stored); or the
 * customer wrote from no phone number (an alphanumeric sender); or the customer opted out.
 */
export const cannotReplyReasons = [
  'noReceiveConnector',
  'noSendConnector',
  'sendConnectorUnusable',
  'customerNotANumber',
  // The customer is on the client's opt-out list (issue 15).
  'optedOut',
] as const;
export type CannotReplyReason = (typeof cannotReplyReasons)[number];

export const deskConversation = conversationWithThread.extend({
  earlier: z.array(earlierConversation).describe('The customer’s other conversations with this client, newest first'),
  canReply: z.boolean().describe('Whether a reply can reach the customer (see `cannotReplyReason`)'),
  cannotReplyReason: z.enum(cannotReplyReasons).nullable().describe('Why not, when `canReply` is false'),
  sendConnectorName: z.string().nullable().describe('The send connector replies go through, if any'),
});

/** A reply's text: not blank, at most MAX_SEGMENTS SMS; sent trimmed. */
export const deskReplyBody = z.strictObject({
  text: z
    .string()
    .trim()
    .min(1)
    .max(MAX_SMS_CHARACTERS)
    .superRefine((value, ctx) => {
      const { segments } = countSegments(value);
      if (segments <= MAX_SEGMENTS) return;
      const why = sentence('outboundSms.refused.textTooLong', { segments, max: MAX_SEGMENTS });
      ctx.addIssue({ code: 'custom', message: `needs ${segments} SMS`, params: because(why) });
    }),
});
export type DeskReplyBody = z.input<typeof deskReplyBody>;
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
  reply: defineRoute({
    method: 'POST',
    path: '/api/desk/conversations/:id/messages',
    summary:
      'Replies to the customer: the text goes to the outbox, through the send connector of the conversation’s receive connector.',
    description:
      `Agents only, in a conversation they hold. From the number the customer wrote to (else the send connector’s default sender); at most ${MAX_SEGMENTS} SMS. ` +
      'The message is answered `queued`; the desk stream’s `message-status` events follow it.',
    params: idParams,
    body: deskReplyBody,
    responses: { 201: conversationMessage },
    errors: {
      409: 'The conversation is not held by you (it is closed, waiting in its group, or with another agent)',
      422: 'The customer cannot be reached: no send connector for replies, or one that cannot send',
    },
  }),
  close: defineRoute({
    method: 'POST',
    path: '/api/desk/conversations/:id/close',
    summary: 'Closes a conversation the agent holds by e-mail (one with no live media event), with a wrap-up code.',
    description:
      'Agents only. Closes it as completing its media event would: with a wrap-up code where its group asks for one (400 naming `wrapUpCodeId` otherwise); a later SMS within the group’s reopen window reopens it and is offered to the agent first. A conversation held on the desk through a media event is closed by completing that event. Body optional.',
    params: idParams,
    body: deskCompleteBody,
    responses: { 200: conversation },
    errors: {
      409: 'The conversation is not held by you by e-mail (closed, waiting, with another agent, or held through a media event: complete that instead)',
    },
  }),
};
