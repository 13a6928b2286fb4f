import { Hono } from 'hono';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { apiKeyApi, type apiKey } from '../../contract/api-keys';
import { generateSecret, hashSecret, secretHint } from '../auth/secrets';
import type { ApiKeyTable, Database } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import type { AppEnv } from '../http/app-env';
import { findOr404 } from '../http/find-or-404';
import { parseJsonBody } from '../http/parse-body';
import { API_KEY_PREFIX } from '../auth/authenticate';
import type { AuditAction } from '../../contract/audit-actions';
import { recordAudit } from '../audit/record-audit';
import type { Principal } from '../auth/principal';

const columns = ['id', 'user_id', 'name', 'key_hint', 'created_at', 'last_used_at', 'expires_at'] as const;
type ApiKeyRow = Pick<Selectable<ApiKeyTable>, (typeof columns)[number]>;

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
  const rows = await db.selectFrom('api_key').select(columns).where('user_id', '=', userId).orderBy('id').execute();
  return rows.map(presentApiKey);
}

export function findApiKeyOf(db: Kysely<Database>, userId: string, keyId: string): Promise<ApiKeyRow> {
  return findOr404(keyId, 'API key', (id) =>
    db.selectFrom('api_key').select(columns).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst(),
  );
}

/** Revokes one key and records who did it and why. Call it in the write's transaction. */
export async function revokeApiKey(
  trx: Kysely<Database>,
  principal: Principal,
  owner: KeyOwner,
  key: ApiKeyRow,
  action: AuditAction<'api_key'>,
): Promise<void> {
  await trx.deleteFrom('api_key').where('id', '=', key.id).execute();
  await recordAudit(trx, principal, { ...auditOf(owner, key.id), action, before: presentApiKey(key) });
}

/**
 * Ends every key of a user who was deactivated or given another role: a key made for what they
 * were must not work again when they are reactivated, nor carry a role they were given later.
 */
export async function revokeAllApiKeysOf(
  trx: Kysely<Database>,
  principal: Principal,
  owner: KeyOwner,
  action: 'revoke.user_deactivated' | 'revoke.role_changed',
): Promise<void> {
  const revoked = await trx.deleteFrom('api_key').where('user_id', '=', owner.id).returning(columns).execute();
  for (const key of revoked) {
    await recordAudit(trx, principal, { ...auditOf(owner, key.id), action, before: presentApiKey(key) });
  }
}

/** API keys act as the user who created them; each user sees and revokes only their own here. */
export function apiKeyRoutes(db: Kysely<Database>) {
  const app = new Hono<AppEnv>();
  const ownerOf = (principal: Principal): KeyOwner => ({
    id: principal.userId,
    client_id: principal.clientId,
    reseller_id: principal.resellerId,
  });

  app.get('/', async (c) => c.json({ items: await listApiKeys(db, c.get('principal').userId), nextCursor: null }));

  app.post('/', async (c) => {
    const principal = c.get('principal');
    const { name, expiresAt } = await parseJsonBody(c, apiKeyApi.create.body);
    const key = generateSecret(API_KEY_PREFIX.slice(0, -1));
    const row = await db.transaction().execute(async (trx) => {
      const created = await trx
        .insertInto('api_key')
        .values({
          id: uuid7(),
          user_id: principal.userId,
          name,
          key_hash: hashSecret(key),
          key_hint: secretHint(key),
          last_used_at: null,
          expires_at: expiresAt === undefined ? null : new Date(expiresAt),
        })
        .returning(columns)
        .executeTakeFirstOrThrow();
      await recordAudit(trx, principal, {
        ...auditOf(ownerOf(principal), created.id),
        action: 'create',
        after: presentApiKey(created),
      });
      return created;
    });
    return c.json({ ...presentApiKey(row), key }, 201);
  });

  app.delete('/:id', async (c) => {
    const principal = c.get('principal');
    const row = await findApiKeyOf(db, principal.userId, c.req.param('id'));
    await db.transaction().execute((trx) => revokeApiKey(trx, principal, ownerOf(principal), row, 'revoke'));
    return c.body(null, 204);
  });

  return app;
}

/** A key is audited with its owner's tenant, so their admins see it come and go. */
function auditOf(owner: KeyOwner, id: string) {
  return {
    entityType: 'api_key' as const,
    entityId: id,
    clientId: owner.client_id,
    resellerId: owner.reseller_id,
  };
}
