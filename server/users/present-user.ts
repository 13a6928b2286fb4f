import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { user } from '../../contract/users';
import type { AppUserTable } from '../db/schema';

export type UserRow = Selectable<AppUserTable>;

/** A user as the API shows it (never the password hash). */
export function presentUser(row: UserRow): z.input<typeof user> {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    resellerId: row.reseller_id,
    clientId: row.client_id,
    displayName: row.display_name,
    smsDelivery: row.sms_delivery,
    capacity: row.capacity,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The tenant a user's audit entries belong to. */
export function tenantOf(user: { client_id: string | null; reseller_id: string | null }) {
  return { clientId: user.client_id, resellerId: user.reseller_id };
}
