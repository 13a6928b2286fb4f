import { z } from 'zod';
import { isoTime, page, pageQuery, timestamp } from './common';
import { defineRoute } from './define-route';
import { deliveryOutcomes, providers } from './domain';

/** One request to a receiver endpoint, as the delivery log keeps it (secrets redacted). */
export const deliveryAttempt = z.object({
  id: z.string(),
  receivedAt: timestamp,
  provider: z.enum(providers),
  connectorId: z.string().nullable().describe('null: no connector has the number (or it could not be read)'),
  clientId: z.string().nullable(),
  status: z.number().int().describe('The HTTP status answered'),
  outcome: z.enum(deliveryOutcomes),
  reason: z.string().describe('What happened, in the caller’s language'),
  smsId: z.string().nullable().describe('The SMS stored (or the earlier one a repeat was answered with)'),
  clientAddress: z.string().nullable().describe('The address the request came from'),
  request: z
    .object({
      method: z.string(),
      path: z.string(),
      query: z.record(z.string(), z.string()),
      headers: z.record(z.string(), z.string()),
      body: z.string().describe('As it arrived, cut to 4 KiB; secrets redacted'),
    })
    .describe('The request, with tokens, signatures and secrets shown as `[redacted]`'),
});
export type DeliveryAttempt = z.output<typeof deliveryAttempt>;

/** `status`: one status (`401`) or a class (`4xx`). */
const statusFilter = z
  .string()
  .regex(/^([1-5]\d\d|[1-5]xx)$/)
  .optional()
  .describe('One status such as `401`, or a class such as `4xx`');

export const deliveryLogQuery = z.object({
  ...pageQuery,
  status: statusFilter,
  outcome: z.enum(deliveryOutcomes).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
});

export const deliverySummary = z.object({
  lastDeliveryAt: timestamp.nullable().describe('The last request that stored an SMS or part, at any time'),
  last24h: z
    .array(z.object({ status: z.number().int(), count: z.number().int() }))
    .describe('Requests of the last 24 hours, counted per status answered'),
});
export type DeliverySummary = z.output<typeof deliverySummary>;

const idParams = z.object({ id: z.uuid() });
const retention = 'Kept for SWITCHBOARD_DELIVERY_LOG_DAYS (default 7), then swept.';

export const deliveryLogApi = {
  ofConnector: defineRoute({
    method: 'GET',
    path: '/api/connectors/:id/deliveries',
    summary: 'The delivery log of a connector, newest first.',
    description: `Every request that reached this connector, accepted or refused. ${retention}`,
    params: idParams,
    query: deliveryLogQuery,
    responses: { 200: page(deliveryAttempt) },
  }),
  summary: defineRoute({
    method: 'GET',
    path: '/api/connectors/:id/delivery-summary',
    summary: 'When the connector last received an SMS, and its requests of the last 24 hours per status.',
    params: idParams,
    responses: { 200: deliverySummary },
  }),
  unknown: defineRoute({
    method: 'GET',
    path: '/api/delivery-log/unmatched',
    summary: 'Requests no connector took: unknown numbers, unreadable payloads. System admins only.',
    description: retention,
    query: deliveryLogQuery,
    responses: { 200: page(deliveryAttempt) },
  }),
};
