import type { Language } from '../languages';
import { de } from './de';
import { en } from './en';

type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The catalog's shape, read off the English catalog: every language has every key. */
export type Messages = Widen<typeof en>;

export const messages: Readonly<Record<Language, Messages>> = { en, de };
