import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { generateSecret, hashSecret, secretHint } from '../auth/secrets';
import type { Database } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import type { AppEnv } from '../http/app-env';
import { findOr404 } from '../http/find-or-404';
import { parseJsonBody } from '../http/parse-body';
import { API_KEY_PREFIX } from '../auth/authenticate';
import { recordAudit } from '../audit/record-audit';
import type { Principal } from '../auth/principal';

export const apiKeyBody = z.strictObject({ name: z.string().trim().min(1).max(200) });

/** API keys act as the user who created them; each user sees and revokes only their own. */
export function apiKeyRoutes(db: Kysely<Database>) {
  const app = new Hono<AppEnv>();
  const columns = ['id', 'name', 'key_hint', 'created_at', 'last_used_at'] as const;
  const present = (row: {
    id: string;
    name: string;
    key_hint: string;
    created_at: Date;
    last_used_at: Date | null;
  }) => ({
    id: row.id,
    name: row.name,
    keyHint: row.key_hint,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  });

  app.get('/', async (c) => {
    const rows = await db
      .selectFrom('api_key')
      .select(columns)
      .where('user_id', '=', c.get('principal').userId)
      .orderBy('id')
      .execute();
    return c.json({ items: rows.map(present), nextCursor: null });
  });

  app.post('/', async (c) => {
    const principal = c.get('principal');
    const { name } = await parseJsonBody(c, apiKeyBody);
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
        })
        .returning(columns)
        .executeTakeFirstOrThrow();
      await recordAudit(trx, principal, {
        ...auditOf(principal, created.id),
        action: 'create',
        after: present(created),
      });
      return created;
    });
    return c.json({ ...present(row), key }, 201);
  });

  app.delete('/:id', async (c) => {
    const principal = c.get('principal');
    const row = await findOr404(c.req.param('id'), 'API key', (id) =>
      db
        .selectFrom('api_key')
        .select(columns)
        .where('id', '=', id)
        .where('user_id', '=', principal.userId)
        .executeTakeFirst(),
    );
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('api_key').where('id', '=', row.id).execute();
      await recordAudit(trx, principal, { ...auditOf(principal, row.id), action: 'revoke', before: present(row) });
    });
    return c.body(null, 204);
  });

  return app;
}

/** A key is audited with its owner's tenant, so their admins see it come and go. */
function auditOf(principal: Principal, id: string) {
  return {
    entityType: 'api_key' as const,
    entityId: id,
    clientId: principal.clientId,
    resellerId: principal.resellerId,
  };
}
