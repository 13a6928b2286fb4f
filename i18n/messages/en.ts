/** The English message catalog: the one source of the web UI's and the e-mails' words. */
export const en = {
  language: { en: 'English', de: 'Deutsch' },
} as const;
