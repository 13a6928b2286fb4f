import type { Context } from 'hono';
import { isLanguage, pickLanguage, type Language } from '../../i18n/languages';
import type { AppEnv } from './app-env';

/** The tags of an `Accept-Language` header, most preferred first (`de-CH, de;q=0.9, en;q=0.5`). */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...options] = part.trim().split(';');
      const q = options.map((option) => option.trim().match(/^q=([\d.]+)$/)?.[1]).find((value) => value !== undefined);
      return { tag: tag.trim(), weight: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ tag, weight }) => tag !== '' && tag !== '*' && weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map(({ tag }) => tag);
}

/** The language to answer in: the caller's own choice, else the browser's (`Accept-Language`), else English. */
export function requestLanguage(c: Context<AppEnv>): Language {
  const own = (c.var.principal as AppEnv['Variables']['principal'] | undefined)?.language;
  return isLanguage(own) ? own : pickLanguage(acceptedLanguages(c.req.header('accept-language')));
}
