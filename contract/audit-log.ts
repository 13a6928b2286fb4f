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

export const auditLogApi = {
  list: defineRoute({
    method: 'GET',
    path: '/api/audit-log',
    summary: 'The audit log, newest first: each client’s to its admins and above.',
    query: auditLogQuery,
    responses: { 200: page(auditEntry) },
  }),
};
