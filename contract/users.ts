import { z } from 'zod';
import { apiKey } from './api-keys';
import { page, pageQuery, timestamp } from './common';
import { defineRoute } from './define-route';
import { roles, smsDeliveries } from './domain';
import { resourceRoutes } from './resource-routes';
import { PASSWORD_LENGTH } from './user-rules';

export const password = z
  .string()
  .min(PASSWORD_LENGTH.min, `must be at least ${PASSWORD_LENGTH.min} characters long`)
  .max(PASSWORD_LENGTH.max, `must be at most ${PASSWORD_LENGTH.max} characters long`);

export const userBody = z.strictObject({
  email: z.email().max(320),
  /** Either a password, or `invite: true` to e-mail the user a link to choose one. */
  password: password.optional(),
  invite: z.boolean().optional(),
  role: z.enum(roles),
  resellerId: z.uuid().optional(),
  clientId: z.uuid().optional(),
  displayName: z.string().trim().min(1).max(200),
  smsDelivery: z.enum(smsDeliveries).optional(),
  capacity: z.number().int().min(1).max(100).optional(),
});
export const passwordLinkBody = z.strictObject({});

export const userPatchBody = z.strictObject({
  email: userBody.shape.email.optional(),
  password: password.optional(),
  displayName: userBody.shape.displayName.optional(),
  smsDelivery: userBody.shape.smsDelivery,
  capacity: userBody.shape.capacity,
  active: z.boolean().optional(),
  /** A new role; `resellerId`/`clientId` say where it puts the user when it changes their level. */
  role: userBody.shape.role.optional(),
  resellerId: userBody.shape.resellerId,
  clientId: userBody.shape.clientId,
});
export const userListQuery = z.object({
  ...pageQuery,
  clientId: z.uuid().optional(),
  resellerId: z.uuid().optional(),
  role: z.enum(roles).optional(),
  active: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
});

export const user = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(roles),
  resellerId: z.string().nullable(),
  clientId: z.string().nullable(),
  displayName: z.string(),
  smsDelivery: z.enum(smsDeliveries),
  capacity: z.number().int().describe('Media events an agent takes at once'),
  active: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type User = z.output<typeof user>;

export const sentPasswordLink = z.object({
  purpose: z.enum(['invite', 'reset']),
  email: z.string(),
  expiresAt: timestamp,
});

const keyParams = z.object({ id: z.uuid(), keyId: z.uuid() });
const managed = 'The caller may manage users of the roles below their own (403 otherwise).';

const routes = resourceRoutes('/api/users', user);

export const userApi = {
  list: routes.list(userListQuery, { summary: 'The users of the caller’s scope.' }),
  create: routes.create(userBody, {
    summary: 'Creates a user with a password, or invites them by e-mail to choose one.',
    description: managed,
  }),
  get: routes.get({ summary: 'One user.' }),
  update: routes.update(userPatchBody, {
    summary: 'Changes a user: details, password, role and placement, or deactivates them.',
    description: `${managed} A new role or deactivation revokes the user’s API keys.`,
  }),
  sendPasswordLink: routes.ofOne('POST', 'password-link', {
    summary: 'E-mails the user a one-time link to set their password (an invitation until they used one).',
    body: passwordLinkBody,
    responses: { 202: sentPasswordLink },
    errors: { 409: 'The user is deactivated' },
  }),
  apiKeys: routes.ofOne('GET', 'api-keys', {
    summary: 'The API keys of a user the caller manages.',
    responses: { 200: page(apiKey) },
  }),
  revokeApiKey: defineRoute({
    method: 'DELETE',
    path: '/api/users/:id/api-keys/:keyId',
    summary: 'Revokes an API key of a user the caller manages.',
    params: keyParams,
    responses: { 204: null },
  }),
  delete: routes.delete({ summary: 'Deletes a user; an agent’s work goes back to the queue.' }),
};
