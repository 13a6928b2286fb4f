const SEPARATORS = /[\s\-().\/]/g;

/**
 * A phone number in E.164 (`+49123123`), or null when the value is not a phone number
 * (an alphanumeric sender id such as `DHL`). `49123123`, `+49123123` and `0049123123` are the
 * same number; a `+` that arrived as a space (form encoding) is read as the `+` it was.
 */
export function toE164(raw: string): string | null {
  const compact = raw.trim().replace(SEPARATORS, '');
  const digits = compact.startsWith('+') ? compact.slice(1) : compact.startsWith('00') ? compact.slice(2) : compact;
  if (!/^[1-9]\d{2,14}$/.test(digits)) return null;
  return `+${digits}`;
}
