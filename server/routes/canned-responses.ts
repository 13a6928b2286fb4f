import { Hono } from 'hono';
import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import { cannedResponseApi, type cannedResponse } from '../../contract/canned-responses';
import type { Principal } from '../auth/principal';
import { ADMIN_ROLES, clientVisible, onlyRoles, resolveTargetClient } from '../auth/tenancy';
import { auditedChange, auditedRow } from '../audit/audited-write';
import type { CannedResponseTable, Database } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import { apiSentence } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { conflictOnDuplicate } from '../http/db-errors';
import { listPage } from '../http/list-page';
import { parseJsonBody, parseQuery } from '../http/parse-body';
import { visibleRows } from '../http/visible-rows';

/** Canned responses per client, managed by its admins (and the levels above). */
export function cannedResponseRoutes(db: Kysely<Database>) {
  const app = new Hono<AppEnv>();
  app.use(onlyRoles(...ADMIN_ROLES));

  const responses = visibleRows(db, 'cannedResponse', (principal: Principal) =>
    db.selectFrom('canned_response').selectAll().where(clientVisible(principal, 'canned_response.client_id')),
  );

  app.get('/', async (c) =>
    c.json(await responses.page(c, cannedResponseApi.list.query, presentCannedResponse, 'clientId')),
  );

  app.post('/', async (c) => {
    const principal = c.get('principal');
    const body = await parseJsonBody(c, cannedResponseApi.create.body);
    const clientId = await resolveTargetClient(db, principal, body.clientId);
    const row = await uniqueShortcut(() =>
      auditedRow(
        db,
        principal,
        (trx) =>
          trx
            .insertInto('canned_response')
            .values({ id: uuid7(), client_id: clientId, shortcut: body.shortcut, title: body.title, text: body.text })
            .returningAll()
            .executeTakeFirstOrThrow(),
        (row) => ({
          entityType: 'canned_response',
          action: 'create',
          entityId: row.id,
          clientId,
          after: presentCannedResponse(row),
        }),
      ),
    );
    return c.json(presentCannedResponse(row), 201);
  });

  app.get('/:id', async (c) => c.json(presentCannedResponse(await responses.inPath(c))));

  app.patch('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await responses.inPath(c);
    const body = await parseJsonBody(c, cannedResponseApi.update.body);
    const row = await uniqueShortcut(() =>
      auditedRow(
        db,
        principal,
        (trx) =>
          trx
            .updateTable('canned_response')
            .set({
              ...(body.shortcut !== undefined ? { shortcut: body.shortcut } : {}),
              ...(body.title !== undefined ? { title: body.title } : {}),
              ...(body.text !== undefined ? { text: body.text } : {}),
              updated_at: new Date(),
            })
            .where('id', '=', existing.id)
            .returningAll()
            .executeTakeFirstOrThrow(),
        (row) => ({
          entityType: 'canned_response',
          action: 'update',
          entityId: row.id,
          clientId: row.client_id,
          before: presentCannedResponse(existing),
          after: presentCannedResponse(row),
        }),
      ),
    );
    return c.json(presentCannedResponse(row));
  });

  app.delete('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await responses.inPath(c);
    const audit = {
      entityType: 'canned_response',
      action: 'delete',
      entityId: existing.id,
      clientId: existing.client_id,
      before: presentCannedResponse(existing),
    } as const;
    await auditedChange(db, principal, audit, (trx) =>
      trx.deleteFrom('canned_response').where('id', '=', existing.id).execute(),
    );
    return c.body(null, 204);
  });

  return app;
}

/** What the desk reads: the calling agent's own client's canned responses. */
export function deskCannedResponseRoutes(db: Kysely<Database>) {
  const app = new Hono<AppEnv>();
  app.get('/canned-responses', onlyRoles('agent'), async (c) => {
    const { limit, cursor } = parseQuery(c, cannedResponseApi.forAgent.query);
    const clientId = c.get('principal').clientId;
    return c.json(
      await listPage(
        db.selectFrom('canned_response').selectAll().where('client_id', '=', clientId),
        { limit, cursor },
        presentCannedResponse,
      ),
    );
  });
  return app;
}

const uniqueShortcut = <T>(write: () => Promise<T>) =>
  conflictOnDuplicate(write, apiSentence('shortcutTaken'), 'shortcut');

export function presentCannedResponse(row: Selectable<CannedResponseTable>): z.input<typeof cannedResponse> {
  return {
    id: row.id,
    clientId: row.client_id,
    shortcut: row.shortcut,
    title: row.title,
    text: row.text,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
