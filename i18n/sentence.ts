import { fallbackLanguage, type Language, type Localized } from './languages';
import { messages, type EnglishMessages } from './messages/messages';

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type WithoutPlural<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base : K;

/** The dotted keys of a catalog tree, a plural pair (`x_one`, `x_other`) as its one key `x`. */
export type KeysOf<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${WithoutPlural<K>}` : KeysOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A key of the whole catalog: `'apiError.notFound'`. */
export type MessageKey = KeysOf<EnglishMessages>;

/** What a placeholder is filled with: a value as it is, or words rendered in the same language. */
export type SentenceParam = string | number | Sentence | readonly Sentence[];

/**
 * Words to be said later, in a language not yet known: a catalog key and its `{{placeholders}}`.
 * The server keeps these (an error, a validation problem) and renders them per request. `text` is
 * for words that are the same in every language (a message from outside the catalog), `localized`
 * for words declared beside their concept (a node type's check).
 */
export type Sentence<K extends MessageKey = MessageKey> =
  | { readonly key: K; readonly params?: Readonly<Record<string, SentenceParam>> }
  | { readonly text: string }
  | { readonly localized: Localized };

/** A sentence of the catalog, with its placeholders' values. */
export function sentence<K extends MessageKey>(key: K, params?: Readonly<Record<string, SentenceParam>>): Sentence<K> {
  return params ? { key, params } : { key };
}

/** Words outside the catalog, said as they are in every language. */
export const verbatim = (text: string): Sentence => ({ text });

function lookup(language: Language, key: string, count: number | undefined): string | undefined {
  const path = key.split('.');
  const last = path.pop()!;
  let node: unknown = messages[language];
  for (const part of path) node = (node as Record<string, unknown> | undefined)?.[part];
  const texts = node as Record<string, unknown> | undefined;
  const candidates =
    count === undefined ? [last] : [`${last}_${new Intl.PluralRules(language).select(count)}`, `${last}_other`, last];
  for (const candidate of candidates) {
    const text = texts?.[candidate];
    if (typeof text === 'string') return text;
  }
  return undefined;
}

function renderParam(language: Language, value: SentenceParam): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value))
    return listOf(
      language,
      (value as readonly Sentence[]).map((item) => say(language, item)),
    );
  return say(language, value as Sentence);
}

/** "a", "a and b", "a, b and c" in the language's words. */
function listOf(language: Language, items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lookup(language, 'validation.and', undefined) ?? 'and'} ${items.at(-1)}`;
}

/**
 * A sentence in `language` (English where that language lacks the key). `{{placeholders}}` are
 * filled as i18next fills them; a numeric `count` picks the plural (`key_one`, `key_other`).
 */
export function say(language: Language, words: Sentence): string {
  if ('text' in words) return words.text;
  if (!('key' in words)) return words.localized[language];
  const params = words.params ?? {};
  const count = typeof params.count === 'number' ? params.count : undefined;
  const template = lookup(language, words.key, count) ?? lookup(fallbackLanguage, words.key, count) ?? words.key;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, name: string) =>
    name in params ? renderParam(language, params[name]!) : placeholder,
  );
}
