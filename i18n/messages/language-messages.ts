import { defineMessages } from './define-messages';

/** The names of the languages, each in its own language so a reader finds theirs. */
export const languageMessages = defineMessages({ en: 'English', de: 'Deutsch' }, { en: 'English', de: 'Deutsch' });
