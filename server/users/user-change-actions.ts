import type { AuditAction } from '../../contract/audit-actions';
import type { UserUpdate } from './change-role';
import type { UserRow } from './present-user';

type Compared = Pick<UserRow, 'role' | 'client_id' | 'reseller_id' | 'active'>;

/**
 * What a PATCH did, most telling first: one audit entry for the change, and a separate one for
 * a new password (which the before/after fields never show).
 */
export function userChangeActions(before: Compared, after: Compared, body: UserUpdate): AuditAction<'user'>[] {
  const main: AuditAction<'user'> | undefined =
    before.role !== after.role || before.client_id !== after.client_id || before.reseller_id !== after.reseller_id
      ? 'update.role'
      : before.active !== after.active
        ? after.active
          ? 'reactivate'
          : 'deactivate'
        : undefined;
  const otherFields =
    body.email !== undefined ||
    body.displayName !== undefined ||
    body.smsDelivery !== undefined ||
    body.capacity !== undefined ||
    (body.active !== undefined && !main);
  const actions: AuditAction<'user'>[] = main ? [main] : otherFields || body.password === undefined ? ['update'] : [];
  if (body.password !== undefined) actions.push('update.password');
  return actions;
}
