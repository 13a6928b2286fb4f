import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { fallbackLanguage, languages, pickLanguage } from '../../../i18n/languages';
import { messages } from '../../../i18n/messages/messages';

/** i18next over the one message catalog; the browser's language until the account says otherwise. */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(languages.map((language) => [language, { translation: messages[language] }])),
  lng: pickLanguage(navigator.languages ?? [navigator.language]),
  fallbackLng: fallbackLanguage,
  supportedLngs: [...languages],
  interpolation: { escapeValue: false }, // React escapes
  initAsync: false,
});

i18n.on('languageChanged', (language) => document.documentElement.setAttribute('lang', language));
document.documentElement.setAttribute('lang', i18n.language);
