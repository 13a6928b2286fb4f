import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { userApi } from '../../contract/users';
import { auditedWrite } from '../audit/audited-write';
import type { AuditChange } from '../audit/record-audit';
import type { InvitationMail } from '../auth/invitations';
import type { Principal } from '../auth/principal';
import { hashPassword } from '../auth/secrets';
import type { Database } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import { fieldError, reason } from '../http/api-error';
import { sendPasswordLink } from './password-link';
import { placeUser } from './place-user';
import { presentUser, tenantOf, type UserRow } from './present-user';
import { uniqueEmail } from './unique-email';

export type NewUser = z.output<typeof userApi.create.body>;

/** Either a password or an invitation, never both: the invited user chooses their own. */
export function assertPasswordOrInvite(body: Pick<NewUser, 'invite' | 'password'>): void {
  if (body.invite && body.password !== undefined) throw fieldError('password', reason('notWithInvite'));
  if (!body.invite && body.password === undefined) throw fieldError('password', reason('passwordOrInvite'));
}

/**
 * Creates a user where the caller may place them; with `invitation`, e-mails them a link to
 * choose their password (the caller kicks the mail off once this has committed).
 */
export async function createUser(
  db: Kysely<Database>,
  principal: Principal,
  body: NewUser,
  invitation: InvitationMail | undefined,
): Promise<UserRow> {
  const place = await placeUser(db, principal, body, { resellerId: null, clientId: null });
  // An invited user has no password until they choose one: a random one nobody knows.
  const password = body.password ?? randomBytes(32).toString('base64url');
  return uniqueEmail(() =>
    auditedWrite(db, principal, async (trx) => {
      const created = await trx
        .insertInto('app_user')
        .values({
          id: uuid7(),
          email: body.email,
          password_hash: await hashPassword(password),
          role: body.role,
          ...place,
          display_name: body.displayName,
          ...(body.smsDelivery ? { sms_delivery: body.smsDelivery } : {}),
          ...(body.capacity ? { capacity: body.capacity } : {}),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const audit: AuditChange[] = [
        {
          entityType: 'user',
          action: 'create',
          entityId: created.id,
          ...tenantOf(created),
          after: presentUser(created),
        },
      ];
      if (invitation) audit.push((await sendPasswordLink(trx, principal, created, 'invite', invitation)).audit);
      return { result: created, audit };
    }),
  );
}
