import { describe, expect, it } from 'vitest';
import type { CannedResponse } from '../../contract/canned-responses';
import { CANNED_LIST_MAX, insertAt, matchingCanned, slashAt } from '../../editor/src/desk/canned-slash';

const response = (shortcut: string, title = shortcut): CannedResponse => ({
  id: shortcut,
  clientId: 'c',
  shortcut,
  title,
  text: `Text of ${shortcut}`,
  createdAt: '2026-12-03T10:00:00.000Z',
  updatedAt: '2026-12-03T10:00:00.000Z',
});

describe('canned responses typed with /', () => {
  it('finds a / at the start of a word up to the caret, and nothing else', () => {
    expect(slashAt('/tha', 4)).toEqual({ start: 0, end: 4, query: 'tha' });
    expect(slashAt('Hello /Th', 9)).toEqual({ start: 6, end: 9, query: 'th' });
    expect(slashAt('Hello\n/', 7)).toEqual({ start: 6, end: 7, query: '' });
    // Inside a word (a date, a URL) a slash is text.
    expect(slashAt('on 3/4', 6)).toBeUndefined();
    expect(slashAt('see https://x', 13)).toBeUndefined();
    // A space after the shortcut ends it; the caret before the slash is not in it.
    expect(slashAt('/thanks ', 8)).toBeUndefined();
    expect(slashAt('/thanks', 0)).toBeUndefined();
  });

  it('lists shortcuts that start with the query first, then those whose shortcut or title holds it', () => {
    const all = [response('hours', 'Opening hours'), response('thanks'), response('open-ticket'), response('bye')];
    expect(matchingCanned(all, 'o').map((r) => r.shortcut)).toEqual(['open-ticket', 'hours']);
    expect(matchingCanned(all, '').map((r) => r.shortcut)).toEqual(['hours', 'thanks', 'open-ticket', 'bye']);
    expect(matchingCanned(all, 'xyz')).toEqual([]);
    const many = Array.from({ length: 20 }, (_, i) => response(`r${i}`));
    expect(matchingCanned(many, 'r')).toHaveLength(CANNED_LIST_MAX);
  });

  it('replaces the typed shortcut with the text and puts the caret after it', () => {
    const text = 'Hi /tha and more';
    const slash = slashAt(text, 7)!;
    expect(insertAt(text, slash, 'Thank you')).toEqual({ text: 'Hi Thank you and more', caret: 12 });
  });
});
