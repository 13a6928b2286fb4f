import type { Messages } from './messages';

/** The German message catalog. Its shape is the English one's, so a missing key is a type error. */
export const de: Messages = {
  language: { en: 'English', de: 'Deutsch' },
};
