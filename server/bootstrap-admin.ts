import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { hashPassword } from './auth/secrets';
import type { Database } from './db/schema';
import { uuid7 } from './db/uuid7';

export interface BootstrapResult {
  email: string;
  /** Set only when the password was generated: it is shown once, never stored in clear. */
  generatedPassword?: string;
}

/** Creates the first system admin when there is none. */
export async function bootstrapSystemAdmin(
  db: Kysely<Database>,
  email: string | undefined,
  password: string | undefined,
): Promise<BootstrapResult | undefined> {
  const existing = await db.selectFrom('app_user').select('id').where('role', '=', 'system_admin').executeTakeFirst();
  if (existing) return undefined;
  const adminEmail = email ?? 'admin@localhost';
  const generatedPassword = password ? undefined : randomBytes(12).toString('base64url');
  await db
    .insertInto('app_user')
    .values({
      id: uuid7(),
      email: adminEmail,
      password_hash: await hashPassword(password ?? generatedPassword!),
      role: 'system_admin',
      reseller_id: null,
      client_id: null,
      display_name: 'System administrator',
    })
    .execute();
  return { email: adminEmail, ...(generatedPassword ? { generatedPassword } : {}) };
}
