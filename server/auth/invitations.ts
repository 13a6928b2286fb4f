import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { uuid7 } from '../db/uuid7';
import { composeInvitationEmail, type InvitationPurpose } from '../mail/compose-invitation-email';
import { recipientLanguage } from '../mail/mail-text';

export type { InvitationPurpose };
import { hashSecret } from './secrets';

/** How long a link to set one's password works. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** What sending set-password links needs; absent when the server has no mail server. */
export interface InvitationMail {
  /** Where users open Switchboard (the link points there). */
  baseUrl: () => string;
  /** The host part of Message-IDs. */
  domain: string;
  /** Something was written to the outbox. */
  kick: () => void;
}

export interface InvitedUser {
  id: string;
  email: string;
  display_name: string;
  client_id: string | null;
  /** The recipient's language; the e-mail is in English when they chose none. */
  language?: string | null;
}

/**
 * Writes a one-time link for `user` to set their password into the outbox, in the caller's
 * transaction; earlier links of the user stop working. The token exists only in the e-mail
 * (whose stored body is erased once sent): the database keeps its hash.
 */
export async function issueInvitation(
  trx: Transaction<Database>,
  user: InvitedUser,
  options: { purpose: InvitationPurpose; createdBy: string | null; mail: InvitationMail },
): Promise<{ expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const id = uuid7();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  await trx
    .updateTable('user_invitation')
    .set({ expires_at: sql`least(expires_at, now())` })
    .where('user_id', '=', user.id)
    .where('used_at', 'is', null)
    .execute();
  await trx
    .insertInto('user_invitation')
    .values({
      id,
      user_id: user.id,
      purpose: options.purpose,
      token_hash: hashSecret(token),
      expires_at: expiresAt,
      created_by: options.createdBy,
    })
    .execute();
  const email = composeInvitationEmail({
    purpose: options.purpose,
    displayName: user.display_name,
    email: user.email,
    // In the fragment, so the token never reaches a server log or a Referer header.
    link: `${options.mail.baseUrl()}/set-password#token=${token}`,
    expiresAt,
    language: recipientLanguage(user.language),
  });
  await trx
    .insertInto('email_outbox')
    .values({
      id: uuid7(),
      client_id: user.client_id,
      message_id: `<invitation.${id}@${options.mail.domain}>`,
      to_address: user.email,
      subject: email.subject,
      text_body: email.text,
      erase_body_when_done: true,
    })
    .execute();
  return { expiresAt };
}

export interface OpenInvitation {
  id: string;
  userId: string;
  email: string;
  displayName: string;
}

/** The open (unused, unexpired) link with this token, for an active user; undefined otherwise. */
export async function findOpenInvitation(db: Kysely<Database>, token: string): Promise<OpenInvitation | undefined> {
  const row = await db
    .selectFrom('user_invitation as i')
    .innerJoin('app_user as u', 'u.id', 'i.user_id')
    .select(['i.id', 'i.user_id', 'u.email', 'u.display_name'])
    // A lookup by the hash of a 256-bit random token: timing reveals nothing useful.
    .where('i.token_hash', '=', hashSecret(token))
    .where('i.used_at', 'is', null)
    .where('i.expires_at', '>', sql<Date>`now()`)
    .where('u.active', '=', true)
    .executeTakeFirst();
  return row && { id: row.id, userId: row.user_id, email: row.email, displayName: row.display_name };
}

/**
 * Uses the link: marks it used (once, also when two requests race) and answers its user, or
 * undefined when it is not open any more.
 */
export async function useInvitation(trx: Transaction<Database>, token: string): Promise<OpenInvitation | undefined> {
  const open = await findOpenInvitation(trx, token);
  if (!open) return undefined;
  const used = await trx
    .updateTable('user_invitation')
    .set({ used_at: sql`now()` })
    .where('id', '=', open.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1 ? open : undefined;
}

/** A new link for a user is an invitation again until they have set a password of their own. */
export async function nextPurpose(db: Kysely<Database>, userId: string): Promise<InvitationPurpose> {
  const invitations = await db
    .selectFrom('user_invitation')
    .select(['purpose', 'used_at'])
    .where('user_id', '=', userId)
    .execute();
  const invited = invitations.some((i) => i.purpose === 'invite');
  const chosen = invitations.some((i) => i.used_at !== null);
  return invited && !chosen ? 'invite' : 'reset';
}
