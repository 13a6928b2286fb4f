import { Hono } from 'hono';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { resellerApi, type reseller } from '../../contract/resellers';
import { auditedWrite } from '../audit/audited-write';
import { requireRole } from '../auth/tenancy';
import type { Principal } from '../auth/principal';
import type { Database, ResellerTable } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import { apiSentence, conflict } from '../http/api-error';
import { findOr404 } from '../http/find-or-404';
import type { AppEnv } from '../http/app-env';
import { isForeignKeyViolation } from '../http/db-errors';
import { listPage } from '../http/list-page';
import { parseJsonBody, parseQuery } from '../http/parse-body';

export function resellerRoutes(db: Kysely<Database>) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    requireRole(c.get('principal'), 'system_admin', 'reseller_admin');
    await next();
  });

  const visible = (principal: Principal) =>
    db
      .selectFrom('reseller')
      .selectAll()
      .$if(principal.role === 'reseller_admin', (q) => q.where('id', '=', principal.resellerId!));

  const findVisible = (principal: Principal, id: string) =>
    findOr404(id, 'reseller', (id) => visible(principal).where('id', '=', id).executeTakeFirst());

  app.get('/', async (c) => {
    const { limit, cursor } = parseQuery(c, resellerApi.list.query);
    return c.json(await listPage(visible(c.get('principal')), { limit, cursor }, presentReseller));
  });

  app.post('/', async (c) => {
    const principal = c.get('principal');
    requireRole(principal, 'system_admin');
    const body = await parseJsonBody(c, resellerApi.create.body);
    const row = await auditedWrite(db, principal, async (trx) => {
      const created = await trx
        .insertInto('reseller')
        .values({ id: uuid7(), name: body.name })
        .returningAll()
        .executeTakeFirstOrThrow();
      return {
        result: created,
        audit: {
          entityType: 'reseller',
          action: 'create',
          entityId: created.id,
          clientId: null,
          resellerId: created.id,
          after: presentReseller(created),
        },
      };
    });
    return c.json(presentReseller(row), 201);
  });

  app.get('/:id', async (c) => c.json(presentReseller(await findVisible(c.get('principal'), c.req.param('id')))));

  app.patch('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await findVisible(principal, c.req.param('id'));
    requireRole(principal, 'system_admin');
    const body = await parseJsonBody(c, resellerApi.update.body);
    const row = await auditedWrite(db, principal, async (trx) => {
      const updated = await trx
        .updateTable('reseller')
        .set({ ...body, updated_at: new Date() })
        .where('id', '=', existing.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return {
        result: updated,
        audit: {
          entityType: 'reseller',
          action: 'update',
          entityId: existing.id,
          clientId: null,
          resellerId: existing.id,
          before: presentReseller(existing),
          after: presentReseller(updated),
        },
      };
    });
    return c.json(presentReseller(row));
  });

  app.delete('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await findVisible(principal, c.req.param('id'));
    requireRole(principal, 'system_admin');
    try {
      await auditedWrite(db, principal, async (trx) => {
        await trx.deleteFrom('reseller').where('id', '=', existing.id).execute();
        // Kept at system level: the reseller's own entries go with it.
        return {
          audit: {
            entityType: 'reseller',
            action: 'delete',
            entityId: existing.id,
            clientId: null,
            before: presentReseller(existing),
          },
        };
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw conflict(apiSentence('resellerHasClients'));
      throw error;
    }
    return c.body(null, 204);
  });

  return app;
}

export function presentReseller(row: Selectable<ResellerTable>): z.input<typeof reseller> {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
