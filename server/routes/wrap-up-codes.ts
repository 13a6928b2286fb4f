import { Hono } from 'hono';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { wrapUpCodeApi, type groupWrapUp, type wrapUpCode } from '../../contract/wrap-up-codes';
import { wrapUpRule } from '../../contract/wrap-up-rule';
import type { Principal } from '../auth/principal';
import { ADMIN_ROLES, clientVisible, onlyRoles, resolveTargetClient } from '../auth/tenancy';
import { chosenWrapUpCodes } from '../acd/group-wrap-up';
import { auditedChange, auditedRow } from '../audit/audited-write';
import type { Database, WrapUpCodeTable } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import { apiSentence } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { conflictOnDuplicate } from '../http/db-errors';
import { findOr404 } from '../http/find-or-404';
import { parseJsonBody } from '../http/parse-body';
import { visibleRows } from '../http/visible-rows';

/** Wrap-up codes per client, managed by its admins (and the levels above). */
export function wrapUpCodeRoutes(db: Kysely<Database>) {
  const app = new Hono<AppEnv>();
  app.use(onlyRoles(...ADMIN_ROLES));

  const codes = visibleRows(db, 'wrapUpCode', (principal: Principal) =>
    db.selectFrom('wrap_up_code').selectAll().where(clientVisible(principal, 'wrap_up_code.client_id')),
  );

  app.get('/', async (c) => c.json(await codes.page(c, wrapUpCodeApi.list.query, presentWrapUpCode, 'clientId')));

  app.post('/', async (c) => {
    const principal = c.get('principal');
    const body = await parseJsonBody(c, wrapUpCodeApi.create.body);
    const clientId = await resolveTargetClient(db, principal, body.clientId);
    const row = await uniqueCode(() =>
      auditedRow(
        db,
        principal,
        (trx) =>
          trx
            .insertInto('wrap_up_code')
            .values({ id: uuid7(), client_id: clientId, code: body.code, label: body.label, active: body.active })
            .returningAll()
            .executeTakeFirstOrThrow(),
        (row) => ({
          entityType: 'wrap_up_code',
          action: 'create',
          entityId: row.id,
          clientId,
          after: presentWrapUpCode(row),
        }),
      ),
    );
    return c.json(presentWrapUpCode(row), 201);
  });

  app.get('/:id', async (c) => c.json(presentWrapUpCode(await codes.inPath(c))));

  app.patch('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await codes.inPath(c);
    const body = await parseJsonBody(c, wrapUpCodeApi.update.body);
    const row = await uniqueCode(() =>
      auditedRow(
        db,
        principal,
        (trx) =>
          trx
            .updateTable('wrap_up_code')
            .set({
              ...(body.code !== undefined ? { code: body.code } : {}),
              ...(body.label !== undefined ? { label: body.label } : {}),
              ...(body.active !== undefined ? { active: body.active } : {}),
              updated_at: new Date(),
            })
            .where('id', '=', existing.id)
            .returningAll()
            .executeTakeFirstOrThrow(),
        (row) => ({
          entityType: 'wrap_up_code',
          action: 'update',
          entityId: row.id,
          clientId: row.client_id,
          before: presentWrapUpCode(existing),
          after: presentWrapUpCode(row),
        }),
      ),
    );
    return c.json(presentWrapUpCode(row));
  });

  app.delete('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await codes.inPath(c);
    const audit = {
      entityType: 'wrap_up_code',
      action: 'delete',
      entityId: existing.id,
      clientId: existing.client_id,
      before: presentWrapUpCode(existing),
    } as const;
    // Groups that chose it lose it with the row (the link cascades).
    await auditedChange(db, principal, audit, (trx) =>
      trx.deleteFrom('wrap_up_code').where('id', '=', existing.id).execute(),
    );
    return c.body(null, 204);
  });

  return app;
}

/** What the desk reads when closing: the wrap-up rule of a group of the calling agent's client. */
export function deskWrapUpRoutes(db: Kysely<Database>) {
  const app = new Hono<AppEnv>();
  app.get('/acd-groups/:id/wrap-up', onlyRoles('agent'), async (c) => {
    const clientId = c.get('principal').clientId;
    const group = await findOr404(c.req.param('id'), 'acdGroup', (id) =>
      db
        .selectFrom('acd_group')
        .select(['id', 'client_id', 'wrap_up_required', 'wrap_up_all_codes'])
        .where('id', '=', id)
        .where('client_id', '=', clientId)
        .executeTakeFirst(),
    );
    const [codes, chosen] = await Promise.all([
      db.selectFrom('wrap_up_code').selectAll().where('client_id', '=', group.client_id).orderBy('id').execute(),
      chosenWrapUpCodes(db, group.wrap_up_all_codes ? [] : [group.id]),
    ]);
    const rule = wrapUpRule(
      {
        wrapUpRequired: group.wrap_up_required,
        wrapUpCodeIds: group.wrap_up_all_codes ? null : (chosen.get(group.id) ?? []),
      },
      codes.map(presentWrapUpCode),
    );
    return c.json<z.input<typeof groupWrapUp>>({ acdGroupId: group.id, ...rule });
  });
  return app;
}

const uniqueCode = <T>(write: () => Promise<T>) => conflictOnDuplicate(write, apiSentence('wrapUpCodeTaken'), 'code');

export function presentWrapUpCode(row: Selectable<WrapUpCodeTable>): z.input<typeof wrapUpCode> {
  return {
    id: row.id,
    clientId: row.client_id,
    code: row.code,
    label: row.label,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
