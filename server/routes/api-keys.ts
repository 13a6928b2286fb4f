import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { apiKeyApi } from '../../contract/api-keys';
import { auditedWrite } from '../audit/audited-write';
import {
  apiKeyColumns,
  auditOf,
  findApiKeyOf,
  listApiKeys,
  presentApiKey,
  revokeApiKey,
  type KeyOwner,
} from '../auth/api-keys';
import { API_KEY_PREFIX } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { generateSecret, hashSecret, secretHint } from '../auth/secrets';
import type { Database } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import type { AppEnv } from '../http/app-env';
import { parseJsonBody } from '../http/parse-body';

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
    const row = await auditedWrite(db, principal, async (trx) => {
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
        .returning(apiKeyColumns)
        .executeTakeFirstOrThrow();
      return {
        result: created,
        audit: { ...auditOf(ownerOf(principal), created.id), action: 'create', after: presentApiKey(created) },
      };
    });
    return c.json({ ...presentApiKey(row), key }, 201);
  });

  app.delete('/:id', async (c) => {
    const principal = c.get('principal');
    const row = await findApiKeyOf(db, principal.userId, c.req.param('id'));
    await auditedWrite(db, principal, async (trx) => ({
      audit: await revokeApiKey(trx, ownerOf(principal), row, 'revoke'),
    }));
    return c.body(null, 204);
  });

  return app;
}
