/** A catalog's shape with every text widened to `string`: what each other language must provide. */
export type MessageShape<T> = { readonly [K in keyof T]: T[K] extends string ? string : MessageShape<T[K]> };

/**
 * One area's words (a page, a feature) in English and German, kept in one file so the two cannot
 * drift: German must have exactly English's keys, or it does not type-check.
 */
export function defineMessages<const En>(en: En, de: MessageShape<En>): { en: En; de: MessageShape<En> } {
  return { en, de };
}
