import { PASSWORD_LENGTH } from '../../../contract/user-rules';
import { t } from '../i18n/setup-i18n';

/** The rule, as a field's description says it. */
export const passwordRule = () => t('common.password.rule', { min: PASSWORD_LENGTH.min });

/** The server's password rule, checked while typing. */
export function passwordProblem(value: string): string | null {
  const { min, max } = PASSWORD_LENGTH;
  if (value.length === 0) return t('common.password.enter');
  if (value.length < min) return t('common.password.tooShort', { min, missing: min - value.length });
  if (value.length > max) return t('common.password.tooLong', { max });
  return null;
}

const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password to hand to someone (no look-alike characters), 16 characters in groups of four. */
export function generatePassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const chars = Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]!);
  return [0, 4, 8, 12].map((start) => chars.slice(start, start + 4).join('')).join('-');
}
