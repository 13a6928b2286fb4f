import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { auditName, AuditReferenceKind } from '../../contract/audit-log';
import type { Principal } from '../auth/principal';
import { clientVisible, tenantVisible } from '../auth/tenancy';
import type { Database } from '../db/schema';

type AuditName = z.input<typeof auditName>;

/**
 * The fields of recorded objects that hold the id of another object, and its kind: a group's
 * `members[].agentId`, a connector's `acdGroupId`, an application's `activeVersionId`.
 */
const REFERENCE_FIELDS: Record<string, AuditReferenceKind> = {
  resellerId: 'reseller',
  clientId: 'client',
  userId: 'user',
  agentId: 'agent',
  acdGroupId: 'acd_group',
  acdGroupIds: 'acd_group',
  fallbackAcdGroupId: 'acd_group',
  connectorId: 'connector',
  sendConnectorId: 'send_connector',
  routingApplicationId: 'routing_application',
  versionId: 'version',
  activeVersionId: 'version',
  testVersionId: 'version',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ids the fields of `values` point at, with their kinds, at any depth (lists of members too). */
export function referencesOf(values: readonly unknown[]): Map<string, AuditReferenceKind> {
  const found = new Map<string, AuditReferenceKind>();
  const visit = (value: unknown, kind?: AuditReferenceKind) => {
    if (Array.isArray(value)) value.forEach((item) => visit(item, kind));
    else if (typeof value === 'string') {
      if (kind && UUID.test(value) && !found.has(value)) found.set(value, kind);
    } else if (value && typeof value === 'object') {
      for (const [field, inner] of Object.entries(value)) visit(inner, REFERENCE_FIELDS[field]);
    }
  };
  values.forEach((value) => visit(value));
  return found;
}

/** Where each kind lives, how the caller may see it, and what names it. */
interface Lookup {
  table: keyof Database;
  visible(principal: Principal): Expression<SqlBool>;
  name: RawBuilder<string>;
}

const ofClient = (table: keyof Database, name = sql<string>`${sql.ref(`${table}.name`)}`): Lookup => ({
  table,
  visible: (principal) => clientVisible(principal, `${table}.client_id`),
  name,
});
const user: Lookup = {
  table: 'app_user',
  visible: (principal) => tenantVisible(principal, 'app_user.client_id', 'app_user.reseller_id'),
  name: sql<string>`coalesce(nullif(app_user.display_name, ''), app_user.email)`,
};

const LOOKUPS: Record<AuditReferenceKind, Lookup> = {
  reseller: {
    table: 'reseller',
    // A system admin sees every reseller; everyone else only their own (a client's users, their client's).
    visible: (principal) =>
      principal.role === 'system_admin'
        ? sql<SqlBool>`true`
        : sql<SqlBool>`reseller.id in (${principal.resellerId}, (select reseller_id from client where id = ${principal.clientId}))`,
    name: sql<string>`reseller.name`,
  },
  client: {
    table: 'client',
    visible: (principal) => clientVisible(principal, 'client.id'),
    name: sql<string>`client.name`,
  },
  user,
  agent: user,
  acd_group: ofClient('acd_group'),
  connector: ofClient('sms_connector'),
  send_connector: ofClient('sms_send_connector'),
  routing_application: ofClient('routing_application'),
  version: ofClient('routing_application_version', sql<string>`'v' || routing_application_version.number`),
};

/**
 * The names of the objects that audit entries point at by id, for the log's page. Tenancy holds:
 * an object is named only when the caller may see it. An id whose object is gone comes back with
 * no name (the page says "deleted agent"); one of an object the caller may not see, not at all.
 */
export async function auditNames(
  db: Kysely<Database>,
  principal: Principal,
  entries: readonly { before: unknown; after: unknown }[],
): Promise<Record<string, AuditName>> {
  const references = referencesOf(entries.flatMap((entry) => [entry.before, entry.after]));
  const byKind = new Map<AuditReferenceKind, string[]>();
  for (const [id, kind] of references) byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
  const names: Record<string, AuditName> = {};
  await Promise.all(
    [...byKind].map(async ([kind, ids]) => {
      const { table, visible, name } = LOOKUPS[kind];
      // One query says both: which still exist, and which of those the caller may see.
      const { rows } = await sql<{ id: string; name: string; visible: boolean }>`
        select ${sql.ref(`${table}.id`)} as id, ${name} as name, ${visible(principal)} as visible
        from ${sql.table(table)} where ${sql.ref(`${table}.id`)} in (${sql.join(ids)})`.execute(db);
      const existing = new Set(rows.map((row) => row.id));
      for (const row of rows) if (row.visible) names[row.id] = { kind, name: row.name };
      for (const id of ids) if (!existing.has(id)) names[id] = { kind, name: null };
    }),
  );
  return names;
}
