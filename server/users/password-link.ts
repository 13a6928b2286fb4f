import type { Transaction } from 'kysely';
import type { AuditChange } from '../audit/record-audit';
import { issueInvitation, type InvitationMail, type InvitationPurpose } from '../auth/invitations';
import type { Principal } from '../auth/principal';
import type { Database } from '../db/schema';
import { tenantOf, type UserRow } from './present-user';

/** E-mails `user` a one-time link to set their password; answers when it expires and the audit entry. */
export async function sendPasswordLink(
  trx: Transaction<Database>,
  principal: Principal,
  user: UserRow,
  purpose: InvitationPurpose,
  mail: InvitationMail,
): Promise<{ expiresAt: Date; audit: AuditChange }> {
  const sent = await issueInvitation(trx, user, { purpose, createdBy: principal.userId, mail });
  return {
    expiresAt: sent.expiresAt,
    audit: {
      entityType: 'user',
      action: purpose === 'invite' ? 'invite' : 'password_link.send',
      entityId: user.id,
      ...tenantOf(user),
      after: { email: user.email, expiresAt: sent.expiresAt.toISOString() },
    },
  };
}
