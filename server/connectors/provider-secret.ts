import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { decryptSecret, encryptSecret, SECRET_KEY_VARIABLE, type SecretKey } from '../sms-sender/credential-cipher';

/**
 * A receive connector's provider secret at rest: encrypted like the send connectors' credentials
 * when SWITCHBOARD_SECRET_KEY is set, as entered when it is not (the secret then protects only
 * what the database's own access rules protect; the README says so). Encrypted secrets carry
 * the cipher's version prefix, which no provider's token, key or secret contains (`v1:`).
 */
export function sealProviderSecret(key: SecretKey | undefined, secret: string): string {
  return key ? encryptSecret(key, secret) : secret;
}

const isSealed = (stored: string) => stored.startsWith('v1:');

/** The secret as entered, or why it cannot be had (sealed under a key this process does not hold). */
export function openProviderSecret(
  key: SecretKey | undefined,
  stored: string,
): { secret: string } | { problem: string } {
  if (!isSealed(stored)) return { secret: stored };
  if (!key) return { problem: `it is encrypted, and ${SECRET_KEY_VARIABLE} is not set` };
  try {
    return { secret: decryptSecret(key, stored) };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

/**
 * Encrypts the provider secrets stored as entered, once a key is set. Each row is replaced only
 * while it still holds what was read, so instances starting together encrypt it once.
 */
export async function sealStoredProviderSecrets(db: Kysely<Database>, key: SecretKey): Promise<number> {
  const plain = await db
    .selectFrom('sms_connector')
    .select(['id', 'provider_secret'])
    .where('provider_secret', 'is not', null)
    .where('provider_secret', 'not like', 'v1:%')
    .execute();
  let sealed = 0;
  for (const row of plain) {
    const result = await db
      .updateTable('sms_connector')
      .set({ provider_secret: encryptSecret(key, row.provider_secret!) })
      .where('id', '=', row.id)
      .where('provider_secret', '=', row.provider_secret)
      .executeTakeFirst();
    sealed += Number(result.numUpdatedRows);
  }
  return sealed;
}
