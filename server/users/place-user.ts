import type { Kysely } from 'kysely';
import { ASSIGNABLE_ROLES } from '../../contract/user-rules';
import type { Principal } from '../auth/principal';
import { assertClientVisible, assertResellerFilterVisible } from '../auth/tenancy';
import type { Database, Role } from '../db/schema';
import { sentence, type Sentence } from '../../i18n/sentence';
import { apiSentence, FieldError, fieldError, forbidden, reason } from '../http/api-error';

/** Where a user belongs: a system admin nowhere, a reseller admin to a reseller, the others to a client. */
export type Placement = { reseller_id: string | null; client_id: string | null };

export interface PlacementTarget {
  role: Role;
  resellerId?: string | undefined;
  clientId?: string | undefined;
}

/** A reseller or client the target does not name: the user's own, then the caller's. */
export interface PlacementFallback {
  resellerId: string | null;
  clientId: string | null;
}

/** 403 unless the caller's role may give users `role` (`verb`: what the sentence says it does). */
export function assertMayAssign(principal: Pick<Principal, 'role'>, role: Role, sentence: Sentence): void {
  if (!ASSIGNABLE_ROLES[principal.role].includes(role)) throw forbidden(sentence);
}

/**
 * Where a user with `target.role` lands, by the rules of roles alone (no lookups): what the
 * target may name for its role, and what it must. `placeUser` then checks the caller may reach it.
 */
export function placementFor(
  principal: Pick<Principal, 'resellerId' | 'clientId'>,
  target: PlacementTarget,
  fallback: PlacementFallback,
): Placement {
  if (target.role === 'system_admin') {
    if (target.resellerId || target.clientId)
      throw new FieldError(target.clientId ? 'clientId' : 'resellerId', apiSentence('systemAdminPlacement'));
    return { reseller_id: null, client_id: null };
  }
  if (target.role === 'reseller_admin') {
    if (target.clientId) throw new FieldError('clientId', apiSentence('resellerAdminPlacement'));
    const resellerId = target.resellerId ?? fallback.resellerId ?? principal.resellerId ?? undefined;
    if (!resellerId) throw fieldError('resellerId', reason('resellerAdminNeedsReseller'));
    return { reseller_id: resellerId, client_id: null };
  }
  if (target.resellerId) throw fieldError('resellerId', reason('notForClientUsers'));
  const clientId = target.clientId ?? fallback.clientId ?? principal.clientId ?? undefined;
  if (!clientId) throw fieldError('clientId', sentence('validation.required'));
  return { reseller_id: null, client_id: clientId };
}

/** Where a user with `target.role` lands, checked against what the caller may see (404 naming the field). */
export async function placeUser(
  db: Kysely<Database>,
  principal: Principal,
  target: PlacementTarget,
  fallback: PlacementFallback,
): Promise<Placement> {
  const place = placementFor(principal, target, fallback);
  if (place.reseller_id) await assertResellerFilterVisible(db, principal, place.reseller_id);
  if (place.client_id) await assertClientVisible(db, principal, place.client_id);
  return place;
}
