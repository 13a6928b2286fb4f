import { DatesProvider } from '@mantine/dates';
import 'dayjs/locale/de';
import type { ReactNode } from 'react';
import type { Language } from '../../../i18n/languages';
import { useLanguage } from './use-language';

/** dayjs's locale for each language (English is built in; German is loaded above). */
const DAYJS_LOCALES: Readonly<Record<Language, string>> = { en: 'en', de: 'de' };

/** The date pickers (month and day names, first day of the week) in the UI's language. */
export function LanguageDates({ children }: { children: ReactNode }) {
  const language = useLanguage();
  return <DatesProvider settings={{ locale: DAYJS_LOCALES[language], firstDayOfWeek: 1 }}>{children}</DatesProvider>;
}
