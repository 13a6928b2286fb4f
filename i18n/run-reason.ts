import type { Language } from './languages';
import { messages } from './messages/messages';
import { say, sentence, verbatim, type MessageKey, type Sentence, type SentenceParam } from './sentence';

/** Placeholders that hold a reason of their own ("Node … failed: {{error}}"), read again in turn. */
const NESTED = new Set(['error', 'reason']);

interface Template {
  key: MessageKey;
  names: string[];
  pattern: RegExp;
  literal: number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The English templates as patterns, the most literal first (so "Node … failed" wins over "{{method}} {{host}} failed"). */
const templates: Template[] = Object.entries(messages.en.runFailure)
  .map(([name, text]) => {
    const parts = text.split(/\{\{(\w+)\}\}/);
    const names = parts.filter((_, index) => index % 2 === 1);
    const source = parts.map((part, index) => (index % 2 === 1 ? '(.+?)' : escape(part))).join('');
    const literal = parts.filter((_, index) => index % 2 === 0).join('').length;
    return { key: `runFailure.${name}` as MessageKey, names, pattern: new RegExp(`^${source}$`, 's'), literal };
  })
  .sort((a, b) => b.literal - a.literal);

/**
 * The catalog sentence a stored run reason (a run's failure, a trace step's error) was written
 * from, with its values; a text no template fits (a node's own words, an old wording) stays as it is.
 */
export function readRunReason(text: string): Sentence {
  for (const { key, names, pattern } of templates) {
    const match = pattern.exec(text);
    if (!match) continue;
    const params: Record<string, SentenceParam> = {};
    names.forEach((name, index) => {
      const value = match[index + 1]!;
      params[name] = NESTED.has(name) ? readRunReason(value) : value;
    });
    return sentence(key, params);
  }
  return verbatim(text);
}

/** A stored run reason in `language`. */
export function sayRunReason(text: string, language: Language): string {
  return say(language, readRunReason(text));
}
