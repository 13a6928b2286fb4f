import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { generateSecret, hashSecret } from './secrets';

export const SESSION_COOKIE = 'sb_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export async function createSession(db: Kysely<Database>, userId: string, now = new Date()) {
  const token = generateSecret('sbs');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db
    .insertInto('session')
    .values({ token_hash: hashSecret(token), user_id: userId, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('session').where('token_hash', '=', hashSecret(token)).execute();
}
