import { Hono } from 'hono';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { resellerApi, type reseller } from '../../contract/resellers';
import { auditedChange, auditedRow } from '../audit/audited-write';
import { onlyRoles, requireRole } from '../auth/tenancy';
import type { Principal } from '../auth/principal';
import type { Database, ResellerTable } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import { apiSentence, conflict } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { isForeignKeyViolation } from '../http/db-errors';
import { parseJsonBody } from '../http/parse-body';
import { visibleRows } from '../http/visible-rows';

export function resellerRoutes(db: Kysely<Database>) {
  const app = new Hono<AppEnv>();
  app.use(onlyRoles('system_admin', 'reseller_admin'));

  const resellers = visibleRows(db, 'reseller', (principal: Principal) =>
    db
      .selectFrom('reseller')
      .selectAll()
      .$if(principal.role === 'reseller_admin', (q) => q.where('id', '=', principal.resellerId!)),
  );

  app.get('/', async (c) => c.json(await resellers.page(c, resellerApi.list.query, presentReseller)));

  app.post('/', async (c) => {
    const principal = c.get('principal');
    requireRole(principal, 'system_admin');
    const body = await parseJsonBody(c, resellerApi.create.body);
    const row = await auditedRow(
      db,
      principal,
      (trx) =>
        trx.insertInto('reseller').values({ id: uuid7(), name: body.name }).returningAll().executeTakeFirstOrThrow(),
      (created) => ({
        entityType: 'reseller',
        action: 'create',
        entityId: created.id,
        clientId: null,
        resellerId: created.id,
        after: presentReseller(created),
      }),
    );
    return c.json(presentReseller(row), 201);
  });

  app.get('/:id', async (c) => c.json(presentReseller(await resellers.inPath(c))));

  app.patch('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await resellers.inPath(c);
    requireRole(principal, 'system_admin');
    const body = await parseJsonBody(c, resellerApi.update.body);
    const row = await auditedRow(
      db,
      principal,
      (trx) =>
        trx
          .updateTable('reseller')
          .set({ ...body, updated_at: new Date() })
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow(),
      (updated) => ({
        entityType: 'reseller',
        action: 'update',
        entityId: existing.id,
        clientId: null,
        resellerId: existing.id,
        before: presentReseller(existing),
        after: presentReseller(updated),
      }),
    );
    return c.json(presentReseller(row));
  });

  app.delete('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await resellers.inPath(c);
    requireRole(principal, 'system_admin');
    try {
      // Kept at system level: the reseller's own entries go with it.
      const audit = {
        entityType: 'reseller',
        action: 'delete',
        entityId: existing.id,
        clientId: null,
        before: presentReseller(existing),
      } as const;
      await auditedChange(db, principal, audit, (trx) =>
        trx.deleteFrom('reseller').where('id', '=', existing.id).execute(),
      );
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
