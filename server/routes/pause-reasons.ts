import { Hono } from 'hono';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { pauseReasonApi, type deskPauseReasons, type pauseReason } from '../../contract/pause-reasons';
import { sentence } from '../../i18n/sentence';
import type { Principal } from '../auth/principal';
import { ADMIN_ROLES, clientVisible, onlyRoles, resolveTargetClient } from '../auth/tenancy';
import { auditedChange, auditedRow } from '../audit/audited-write';
import type { Database, PauseReasonTable } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import type { AppEnv } from '../http/app-env';
import { conflictOnDuplicate } from '../http/db-errors';
import { parseJsonBody } from '../http/parse-body';
import { visibleRows } from '../http/visible-rows';

/**
 * The reasons an agent may give for a pause, per client, managed by its admins (and the levels
 * above). Pauses keep the reason's name, not a link to it (see the migration), so renaming or
 * deleting one rewrites no history and needs no soft delete.
 */
export function pauseReasonRoutes(db: Kysely<Database>) {
  const app = new Hono<AppEnv>();
  app.use(onlyRoles(...ADMIN_ROLES));

  const reasons = visibleRows(db, 'pauseReason', (principal: Principal) =>
    db.selectFrom('pause_reason').selectAll().where(clientVisible(principal, 'pause_reason.client_id')),
  );

  app.get('/', async (c) => c.json(await reasons.page(c, pauseReasonApi.list.query, presentPauseReason, 'clientId')));

  app.post('/', async (c) => {
    const principal = c.get('principal');
    const body = await parseJsonBody(c, pauseReasonApi.create.body);
    const clientId = await resolveTargetClient(db, principal, body.clientId);
    const row = await uniqueName(() =>
      auditedRow(
        db,
        principal,
        (trx) =>
          trx
            .insertInto('pause_reason')
            .values({ id: uuid7(), client_id: clientId, name: body.name, position: body.position })
            .returningAll()
            .executeTakeFirstOrThrow(),
        (row) => ({
          entityType: 'pause_reason',
          action: 'create',
          entityId: row.id,
          clientId,
          after: presentPauseReason(row),
        }),
      ),
    );
    return c.json(presentPauseReason(row), 201);
  });

  app.get('/:id', async (c) => c.json(presentPauseReason(await reasons.inPath(c))));

  app.patch('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await reasons.inPath(c);
    const body = await parseJsonBody(c, pauseReasonApi.update.body);
    const row = await uniqueName(() =>
      auditedRow(
        db,
        principal,
        (trx) =>
          trx
            .updateTable('pause_reason')
            .set({
              ...(body.name !== undefined ? { name: body.name } : {}),
              ...(body.position !== undefined ? { position: body.position } : {}),
              updated_at: new Date(),
            })
            .where('id', '=', existing.id)
            .returningAll()
            .executeTakeFirstOrThrow(),
        (row) => ({
          entityType: 'pause_reason',
          action: 'update',
          entityId: row.id,
          clientId: row.client_id,
          before: presentPauseReason(existing),
          after: presentPauseReason(row),
        }),
      ),
    );
    return c.json(presentPauseReason(row));
  });

  app.delete('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await reasons.inPath(c);
    const audit = {
      entityType: 'pause_reason',
      action: 'delete',
      entityId: existing.id,
      clientId: existing.client_id,
      before: presentPauseReason(existing),
    } as const;
    // Agents paused with it stay paused with its name, and the history keeps it (names, not links).
    await auditedChange(db, principal, audit, (trx) =>
      trx.deleteFrom('pause_reason').where('id', '=', existing.id).execute(),
    );
    return c.body(null, 204);
  });

  return app;
}

/** What the desk offers when pausing: the reasons of the calling agent's client, in their order. */
export function deskPauseReasonRoutes(db: Kysely<Database>) {
  const app = new Hono<AppEnv>();
  app.get('/pause-reasons', onlyRoles('agent'), async (c) => {
    const rows = await clientPauseReasons(db, c.get('principal').clientId);
    return c.json<z.input<typeof deskPauseReasons>>({ items: rows.map(presentPauseReason) });
  });
  return app;
}

/** A client's pause reasons in the order the desk lists them. */
export async function clientPauseReasons(db: Kysely<Database>, clientId: string | null) {
  if (!clientId) return [];
  return db
    .selectFrom('pause_reason')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('position')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

const uniqueName = <T>(write: () => Promise<T>) =>
  conflictOnDuplicate(write, sentence('pauseReasons.refusal.nameTaken'), 'name');

export function presentPauseReason(row: Selectable<PauseReasonTable>): z.input<typeof pauseReason> {
  return {
    id: row.id,
    clientId: row.client_id,
    name: row.name,
    position: row.position,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
