import { describe, expect, it } from 'vitest';
import { say, sentence, verbatim } from '../../i18n/sentence';
import { zodIssueSentence } from '../../i18n/zod-issue-sentence';
import { z } from 'zod';
import { acceptedLanguages } from '../../server/http/request-language';

describe('say', () => {
  it('fills placeholders with values and with sentences said in the same language', () => {
    const missing = sentence('apiError.notFound', { what: sentence('apiError.thing.acdGroup') });
    expect(say('en', missing)).toBe('ACD group not found');
    expect(say('de', missing)).toBe('ACD-Gruppe nicht gefunden');
  });

  it('picks the plural by count, and joins a list with the language’s “and”', () => {
    expect(say('en', sentence('apiError.tooManyLogins', { count: 1 }))).toMatch(/in 1 minute\.$/);
    expect(say('de', sentence('apiError.tooManyLogins', { count: 5 }))).toMatch(/in 5 Minuten erneut\.$/);
    const users = [verbatim('a'), verbatim('b'), verbatim('c')];
    expect(say('de', sentence('apiError.groupInUse', { name: 'G', users }))).toContain('von a, b und c;');
  });
});

describe('zodIssueSentence', () => {
  const issueOf = (schema: z.ZodType, input: unknown) =>
    schema.safeParse(input, { reportInput: true }).error!.issues[0]!;

  it('tells a missing field from a wrong one, in both languages', () => {
    const schema = z.strictObject({ name: z.string().min(2), colour: z.enum(['red', 'blue']).optional() });
    const cases = [
      [{}, 'name: required', 'name: erforderlich'],
      [{ name: 3 }, 'name: must be a text', 'name: muss ein Text sein'],
      [{ name: 'a' }, 'name: must be at least 2 characters long', 'name: muss mindestens 2 Zeichen lang sein'],
      [
        { name: 'ab', colour: 'green' },
        'colour: must be one of red, blue',
        'colour: muss einer dieser Werte sein: red, blue',
      ],
      [{ name: 'ab', size: 1 }, 'size is not a known field', 'size ist kein bekanntes Feld'],
    ] as const;
    for (const [input, en, de] of cases) {
      const { sentence: words } = zodIssueSentence(issueOf(schema, input));
      expect([say('en', words), say('de', words)]).toEqual([en, de]);
    }
  });
});

describe('acceptedLanguages', () => {
  it('orders the tags by weight and drops the wildcard and q=0', () => {
    expect(acceptedLanguages('fr;q=0.4, de-CH, en;q=0.8, *;q=0.1, it;q=0')).toEqual(['de-CH', 'en', 'fr']);
    expect(acceptedLanguages(undefined)).toEqual([]);
  });
});
