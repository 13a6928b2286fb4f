import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OPT_OUT_SETTINGS,
  matchOptOutKeyword,
  normalizeKeyword,
  type OptOutKeywordSettings,
} from '../../contract/opt-out-keywords';
import { optOutSettingsBody } from '../../contract/opt-outs';

// Which SMS texts are opt-out or opt-in keywords: the whole text, trimmed, in any case, with
// trailing punctuation ignored, compared as strings (an admin's keyword is never a pattern).

const match = (text: string, settings: OptOutKeywordSettings = DEFAULT_OPT_OUT_SETTINGS) =>
  matchOptOutKeyword(text, settings);

describe('matchOptOutKeyword', () => {
  it('knows the default keywords in any case, trimmed, with trailing punctuation', () => {
    for (const text of [
      'STOP',
      'stop',
      ' Stop ',
      'Stop!',
      'stop.',
      'STOP!!!',
      '\tquit?\n',
      'Unsubscribe',
      'END…',
      'stopp',
    ])
      expect({ text, kind: match(text) }).toEqual({ text, kind: 'optOut' });
    for (const text of ['START', 'start.', ' Unstop '])
      expect({ text, kind: match(text) }).toEqual({ text, kind: 'optIn' });
  });

  it('ignores texts that only contain a keyword, or punctuation before it', () => {
    for (const text of ['please stop', 'STOP NOW', 'stop it', '.stop', 'stops', 'restart', '', '   ', '!!!', 'S T O P'])
      expect({ text, kind: match(text) }).toEqual({ text, kind: null });
  });

  it('answers a long text at once without reading it', () => {
    expect(match(`STOP${' '.repeat(100)}`)).toBeNull();
    expect(match('x'.repeat(10_000))).toBeNull();
  });

  it('uses a client’s own keywords as plain words, and nothing when turned off', () => {
    const custom: OptOutKeywordSettings = { enabled: true, optOutKeywords: ['HALT', '.*'], optInKeywords: ['WEITER'] };
    expect(match('halt!', custom)).toBe('optOut');
    expect(match('weiter', custom)).toBe('optIn');
    expect(match('STOP', custom)).toBeNull();
    // Never a regular expression: ".*" matches only itself (were it a pattern, "anything" would match).
    expect(match('anything', custom)).toBeNull();
    expect(match('STOP', { ...DEFAULT_OPT_OUT_SETTINGS, enabled: false })).toBeNull();
  });

  it('normalizes keywords as it compares them', () => {
    expect(normalizeKeyword('  stop all!? ')).toBe('STOP ALL');
    expect(normalizeKeyword('Ende.')).toBe('ENDE');
  });
});

describe('optOutSettingsBody', () => {
  const base = {
    enabled: true,
    optOutKeywords: ['stop'],
    optInKeywords: [],
    optOutConfirmation: null,
    optInConfirmation: null,
  };

  it('stores keywords in capitals, once each, and an empty confirmation as none', () => {
    expect(
      optOutSettingsBody.parse({ ...base, optOutKeywords: ['stop', ' Stop ', 'halt'], optOutConfirmation: '  ' }),
    ).toMatchObject({ optOutKeywords: ['STOP', 'HALT'], optOutConfirmation: null });
  });

  it('refuses a word in both lists, a pattern, and no opt-out keyword', () => {
    expect(optOutSettingsBody.safeParse({ ...base, optInKeywords: ['STOP'] }).success).toBe(false);
    expect(optOutSettingsBody.safeParse({ ...base, optOutKeywords: ['st.p'] }).success).toBe(false);
    expect(optOutSettingsBody.safeParse({ ...base, optOutKeywords: [] }).success).toBe(false);
  });
});
