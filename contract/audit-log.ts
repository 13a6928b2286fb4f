import { z } from 'zod';
import { auditEntityTypes } from './audit-actions';
import { clientPageQuery, isoTime, page, timestamp } from './common';
import { defineRoute } from './define-route';

export const auditLogQuery = clientPageQuery.extend({
  entityType: z.enum(auditEntityTypes).optional(),
  entityId: z.uuid().optional(),
  action: z.string().max(100).optional(),
  actorUserId: z.uuid().optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
});

export const auditEntry = z.object({
  id: z.string(),
  clientId: z.string().nullable(),
  resellerId: z.string().nullable(),
  actor: z.object({ userId: z.string().nullable(), email: z.string().nullable() }),
  action: z.string().describe('One of the actions declared for the entity type, e.g. `update.role`'),
  entityType: z.enum(auditEntityTypes),
  entityId: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  at: timestamp,
});
export type AuditEntry = z.output<typeof auditEntry>;

/** What an id in an entry's fields points at: the kinds of object the audit log names. */
export const auditReferenceKinds = [
  'reseller',
  'client',
  'user',
  'agent',
  'acd_group',
  'connector',
  'send_connector',
  'routing_application',
  'version',
] as const;
export type AuditReferenceKind = (typeof auditReferenceKinds)[number];

export const auditName = z.object({
  kind: z.enum(auditReferenceKinds),
  name: z.string().nullable().describe('Its name now (a version: `v3`); null when the object is gone'),
});
export type AuditName = z.output<typeof auditName>;

/** A page of the log, with the names of the objects its entries point at by id. */
export const auditLogPage = page(auditEntry).extend({
  names: z
    .record(z.string(), auditName)
    .describe(
      'By id, the objects the fields of these entries point at (an agent of a group, a connector’s target): those the caller may see, and those deleted since. An id of an object the caller may not see is left out.',
    ),
});
export type AuditLogPage = z.output<typeof auditLogPage>;

export const auditLogApi = {
  list: defineRoute({
    method: 'GET',
    path: '/api/audit-log',
    summary: 'The audit log, newest first: each client’s to its admins and above.',
    query: auditLogQuery,
    responses: { 200: auditLogPage },
  }),
};
