import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { fallbackLanguage, languages, pickLanguage, type Language } from '../../../i18n/languages';
import { messages } from '../../../i18n/messages/messages';

/** The browser's languages in order of preference (none outside a browser, as in unit tests). */
export function browserLanguage(): Language {
  if (typeof navigator === 'undefined') return fallbackLanguage;
  return pickLanguage(navigator.languages ?? [navigator.language]);
}

/** i18next over the one message catalog; the browser's language until the account says otherwise. */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(languages.map((language) => [language, { translation: messages[language] }])),
  lng: browserLanguage(),
  fallbackLng: fallbackLanguage,
  supportedLngs: [...languages],
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
});

/** For code outside components (formatters, rules): call it while rendering, so a language change renders again. */
export const t = i18n.t.bind(i18n);

if (typeof document !== 'undefined') {
  i18n.on('languageChanged', (language) => document.documentElement.setAttribute('lang', language));
  document.documentElement.setAttribute('lang', i18n.language);
}
