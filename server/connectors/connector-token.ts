import { generateSecret, hashSecret, secretHint } from '../auth/secrets';

/** What a connector token starts with, so a leaked one is recognised as one. */
export const TOKEN_PREFIX = 'sbt';

/**
 * A new connector token: shown once (`token`), stored only as its hash and its last characters.
 * A new one replaces the old at once; nothing keeps the old one working.
 */
export function newConnectorToken(): { token: string; stored: { token_hash: string; token_hint: string } } {
  const token = generateSecret(TOKEN_PREFIX);
  return { token, stored: { token_hash: hashSecret(token), token_hint: secretHint(token) } };
}
