import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import type { apiKey } from '../../contract/api-keys';
import type { ApiKeyTable, Database } from '../db/schema';
import { findOr404 } from '../http/find-or-404';
import type { AuditAction } from '../../contract/audit-actions';
import type { AuditChange } from '../audit/record-audit';

export const apiKeyColumns = ['id', 'user_id', 'name', 'key_hint', 'created_at', 'last_used_at', 'expires_at'] as const;
type ApiKeyRow = Pick<Selectable<ApiKeyTable>, (typeof apiKeyColumns)[number]>;

/** A key as the API shows it: never the key, only its last characters. */
export function presentApiKey(row: ApiKeyRow): z.input<typeof apiKey> {
  return {
    id: row.id,
    name: row.name,
    keyHint: row.key_hint,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
  };
}

/** The owner of keys: whose tenant their audit entries belong to. */
export type KeyOwner = { id: string; client_id: string | null; reseller_id: string | null };

/** A user's keys, oldest first, expired ones too (they show as expired until revoked). */
export async function listApiKeys(db: Kysely<Database>, userId: string) {
  const rows = await db
    .selectFrom('api_key')
    .select(apiKeyColumns)
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map(presentApiKey);
}

export function findApiKeyOf(db: Kysely<Database>, userId: string, keyId: string): Promise<ApiKeyRow> {
  return findOr404(keyId, 'apiKey', (id) =>
    db
      .selectFrom('api_key')
      .select(apiKeyColumns)
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst(),
  );
}

/** Revokes one key; answers the audit entry saying why. Call it in an audited write. */
export async function revokeApiKey(
  trx: Kysely<Database>,
  owner: KeyOwner,
  key: ApiKeyRow,
  action: AuditAction<'api_key'>,
): Promise<AuditChange> {
  await trx.deleteFrom('api_key').where('id', '=', key.id).execute();
  return { ...auditOf(owner, key.id), action, before: presentApiKey(key) };
}

/**
 * Ends every key of a user who was deactivated or given another role: a key made for what they
 * were must not work again when they are reactivated, nor carry a role they were given later.
 */
export async function revokeAllApiKeysOf(
  trx: Kysely<Database>,
  owner: KeyOwner,
  action: 'revoke.user_deactivated' | 'revoke.role_changed',
): Promise<AuditChange[]> {
  const revoked = await trx.deleteFrom('api_key').where('user_id', '=', owner.id).returning(apiKeyColumns).execute();
  return revoked.map((key) => ({ ...auditOf(owner, key.id), action, before: presentApiKey(key) }));
}

/** A key is audited with its owner's tenant, so their admins see it come and go. */
export function auditOf(owner: KeyOwner, id: string) {
  return {
    entityType: 'api_key' as const,
    entityId: id,
    clientId: owner.client_id,
    resellerId: owner.reseller_id,
  };
}
