import { Hono, type Context } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { optOutApi } from '../../contract/opt-outs';
import { sentence } from '../../i18n/sentence';
import type { Principal } from '../auth/principal';
import {
  ADMIN_ROLES,
  assertClientFilterVisible,
  assertClientVisible,
  clientVisible,
  onlyRoles,
  resolveTargetClient,
} from '../auth/tenancy';
import { auditedChange, auditedRow } from '../audit/audited-write';
import type { ConfigChanged } from '../config-changes';
import type { Database } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import { notFound } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { conflictOnDuplicate } from '../http/db-errors';
import { listPage } from '../http/list-page';
import { parseJsonBody, parseQuery } from '../http/parse-body';
import { visibleRows } from '../http/visible-rows';
import { presentOptOut } from '../opt-outs/keyword-sms';
import { csvLines } from '../opt-outs/opt-out-csv';
import { presentOptOutSettings, readOptOutSettings, settingsOfRow } from '../opt-outs/opt-out-settings';

/** The most rows one CSV export holds. */
const EXPORT_MAX_ROWS = 100_000;

/**
 * Each client's opt-out list and keyword settings, managed by its admins (and the levels above).
 * Numbers a keyword SMS added or removed are audited by the intake (opt-outs/keyword-sms.ts).
 */
export function optOutRoutes(db: Kysely<Database>, configChanged: ConfigChanged) {
  const app = new Hono<AppEnv>();
  app.use(onlyRoles(...ADMIN_ROLES));

  const optOuts = visibleRows(db, 'optOut', (principal: Principal) =>
    db.selectFrom('opt_out').selectAll().where(clientVisible(principal, 'opt_out.client_id')),
  );

  /** The visible rows, narrowed by the query's client and number search (only its digits count). */
  const narrowed = async (c: Context<AppEnv>, clientId: string | undefined, search: string | undefined) => {
    const principal = c.get('principal');
    await assertClientFilterVisible(db, principal, clientId);
    const digits = search?.replace(/\D/g, '') ?? '';
    return optOuts
      .visible(principal)
      .$if(clientId !== undefined, (q) => q.where('opt_out.client_id', '=', clientId!))
      .$if(search !== undefined && search !== '', (q) =>
        digits === '' ? q.where((eb) => eb.val(false)) : q.where('opt_out.number', 'like', `%${digits}%`),
      );
  };

  app.get('/', async (c) => {
    const { limit, cursor, clientId, search } = parseQuery(c, optOutApi.list.query);
    const query = await narrowed(c, clientId, search);
    return c.json(await listPage(query, { limit, cursor }, presentOptOut, 'desc'));
  });

  app.get('/export', async (c) => {
    const { clientId, search } = parseQuery(c, optOutApi.export.query);
    const rows = await (await narrowed(c, clientId, search)).orderBy('number').limit(EXPORT_MAX_ROWS).execute();
    const csv = csvLines([
      ['number', 'source', 'since', ...(clientId === undefined ? ['clientId'] : [])],
      ...rows.map((row) => [
        row.number,
        row.source,
        row.since.toISOString(),
        ...(clientId === undefined ? [row.client_id] : []),
      ]),
    ]);
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="opt-outs.csv"',
    });
  });

  app.post('/', async (c) => {
    const principal = c.get('principal');
    const body = await parseJsonBody(c, optOutApi.create.body);
    const clientId = await resolveTargetClient(db, principal, body.clientId);
    const row = await conflictOnDuplicate(
      () =>
        auditedRow(
          db,
          principal,
          (trx) =>
            trx
              .insertInto('opt_out')
              .values({ id: uuid7(), client_id: clientId, number: body.number, source: 'admin' })
              .returningAll()
              .executeTakeFirstOrThrow(),
          (row) => ({ entityType: 'opt_out', action: 'create', entityId: row.id, clientId, after: presentOptOut(row) }),
        ),
      sentence('optOuts.error.numberListed'),
      'number',
    );
    return c.json(presentOptOut(row), 201);
  });

  /** The client in the path, 404 unless the caller may see it (checked before the body is read). */
  const settingsClient = async (c: Context<AppEnv>) => {
    const clientId = c.req.param('clientId') ?? '';
    if (!z.uuid().safeParse(clientId).success) throw notFound('client', 'clientId');
    await assertClientVisible(db, c.get('principal'), clientId);
    return clientId;
  };

  app.get('/settings/:clientId', async (c) => {
    const clientId = await settingsClient(c);
    return c.json(presentOptOutSettings(clientId, await readOptOutSettings(db, clientId)));
  });

  app.put('/settings/:clientId', async (c) => {
    const principal = c.get('principal');
    const clientId = await settingsClient(c);
    const body = await parseJsonBody(c, optOutApi.putSettings.body);
    const before = presentOptOutSettings(clientId, await readOptOutSettings(db, clientId));
    const values = {
      enabled: body.enabled,
      opt_out_keywords: JSON.stringify(body.optOutKeywords),
      opt_in_keywords: JSON.stringify(body.optInKeywords),
      opt_out_confirmation: body.optOutConfirmation,
      opt_in_confirmation: body.optInConfirmation,
      updated_at: new Date(),
    };
    const row = await auditedRow(
      db,
      principal,
      (trx) =>
        trx
          .insertInto('opt_out_settings')
          .values({ client_id: clientId, ...values })
          .onConflict((oc) => oc.column('client_id').doUpdateSet(values))
          .returningAll()
          .executeTakeFirstOrThrow(),
      (row) => ({
        entityType: 'opt_out_settings',
        action: 'update',
        entityId: clientId,
        clientId,
        before,
        after: presentOptOutSettings(clientId, settingsOfRow(row)),
      }),
    );
    // The intake reads keywords from memory: every instance reloads them.
    await configChanged();
    return c.json(presentOptOutSettings(clientId, settingsOfRow(row)));
  });

  app.delete('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await optOuts.inPath(c);
    const audit = {
      entityType: 'opt_out',
      action: 'delete',
      entityId: existing.id,
      clientId: existing.client_id,
      before: presentOptOut(existing),
    } as const;
    await auditedChange(db, principal, audit, (trx) =>
      trx.deleteFrom('opt_out').where('id', '=', existing.id).execute(),
    );
    return c.body(null, 204);
  });

  return app;
}
