import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import type { AuditAction, AuditEntityType } from '../../contract/audit-actions';

export { auditEntityTypes, type AuditEntityType } from '../../contract/audit-actions';

/** One change, its action one of those declared for its object type in audit-actions.ts. */
export type AuditChange = { [E in AuditEntityType]: AuditChangeOf<E> }[AuditEntityType];

interface AuditChangeOf<E extends AuditEntityType> {
  entityType: E;
  action: AuditAction<E>;
  entityId: string;
  /** The tenant of the object: its client, or (for resellers and reseller admins) only its reseller. */
  clientId: string | null;
  resellerId?: string | null;
  /** The object as the API shows it (never with secrets), before and after the change. */
  before?: object | null;
  after?: object | null;
}

/** A change no user made (a keyword SMS opted its sender out): no user id, and words in place of an e-mail. */
export interface SystemActor {
  userId: null;
  email: string;
}

/** Records who changed what, when, with the fields before and after. Call it in the write's transaction. */
export async function recordAudit(
  db: Kysely<Database>,
  principal: Pick<Principal, 'userId' | 'email'> | SystemActor,
  change: AuditChange,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: uuid7(),
      client_id: change.clientId,
      reseller_id: change.resellerId ?? null,
      actor_user_id: principal.userId,
      actor_email: principal.email,
      action: `${change.entityType}.${change.action}`,
      entity_type: change.entityType,
      entity_id: change.entityId,
      before: change.before ? JSON.stringify(stripSecrets(change.before)) : null,
      after: change.after ? JSON.stringify(stripSecrets(change.after)) : null,
    })
    .execute();
}

const SECRET_FIELDS = new Set(['token', 'password', 'key', 'passwordHash', 'tokenHash', 'keyHash']);

/** Presented objects carry no secrets; this is the second lock on that door. */
function stripSecrets(value: object): object {
  return Object.fromEntries(Object.entries(value).filter(([field]) => !SECRET_FIELDS.has(field)));
}
