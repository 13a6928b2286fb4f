import { isIP } from 'node:net';
import { Hono } from 'hono';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { allowedHostEntry, clientApi, clientBodyWith, type client } from '../../contract/clients';
import type { Principal } from '../auth/principal';
import { clientVisible, onlyRoles } from '../auth/tenancy';
import type { ClientTable, Database } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import { fieldError, notFound, reason } from '../http/api-error';
import type { AppEnv } from '../http/app-env';
import { parseJsonBody } from '../http/parse-body';
import { visibleRows } from '../http/visible-rows';
import { auditedChange, auditedRow } from '../audit/audited-write';
import type { ConfigChanged } from '../config-changes';
import { canonicalHosts, neverAllowed, parseAllowedHost } from '../routing/allowed-hosts';
import { classifyAddress } from '../routing/blocked-addresses';
import { say, sentence } from '../../i18n/sentence';
import { because } from '../../i18n/zod-issue-sentence';

/** An allowed host as the client stores it (canonical), never one that no workflow may call. */
const allowedHost = allowedHostEntry.transform((entry, ctx) => {
  const parsed = parseAllowedHost(entry);
  if ('problem' in parsed) {
    ctx.addIssue({ code: 'custom', message: say('en', parsed.problem), params: because(parsed.problem) });
    return z.NEVER;
  }
  const never = neverAllowed(parsed.host);
  if (never) {
    const why = reason('neverAllowed', { entry, kind: never.kind });
    ctx.addIssue({ code: 'custom', message: say('en', why), params: because(why) });
    return z.NEVER;
  }
  return parsed.host;
});
/** The contract's bodies, with the network rules only the server knows (see `refuseAddedByNonSystemAdmin`). */
const clientBody = clientBodyWith(allowedHost);
const clientPatchBody = clientBody.partial();

export function clientRoutes(db: Kysely<Database>, configChanged: ConfigChanged) {
  const app = new Hono<AppEnv>();
  app.use(onlyRoles('system_admin', 'reseller_admin'));

  const clients = visibleRows(db, 'client', (principal: Principal) =>
    db.selectFrom('client').selectAll().where(clientVisible(principal, 'client.id')),
  );

  /** The reseller a client may be put under by this caller (404 for one they cannot see). */
  const targetReseller = async (principal: Principal, requested: string | undefined) => {
    if (principal.role === 'reseller_admin') {
      if (requested !== undefined && requested !== principal.resellerId) throw notFound('reseller', 'resellerId');
      return principal.resellerId!;
    }
    if (requested === undefined) throw fieldError('resellerId', sentence('validation.required'));
    const found = await db.selectFrom('reseller').select('id').where('id', '=', requested).executeTakeFirst();
    if (!found) throw notFound('reseller', 'resellerId');
    return requested;
  };

  app.get('/', async (c) => c.json(await clients.page(c, clientApi.list.query, presentClient, 'resellerId')));

  app.post('/', async (c) => {
    const principal = c.get('principal');
    const body = await parseJsonBody(c, clientBody);
    const resellerId = await targetReseller(principal, body.resellerId);
    refuseAddedByNonSystemAdmin(principal, body.httpAllowedHosts, []);
    const row = await auditedRow(
      db,
      principal,
      (trx) =>
        trx
          .insertInto('client')
          .values({
            id: uuid7(),
            name: body.name,
            reseller_id: resellerId,
            http_allowed_hosts: [...new Set(body.httpAllowedHosts)],
            default_country: body.defaultCountry ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      (created) => ({
        entityType: 'client',
        action: 'create',
        entityId: created.id,
        clientId: created.id,
        resellerId,
        after: presentClient(created),
      }),
    );
    return c.json(presentClient(row), 201);
  });

  app.get('/:id', async (c) => c.json(presentClient(await clients.inPath(c))));

  app.patch('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await clients.inPath(c);
    const body = await parseJsonBody(c, clientPatchBody);
    const resellerId = body.resellerId === undefined ? undefined : await targetReseller(principal, body.resellerId);
    refuseAddedByNonSystemAdmin(principal, body.httpAllowedHosts, existing.http_allowed_hosts);
    const row = await auditedRow(
      db,
      principal,
      (trx) =>
        trx
          .updateTable('client')
          .set({
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(resellerId ? { reseller_id: resellerId } : {}),
            ...(body.httpAllowedHosts !== undefined ? { http_allowed_hosts: [...new Set(body.httpAllowedHosts)] } : {}),
            ...(body.defaultCountry !== undefined ? { default_country: body.defaultCountry } : {}),
            updated_at: new Date(),
          })
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow(),
      (updated) => ({
        entityType: 'client',
        action: 'update',
        entityId: existing.id,
        clientId: existing.id,
        resellerId: updated.reseller_id,
        before: presentClient(existing),
        after: presentClient(updated),
      }),
    );
    if (body.httpAllowedHosts !== undefined || body.defaultCountry !== undefined) await configChanged();
    return c.json(presentClient(row));
  });

  app.delete('/:id', async (c) => {
    const principal = c.get('principal');
    const existing = await clients.inPath(c);
    // Everything of the client goes with it (cascades), its connectors and audit entries included.
    const audit = {
      entityType: 'client',
      action: 'delete',
      entityId: existing.id,
      clientId: null,
      resellerId: existing.reseller_id,
      before: presentClient(existing),
    } as const;
    await auditedChange(db, principal, audit, (trx) =>
      trx.deleteFrom('client').where('id', '=', existing.id).execute(),
    );
    await configChanged();
    return c.body(null, 204);
  });

  return app;
}

/**
 * An allowed host reaches the private networks behind Switchboard, which are the operator's: a
 * reseller admin may keep or remove the entries a system admin made, but not add any.
 */
function refuseAddedByNonSystemAdmin(principal: Principal, hosts: string[] | undefined, existing: string[]): void {
  if (hosts === undefined || principal.role === 'system_admin') return;
  const kept = new Set(canonicalHosts(existing));
  const index = hosts.findIndex((host) => !kept.has(host));
  if (index === -1) return;
  const host = hosts[index]!;
  const field = `httpAllowedHosts.${index}`;
  const address = isIP(host) === 0 ? undefined : classifyAddress(host);
  throw fieldError(
    field,
    address?.reach === 'private'
      ? reason('privateHost', { host, kind: address.kind })
      : reason('systemAdminAddsHosts', { host }),
  );
}

export function presentClient(row: Selectable<ClientTable>): z.input<typeof client> {
  return {
    id: row.id,
    name: row.name,
    resellerId: row.reseller_id,
    httpAllowedHosts: row.http_allowed_hosts,
    defaultCountry: row.default_country,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
