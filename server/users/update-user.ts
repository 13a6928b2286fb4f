import type { Kysely } from 'kysely';
import { noEffects, type AcdEffects } from '../acd/acd-effects';
import { releaseAgent } from '../acd/agent-status';
import { auditedWrite } from '../audit/audited-write';
import type { AuditChange } from '../audit/record-audit';
import { revokeAllApiKeysOf } from '../auth/api-keys';
import type { Principal } from '../auth/principal';
import { hashPassword } from '../auth/secrets';
import type { Database } from '../db/schema';
import { apiSentence, FieldError } from '../http/api-error';
import { roleChangeOf, type UserUpdate } from './change-role';
import { presentUser, type UserRow } from './present-user';
import { uniqueEmail } from './unique-email';
import { userChangeActions } from './user-change-actions';

/**
 * Applies a PATCH to a user the caller manages. An agent who leaves (another role, or
 * deactivated) gives back their work; a deactivated user loses their sessions, and a deactivated
 * or re-roled one every API key. `effects`: what the ACD must hear once this has committed.
 */
export async function updateUser(
  db: Kysely<Database>,
  principal: Principal,
  existing: UserRow,
  body: UserUpdate,
): Promise<{ user: UserRow; effects: AcdEffects }> {
  if (existing.id === principal.userId && body.active === false)
    throw new FieldError('active', apiSentence('deactivateSelf'));
  const role = await roleChangeOf(db, principal, existing, body);
  const deactivated = body.active === false && existing.active;
  let effects: AcdEffects = noEffects();
  const user = await uniqueEmail(() =>
    auditedWrite(db, principal, async (trx) => {
      // An agent who leaves gives back what they were offered or held, first, while they are still an agent.
      const leaves = existing.role === 'agent' && ((role && role.role !== 'agent') || deactivated);
      if (leaves) effects = await releaseAgent(trx, existing.id, principal.userId);
      if (existing.role === 'agent' && role && role.role !== 'agent') {
        await trx.deleteFrom('acd_group_member').where('agent_id', '=', existing.id).execute();
      }
      const updated = await trx
        .updateTable('app_user')
        .set({
          ...(body.email !== undefined ? { email: body.email } : {}),
          ...(body.password !== undefined ? { password_hash: await hashPassword(body.password) } : {}),
          ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
          ...(body.smsDelivery !== undefined ? { sms_delivery: body.smsDelivery } : {}),
          ...(body.capacity !== undefined ? { capacity: body.capacity } : {}),
          ...(body.active !== undefined ? { active: body.active } : {}),
          ...(role ?? {}),
          updated_at: new Date(),
        })
        .where('id', '=', existing.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (role?.role === 'agent' && role.client_id) {
        // An earlier agent life elsewhere left a state row: it now counts for this client.
        await trx
          .updateTable('agent_state')
          .set({ client_id: role.client_id })
          .where('agent_id', '=', existing.id)
          .execute();
      }
      if (body.password !== undefined || deactivated) {
        await trx.deleteFrom('session').where('user_id', '=', existing.id).execute();
      }
      // Keys end for good: reactivating a user brings back none, and none carries a new role.
      const revoked = deactivated
        ? await revokeAllApiKeysOf(trx, existing, 'revoke.user_deactivated')
        : role
          ? await revokeAllApiKeysOf(trx, existing, 'revoke.role_changed')
          : [];
      // Seen by both the old and the new tenant of a user whose role moved them.
      const tenant = {
        clientId: existing.client_id ?? updated.client_id,
        resellerId: existing.reseller_id ?? updated.reseller_id,
      };
      const changes = userChangeActions(existing, updated, body).map((action): AuditChange => ({
        entityType: 'user',
        action,
        entityId: existing.id,
        ...tenant,
        before: presentUser(existing),
        after: presentUser(updated),
      }));
      return { result: updated, audit: [...revoked, ...changes] };
    }),
  );
  return { user, effects };
}
