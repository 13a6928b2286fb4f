import i18next, { type TFunction } from 'i18next';
import { fallbackLanguage, isLanguage, languages, type Language } from '../../i18n/languages';
import { messages } from '../../i18n/messages/messages';

const i18n = i18next.createInstance();
void i18n.init({
  resources: Object.fromEntries(languages.map((language) => [language, { translation: messages[language] }])),
  lng: fallbackLanguage,
  fallbackLng: fallbackLanguage,
  interpolation: { escapeValue: false }, // plain-text mail
  initAsync: false,
});

/** The language an e-mail to this recipient is written in: theirs, English when they chose none. */
export function recipientLanguage(language: string | null | undefined): Language {
  return isLanguage(language) ? language : fallbackLanguage;
}

/** The catalog's texts in `language`, for composing an e-mail. */
export function mailText(language: Language): TFunction {
  return i18n.getFixedT(language);
}

/** "2026-12-02 06:45:12 UTC" in English, "02.12.2026, 06:45 UTC" in German. */
export function formatMailTime(date: Date, language: Language): string {
  if (language === 'en')
    return date
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, ' UTC');
  const text = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  return `${text.format(date)} UTC`;
}
