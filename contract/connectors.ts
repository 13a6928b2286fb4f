import { z } from 'zod';
import { sentence } from '../i18n/sentence';
import { because } from '../i18n/zod-issue-sentence';
import { clientPageQuery, timestamp } from './common';
import { defineRoute } from './define-route';
import { providers, routingTypes, signatureChecks } from './domain';
import { toE164 } from './phone-number';
import { resourceRoutes } from './resource-routes';

const recipient = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const e164 = toE164(value);
    if (e164 === null)
      ctx.addIssue({
        code: 'custom',
        message: 'must be a phone number such as +49123123',
        params: because(sentence('validation.phoneNumber')),
      });
    return e164 ?? value;
  });

const connectorFields = {
  name: z.string().trim().min(1).max(200),
  recipient,
  requireToken: z.boolean(),
  routingType: z.enum(routingTypes),
  acdGroupId: z.uuid().nullable(),
  subject: z.string().max(500),
  routingApplicationId: z.uuid().nullable(),
  provider: z
    .enum(providers)
    .describe('The webhook format: `generic` is /SMSReceiver, the others /SMSReceiver/<provider>'),
  providerSecret: z
    .string()
    .trim()
    .min(1)
    .max(4000)
    .nullable()
    .describe('Write-only: the provider’s auth token or signature secret (Telnyx: its public key); null removes it'),
  signatureCheck: z
    .enum(signatureChecks)
    .describe('`off`, `log` (check, record a failure, accept) or `enforce`; default `enforce` once a secret is set'),
  multipartWindowSeconds: z
    .number()
    .int()
    .min(10)
    .max(86400)
    .describe('How long the parts of a multipart SMS are waited for before it is joined from what arrived'),
  sendConnectorId: z
    .uuid()
    .nullable()
    .describe('The send connector replies go through (one of the same client); null: none'),
};
export const connectorBody = z.strictObject({
  ...connectorFields,
  requireToken: connectorFields.requireToken.default(true),
  acdGroupId: connectorFields.acdGroupId.optional(),
  subject: connectorFields.subject.default(''),
  routingApplicationId: connectorFields.routingApplicationId.optional(),
  provider: connectorFields.provider.default('generic'),
  providerSecret: connectorFields.providerSecret.optional(),
  signatureCheck: connectorFields.signatureCheck.optional(),
  multipartWindowSeconds: connectorFields.multipartWindowSeconds.default(300),
  sendConnectorId: connectorFields.sendConnectorId.default(null),
  clientId: z.uuid().optional(),
});
export const connectorPatchBody = z.strictObject(connectorFields).partial();

export const connector = z.object({
  id: z.string(),
  clientId: z.string(),
  name: z.string(),
  recipient: z.string().describe('E.164'),
  requireToken: z.boolean(),
  tokenHint: z.string().describe('The last characters of the token'),
  routingType: z.enum(routingTypes),
  acdGroupId: z.string().nullable(),
  subject: z.string(),
  routingApplicationId: z.string().nullable(),
  provider: z.enum(providers),
  hasProviderSecret: z.boolean().describe('Whether a provider secret is set (the secret itself is never answered)'),
  signatureCheck: z.enum(signatureChecks),
  multipartWindowSeconds: z.number().int(),
  sendConnectorId: z.string().nullable(),
  webhookPath: z
    .string()
    .describe(
      'The path the provider delivers to: /SMSReceiver or /SMSReceiver/<provider>, for Bird with `?receiver=` and the number (its payload lacks it)',
    ),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const connectorWithToken = connector.extend({
  token: z.string().describe('The token in full, shown this once'),
});

const writers = 'Client admins read connectors; creating and changing them is for reseller and system admins.';

const routes = resourceRoutes('/api/connectors', connector);
const recipientTaken = { 409: 'Another connector has this recipient number already' };

export const connectorApi = {
  list: routes.list(clientPageQuery, { summary: 'The connectors of the caller’s clients.' }),
  create: defineRoute({
    method: 'POST',
    path: '/api/connectors',
    summary: 'Creates a connector; the answer carries its token in full, this once.',
    description: writers,
    body: connectorBody,
    responses: { 201: connectorWithToken },
    errors: recipientTaken,
  }),
  get: routes.get({ summary: 'One connector (its token only as `tokenHint`).' }),
  update: routes.update(connectorPatchBody, {
    summary: 'Changes a connector; switching the routing type drops the other type’s target.',
    description: writers,
    errors: recipientTaken,
  }),
  newToken: routes.ofOne('POST', 'token', {
    summary: 'Generates a new token, answered once; the old one stops working at once.',
    description: writers,
    body: null,
    responses: { 200: connectorWithToken },
  }),
  delete: routes.delete({ summary: 'Deletes a connector.', description: writers }),
};
