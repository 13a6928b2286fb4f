import { PASSWORD_LENGTH } from '../../../contract/user-rules';

/** The rule, as a field's description says it. */
export const PASSWORD_RULE = `At least ${PASSWORD_LENGTH.min} characters.`;

/** The server's password rule, checked while typing. */
export function passwordProblem(value: string): string | null {
  const { min, max } = PASSWORD_LENGTH;
  if (value.length === 0) return 'Enter a password';
  if (value.length < min) return `At least ${min} characters (${min - value.length} more)`;
  if (value.length > max) return `At most ${max} characters`;
  return null;
}

const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password to hand to someone (no look-alike characters), 16 characters in groups of four. */
export function generatePassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const chars = Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]!);
  return [0, 4, 8, 12].map((start) => chars.slice(start, start + 4).join('')).join('-');
}
