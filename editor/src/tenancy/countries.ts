import { getCountries } from 'libphonenumber-js/min';
import { i18n } from '../i18n/setup-i18n';

/**
 * The countries a client's national numbers can be read in: those libphonenumber-js knows (the
 * server checks the code against the same list), named in the UI's language, sorted by name.
 */
export function countryOptions(): { value: string; label: string }[] {
  const names = new Intl.DisplayNames([i18n.language], { type: 'region' });
  const collator = new Intl.Collator(i18n.language);
  return getCountries()
    .map((code) => ({ value: code, label: `${names.of(code) ?? code} (${code})` }))
    .sort((a, b) => collator.compare(a.label, b.label));
}
