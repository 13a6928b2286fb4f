import type { Kysely } from 'kysely';
import { noEffects, type AcdEffects } from '../acd/acd-effects';
import { releaseAgent } from '../acd/agent-status';
import { auditedWrite } from '../audit/audited-write';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { apiSentence, badRequest } from '../http/api-error';
import { presentUser, tenantOf, type UserRow } from './present-user';

/** Deletes a user the caller manages (never the caller); answers what the ACD must hear after the commit. */
export async function deleteUser(db: Kysely<Database>, principal: Principal, existing: UserRow): Promise<AcdEffects> {
  if (existing.id === principal.userId) throw badRequest(apiSentence('deleteSelf'));
  return auditedWrite(db, principal, async (trx) => {
    // Their offered and held media events would otherwise stay with nobody.
    const released = existing.role === 'agent' ? await releaseAgent(trx, existing.id, principal.userId) : noEffects();
    await trx.deleteFrom('app_user').where('id', '=', existing.id).execute();
    return {
      result: released,
      audit: {
        entityType: 'user',
        action: 'delete',
        entityId: existing.id,
        ...tenantOf(existing),
        before: presentUser(existing),
      },
    };
  });
}
