import { z } from 'zod';
import { clientPageQuery, timestamp, usedByList } from './common';
import { acdStrategies, agentStatuses, smsDeliveries } from './domain';
import { resourceRoutes } from './resource-routes';

const maxWait = z
  .number()
  .int()
  .min(60)
  .max(7 * 24 * 3600);
export const acdGroupMember = z.strictObject({
  agentId: z.uuid(),
  priority: z.number().int().min(0).max(100).default(0),
});
/** Closing in the group: whether a wrap-up code is required, and which codes it offers (issue 14). */
const wrapUpCodeIds = z
  .array(z.uuid())
  .max(500)
  .nullable()
  .describe('The wrap-up codes the group offers (of its client); null: every active code of the client');
const wrapUpFields = {
  wrapUpRequired: z.boolean().default(false).describe('Whether closing a conversation asks for a wrap-up code'),
  wrapUpCodeIds: wrapUpCodeIds.default(null),
};
/** Hours after closing in which an SMS of the customer reopens the conversation (up to 90 days). */
const reopenWindowHours = z
  .number()
  .int()
  .min(0)
  .max(90 * 24)
  .describe('Hours after closing in which an SMS of the customer reopens the conversation; 0: never');

/** When the live view warns about the group's queue (issue 16): null, never. */
const warnQueueLength = z
  .number()
  .int()
  .min(1)
  .max(100_000)
  .nullable()
  .describe('The live view warns when more SMS than this wait in the queue; null: never');
const warnWaitSeconds = z
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 3600)
  .nullable()
  .describe('The live view warns when the oldest waiting SMS has waited longer (seconds); null: never');

export const acdGroupBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  clientId: z.uuid().optional(),
  strategy: z.enum(acdStrategies).default('longest_idle'),
  offerTimeoutSeconds: z.number().int().min(5).max(3600).default(30),
  /** Seconds an SMS may wait in the queue before it expires (1 minute to 7 days); null: no limit. */
  maxWaitSeconds: maxWait.nullable().default(null),
  members: z.array(acdGroupMember).max(1000).default([]),
  ...wrapUpFields,
  reopenWindowHours: reopenWindowHours.default(72),
  warnQueueLength: warnQueueLength.default(null),
  warnWaitSeconds: warnWaitSeconds.default(null),
});
export const acdGroupPatchBody = z.strictObject({
  name: acdGroupBody.shape.name.optional(),
  strategy: z.enum(acdStrategies).optional(),
  offerTimeoutSeconds: z.number().int().min(5).max(3600).optional(),
  maxWaitSeconds: maxWait.nullable().optional(),
  members: z.array(acdGroupMember).max(1000).optional(),
  wrapUpRequired: z.boolean().optional(),
  wrapUpCodeIds: wrapUpCodeIds.optional(),
  reopenWindowHours: reopenWindowHours.optional(),
  warnQueueLength: warnQueueLength.optional(),
  warnWaitSeconds: warnWaitSeconds.optional(),
});

export const acdGroup = z.object({
  id: z.string(),
  clientId: z.string(),
  name: z.string(),
  strategy: z.enum(acdStrategies),
  offerTimeoutSeconds: z.number().int(),
  maxWaitSeconds: z.number().int().nullable(),
  members: z.array(z.object({ agentId: z.string(), priority: z.number().int() })),
  wrapUpRequired: z.boolean(),
  wrapUpCodeIds: z.array(z.string()).nullable(),
  reopenWindowHours: z.number().int(),
  warnQueueLength: z.number().int().nullable(),
  warnWaitSeconds: z.number().int().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type AcdGroup = z.output<typeof acdGroup>;

/** How many waiting SMS the live view lists. */
export const WAITING_SHOWN = 100;

/** A queued SMS as the live view lists it. */
export const waitingSms = z.object({
  id: z.string().describe('The media event'),
  subject: z.string(),
  priority: z.number().int(),
  queuedAt: timestamp,
  reservedFor: z
    .object({ id: z.string(), displayName: z.string() })
    .nullable()
    .describe('The one agent an admin reassigned it to, who is offered it next'),
  sms: z.object({ id: z.string(), sender: z.string(), message: z.string(), receivedAt: timestamp }),
});
export type WaitingSms = z.output<typeof waitingSms>;

/** The live view of a group: its queue and its agents now. */
export const acdGroupLive = z.object({
  group: z.object({
    id: z.string(),
    name: z.string(),
    strategy: z.enum(acdStrategies),
    offerTimeoutSeconds: z.number().int(),
    warnQueueLength: z.number().int().nullable(),
    warnWaitSeconds: z.number().int().nullable(),
  }),
  queueLength: z.number().int(),
  oldestQueuedAt: timestamp.nullable(),
  waiting: z
    .array(waitingSms)
    .describe(`The queued SMS, most urgent first (as dispatch takes them), at most ${WAITING_SHOWN}`),
  offered: z.number().int(),
  accepted: z.number().int(),
  emailConfigured: z
    .boolean()
    .describe('Whether this server has a mail server; without one, agents who take SMS by e-mail are offered none'),
  agents: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      status: z.enum(agentStatuses),
      statusSince: timestamp.nullable(),
      pauseReason: z.string().nullable().describe('The reason the agent gave for their pause'),
      load: z.number().int(),
      capacity: z.number().int(),
      priority: z.number().int(),
      smsDelivery: z.enum(smsDeliveries),
      canTakeOffer: z.boolean().describe('Whether dispatch would offer this agent an SMS now'),
    }),
  ),
});
export type AcdGroupLive = z.output<typeof acdGroupLive>;

const routes = resourceRoutes('/api/acd-groups', acdGroup);
const nameTaken = { 409: 'A group with this name exists in the client already' };

export const acdGroupApi = {
  list: routes.list(clientPageQuery, { summary: 'The ACD groups of the caller’s clients, with their members.' }),
  create: routes.create(acdGroupBody, {
    summary: 'Creates an ACD group with its members (agents of the same client).',
    errors: nameTaken,
  }),
  get: routes.get({ summary: 'One ACD group with its members.' }),
  update: routes.update(acdGroupPatchBody, {
    summary: 'Changes an ACD group; `members` replaces the whole list.',
    errors: nameTaken,
  }),
  live: routes.ofOne('GET', 'live', {
    summary: 'The group’s queue and agents now.',
    responses: { 200: acdGroupLive },
  }),
  usedBy: routes.ofOne('GET', 'used-by', {
    summary: 'What routes to the group now: active and test versions, fallbacks, connectors.',
    responses: { 200: usedByList },
  }),
  delete: routes.delete({
    summary: 'Deletes an ACD group nothing routes to and that holds no SMS.',
    errors: { 409: 'Something live routes to the group (listed in `usedBy`), or it still holds SMS' },
  }),
};
