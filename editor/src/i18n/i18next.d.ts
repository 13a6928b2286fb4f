import 'i18next';
import type { EnglishMessages } from '../../../i18n/messages/messages';

// A key missing from the catalog, or a missing `{{placeholder}}` value, is a type error.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: EnglishMessages };
  }
}
