import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

const SEPARATORS = /[\s\-().\/]/g;
const INTERNATIONAL = /^(?:\+|00)?([1-9]\d*)$/;
const NATIONAL = /^0[1-9]\d*$/;
const TRUNK_ZERO_AFTER_COUNTRY_CODE = /^\d{1,3}0/;

/**
 * A phone number in E.164 (`+49123123`), or null when the value is not a phone number
 * (an alphanumeric sender id such as `DHL`). `49123123`, `+49123123` and `0049123123` are the
 * same number; a `+` that arrived as a space (form encoding) is read as the `+` it was. A national
 * number (`0170 1234567`) is read in `defaultCountry` when one is given, and is no number without.
 * libphonenumber-js knows each country's rules (the trunk 0 in `+49 (0)170…` goes, Italy's stays);
 * a number it does not know (too short for its country, a test range) keeps its digits as they came.
 */
export function toE164(raw: string, defaultCountry?: string | null): string | null {
  const compact = raw.trim().replace(SEPARATORS, '');
  const international = INTERNATIONAL.exec(compact)?.[1];
  if (international !== undefined) {
    if (international.length < 3 || international.length > 15) return null;
    // libphonenumber-js takes several µs a number, too much for every SMS of the intake: it is
    // asked only where it can change something, a 0 after a country code (1 to 3 digits).
    if (!TRUNK_ZERO_AFTER_COUNTRY_CODE.test(international)) return `+${international}`;
    const parsed = parsePhoneNumberFromString(`+${international}`);
    return parsed?.isPossible() ? parsed.number : `+${international}`;
  }
  if (!defaultCountry || !NATIONAL.test(compact)) return null;
  const parsed = parsePhoneNumberFromString(compact, defaultCountry.toUpperCase() as CountryCode);
  return parsed?.isPossible() ? parsed.number : null;
}

/** Whether `raw` is written as a national number (`0170 1234567`): a number in some default country. */
export const isNationalForm = (raw: string) => NATIONAL.test(raw.trim().replace(SEPARATORS, ''));
