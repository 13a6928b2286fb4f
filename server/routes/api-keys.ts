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
    const { name } = await parseJsonBody(c, apiKeyBody);
    const key = generateSecret(API_KEY_PREFIX.slice(0, -1));
    const row = await db
      .insertInto('api_key')
      .values({
        id: uuid7(),
        user_id: c.get('principal').userId,
        name,
        key_hash: hashSecret(key),
        key_hint: secretHint(key),
        last_used_at: null,
      })
      .returning(columns)
      .executeTakeFirstOrThrow();
    return c.json({ ...present(row), key }, 201);
  });

  app.delete('/:id', async (c) => {
    const userId = c.get('principal').userId;
    const row = await findOr404(c.req.param('id'), 'API key', (id) =>
      db.selectFrom('api_key').select('id').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst(),
    );
    await db.deleteFrom('api_key').where('id', '=', row.id).execute();
    return c.body(null, 204);
  });

  return app;
}
