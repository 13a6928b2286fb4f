import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Encrypts send connectors' credentials at rest with AES-256-GCM under SWITCHBOARD_SECRET_KEY.
// Pure apart from the random IV: no I/O, no logging (nothing here ever reaches a log or an answer).

/** The name of the environment variable holding the key. */
export const SECRET_KEY_VARIABLE = 'SWITCHBOARD_SECRET_KEY';

/**
 * The stored form is `v1:<iv>:<tag>:<ciphertext>`, each part base64url. The leading version names
 * the scheme and key generation, so a later key (or scheme) can be introduced as `v2` while rows of
 * `v1` are still read and re-encrypted.
 */
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A 32-byte key, read from SWITCHBOARD_SECRET_KEY. */
export interface SecretKey {
  readonly bytes: Buffer;
}

/**
 * Reads the key from its text: 64 hex digits or base64 (standard or url-safe) of exactly 32 bytes.
 * Throws naming the variable (never echoing the value) when it is neither.
 */
export function parseSecretKey(text: string): SecretKey {
  const trimmed = text.trim();
  let bytes: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) bytes = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(trimmed)) bytes = Buffer.from(trimmed, 'base64');
  if (bytes?.length !== 32)
    throw new Error(
      `${SECRET_KEY_VARIABLE} must be 32 bytes, as 64 hex digits or base64 (e.g. from \`openssl rand -base64 32\`)`,
    );
  // Said as `[redacted]` should a config holding it ever be logged or serialised.
  const redacted = () => '[redacted]';
  return Object.freeze({
    bytes,
    toJSON: redacted,
    toString: redacted,
    [Symbol.for('nodejs.util.inspect.custom')]: redacted,
  });
}

/** Encrypts `plaintext` with a fresh random IV: the same text gives a different ciphertext each time. */
export function encryptSecret(key: SecretKey, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(VERSION));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join(':');
}

/** Decrypts what `encryptSecret` wrote; throws (without the key or the text) when it was made with another key or changed. */
export function decryptSecret(key: SecretKey, stored: string): string {
  const [version, iv, tag, ciphertext, ...rest] = stored.split(':');
  if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined || rest.length > 0)
    throw new Error('The stored credentials are not in a known format');
  const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(VERSION));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(`The stored credentials cannot be decrypted with this ${SECRET_KEY_VARIABLE}`);
  }
}
