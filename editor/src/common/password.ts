/** The server's password rule (server/routes/users.ts `passwordSchema`), checked while typing. */
export const PASSWORD_MIN_LENGTH = 10;
const PASSWORD_MAX_LENGTH = 1024;

export function passwordProblem(value: string): string | null {
  if (value.length === 0) return 'Enter a password';
  if (value.length < PASSWORD_MIN_LENGTH)
    return `At least ${PASSWORD_MIN_LENGTH} characters (${PASSWORD_MIN_LENGTH - value.length} more)`;
  if (value.length > PASSWORD_MAX_LENGTH) return `At most ${PASSWORD_MAX_LENGTH} characters`;
  return null;
}

const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password to hand to someone (no look-alike characters), 16 characters in groups of four. */
export function generatePassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const chars = Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]!);
  return [0, 4, 8, 12].map((start) => chars.slice(start, start + 4).join('')).join('-');
}
