import { useTranslation } from 'react-i18next';
import { fallbackLanguage, isLanguage, type Language, type Localized } from '../../../i18n/languages';

/** The language the UI speaks now; components using it render again when it changes. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  const current = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(current) ? current : fallbackLanguage;
}

/** A declared text in the UI's language. */
export function useLocalize(): (text: Localized) => string {
  const language = useLanguage();
  return (text) => text[language];
}
