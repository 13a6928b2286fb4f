import { z } from 'zod';
import { defineRoute, type RouteDefinition } from './define-route';
import { nativeProviders } from './domain';
import { providerWebhooks } from './provider-webhooks';

/**
 * The fields of a provider's delivery and the names they arrive under, first name first.
 * Names are matched without regard to case (see sms-receiver-api.md).
 */
export const deliveryFieldAliases = {
  receiver: ['receiver', 'ziel', 'system'],
  sender: ['sender', 'absender'],
  message: ['message', 'data', 'smstext'],
  keyword: ['keyword'],
  token: ['token'],
  messageId: ['messageId', 'id', 'msgid', 'MessageSid'],
} as const;
export type DeliveryField = keyof typeof deliveryFieldAliases;

const fieldMeanings: Record<DeliveryField, string> = {
  receiver: 'Required. The number the SMS was sent to; it selects the connector.',
  sender: 'Required. The number of the person who sent the SMS, or an alphanumeric sender id such as `DHL`.',
  message: 'Required (may be empty). The text.',
  keyword: 'Stored, not used for connector selection.',
  token:
    'The connector’s token, when it requires one; better sent as `Authorization: Bearer` or `X-Switchboard-Token`.',
  messageId: 'The provider’s id for this SMS: a retry with the same id is answered with the first delivery’s id.',
};

/**
 * Every name a delivery field is accepted under. All are optional here, because any alias of a
 * required field will do; the route's own reader (server/sms-receiver/) says which is missing.
 */
export const deliveryFields = z.object(
  Object.fromEntries(
    Object.entries(deliveryFieldAliases).flatMap(([field, aliases]) =>
      aliases.map((alias, rank) => [
        alias,
        z
          .string()
          .optional()
          .describe(rank === 0 ? fieldMeanings[field as DeliveryField] : `Alias of \`${field}\`.`),
      ]),
    ),
  ),
);

export const accepted = z.object({ id: z.string(), status: z.literal('accepted') });

const delivery = {
  public: true,
  description:
    'Names are matched without regard to case. Numbers such as 49123123, +49123123 and 0049123123 are the same. A 200 says the SMS is stored durably, nothing of its routing.',
  headers: z.object({
    authorization: z.string().optional().describe('`Bearer <token>`'),
    'x-switchboard-token': z.string().optional().describe('The connector’s token'),
  }),
  responses: { 200: accepted },
  errors: {
    400: 'receiver, sender or message missing, or a value unusable (the body names the field)',
    401: 'The connector requires a token and none, or a wrong one, was given',
    404: 'No connector has this receiver number',
    413: 'The request or message is larger than the configured limit',
    500: 'Storing failed: retry',
    502: 'The connector has no ACD group or routing application configured',
  },
} as const;

export const smsReceiverApi = {
  get: defineRoute({
    method: 'GET',
    path: '/SMSReceiver',
    summary: 'Delivers an inbound SMS, its fields in the query.',
    query: deliveryFields,
    ...delivery,
  }),
  post: defineRoute({
    method: 'POST',
    path: '/SMSReceiver',
    summary: 'Delivers an inbound SMS, its fields in the body (query parameters count too).',
    query: deliveryFields,
    body: deliveryFields,
    bodyContentTypes: ['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'],
    ...delivery,
  }),
};

/** `/SMSReceiver/<provider>`: each provider's own format, signature and answer. */
const providerRoutes: Record<string, RouteDefinition> = Object.fromEntries(
  nativeProviders.flatMap((provider) => {
    const webhook = providerWebhooks[provider];
    return webhook.methods.map((method) => [
      `${provider}${method === 'GET' ? 'Get' : 'Post'}`,
      defineRoute({
        method,
        path: `/SMSReceiver/${provider}`,
        public: true,
        summary: `Delivers an inbound SMS in ${webhook.name}’s own webhook format.`,
        description: `The connector is chosen by the number the SMS was sent to${webhook.receiverInUrl ? ' (given in the URL as `?receiver=`, since the payload names it not)' : ''}, and must have provider \`${provider}\`. Its signature is checked with the connector’s provider secret as its signatureCheck says. ${webhook.refusals} Every request is in the connector’s delivery log.`,
        ...(method === 'POST' ? { body: null, bodyContentTypes: webhook.bodyContentTypes } : {}),
        responses: { 200: { contentType: 'text/plain', description: webhook.answer } },
      }),
    ]);
  }),
);

export const providerWebhookApi = providerRoutes;
