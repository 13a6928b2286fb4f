import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { userApi } from '../../contract/users';
import type { Principal } from '../auth/principal';
import type { Database, Role } from '../db/schema';
import { apiSentence, fieldError, FieldError, reason } from '../http/api-error';
import { assertMayAssign, placeUser, type Placement } from './place-user';
import type { UserRow } from './present-user';

export type UserUpdate = z.output<typeof userApi.update.body>;
export type RoleChange = Placement & { role: Role };

/**
 * The role and place a PATCH gives a user, or undefined when it leaves them as they are.
 * Client users stay in their client: their ACD history, group memberships and media events
 * belong to it, so a user for another client is a new user.
 */
export async function roleChangeOf(
  db: Kysely<Database>,
  principal: Principal,
  existing: UserRow,
  body: UserUpdate,
): Promise<RoleChange | undefined> {
  if (body.role === undefined) {
    const field = body.clientId !== undefined ? 'clientId' : body.resellerId !== undefined ? 'resellerId' : undefined;
    if (field) throw fieldError(field, reason('onlyWithRole'));
    return undefined;
  }
  assertMayAssign(principal, body.role, apiSentence('roleMayNot.give', { role: body.role }));
  const place = await placeUser(
    db,
    principal,
    { role: body.role, resellerId: body.resellerId, clientId: body.clientId },
    { resellerId: existing.reseller_id, clientId: existing.client_id },
  );
  if (
    body.role === existing.role &&
    place.client_id === existing.client_id &&
    place.reseller_id === existing.reseller_id
  )
    return undefined;
  if (existing.id === principal.userId) throw new FieldError('role', apiSentence('ownRole'));
  if (existing.client_id && place.client_id && place.client_id !== existing.client_id)
    throw fieldError('clientId', reason('neverMovesClient'));
  return { role: body.role, ...place };
}
