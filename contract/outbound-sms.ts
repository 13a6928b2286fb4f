import { z } from 'zod';
import { clientPageQuery, timestamp } from './common';
import { defineRoute, type RouteDefinition } from './define-route';
import { outboundOrigins, outboundStatuses } from './domain';
import { resourceRoutes } from './resource-routes';

// Outbound SMS: the outbox and its record. Messages are written by what causes them (a desk
// reply, a workflow) in the same transaction, sent by the outbox worker, and moved on by the
// provider's delivery reports. Admins read them here; nothing is created over this API.

export const outboundSmsListQuery = clientPageQuery.extend({
  status: z.enum(outboundStatuses).optional(),
  sendConnectorId: z.uuid().optional(),
});

export const outboundSms = z.object({
  id: z.string(),
  clientId: z.string(),
  sendConnectorId: z.string(),
  conversationId: z.string().nullable(),
  origin: z.enum(outboundOrigins),
  to: z.string(),
  from: z.string(),
  text: z.string(),
  segments: z.number().int(),
  encoding: z.enum(['GSM-7', 'UCS-2']),
  status: z
    .enum(outboundStatuses)
    .describe('queued (in the outbox), sending, sent (the provider took it), delivered, or failed (for good)'),
  attempts: z.number().int(),
  nextAttemptAt: timestamp.nullable().describe('When a queued message is tried next'),
  providerMessageId: z.string().nullable(),
  error: z.string().nullable().describe('The provider’s own words for a refusal or a failed delivery'),
  createdAt: timestamp,
  sentAt: timestamp.nullable(),
  statusAt: timestamp,
  updatedAt: timestamp,
});
export type OutboundSms = z.output<typeof outboundSms>;

const routes = resourceRoutes('/api/outbound-sms', outboundSms);

export const outboundSmsApi = {
  list: routes.list(outboundSmsListQuery, {
    summary: 'The outbound SMS of the caller’s clients, newest first.',
    description: 'For admins of the client (and its reseller, and system admins).',
  }),
  get: routes.get({ summary: 'One outbound SMS, with its delivery status and the provider’s error.' }),
};

/** How each provider calls its delivery reports. */
export const deliveryReportMethods = {
  twilio: ['POST'],
  vonage: ['POST', 'GET'],
  plivo: ['POST'],
} as const satisfies Record<string, ReadonlyArray<'GET' | 'POST'>>;

const reportWords = {
  twilio: {
    name: 'Twilio status callback',
    fields: '`MessageSid`, `MessageStatus`, `ErrorCode`',
    check: 'signed with X-Twilio-Signature (the send connector’s auth token)',
    answer: 'An empty TwiML `<Response/>`.',
  },
  vonage: {
    name: 'Vonage delivery receipt',
    fields: '`messageId`, `status`, `err-code` (JSON, a form, or the query of a GET)',
    check:
      'Vonage signs receipts only with a signature secret the send connector does not hold: the URL carries a token (an HMAC of the connector’s id under SWITCHBOARD_SECRET_KEY) instead',
    answer: '204, no body.',
  },
  plivo: {
    name: 'Plivo message status',
    fields: '`MessageUUID`, `Status`, `ErrorCode`',
    check: 'signed with X-Plivo-Signature-V3 (the send connector’s auth token)',
    answer: 'An empty `<Response/>`.',
  },
} as const;

/** `/SMSReceiver/<provider>/status/:sendConnectorId`: delivery reports, at the URL the driver gives with each message. */
export const deliveryReportApi: Record<string, RouteDefinition> = Object.fromEntries(
  Object.entries(deliveryReportMethods).flatMap(([provider, methods]) => {
    const words = reportWords[provider as keyof typeof reportWords];
    return methods.map((method) => [
      `${provider}${method === 'GET' ? 'Get' : 'Post'}`,
      defineRoute({
        method,
        path: `/SMSReceiver/${provider}/status/:sendConnectorId`,
        public: true,
        params: z.object({ sendConnectorId: z.uuid().describe('The send connector the message went out through') }),
        summary: `Receives a ${words.name} for an outbound SMS.`,
        description: `Fields ${words.fields}; ${words.check}. The message is found by the send connector and the provider’s message id and moves only forwards (queued → sent → delivered or failed, with the provider’s error); a late, repeated or unknown report is acknowledged and logged as ignored in the delivery log. 401 for a wrong signature or token, 404 for an unknown send connector, 400 for a report without its id or status.`,
        ...(method === 'POST'
          ? { body: null, bodyContentTypes: ['application/x-www-form-urlencoded', 'application/json'] }
          : {}),
        responses: { 200: { contentType: 'text/plain', description: words.answer } },
      }),
    ]);
  }),
);
