/** The languages Switchboard speaks. English is the fallback for anything a choice leaves open. */
export const languages = ['en', 'de'] as const;
export type Language = (typeof languages)[number];
export const fallbackLanguage: Language = 'en';

/** A text in every language, declared where the concept is declared (a node type, a status). */
export type Localized = Readonly<Record<Language, string>>;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The first of `preferred` (BCP 47 tags such as `de-CH`, in order of preference) that Switchboard speaks. */
export function pickLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return fallbackLanguage;
}
