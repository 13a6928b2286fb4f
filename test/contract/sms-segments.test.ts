import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { countSegments, needsUnicode } from '../../contract/sms-segments';

/** The library's own count, without the GSM-7 fast path. */
function libraryCount(text: string) {
  const message = new SegmentedMessage(text, 'auto', false);
  return {
    encoding: message.encodingName === 'UCS-2' ? 'UCS-2' : 'GSM-7',
    segments: text === '' ? 0 : message.segmentsCount,
    characters: message.numberOfCharacters,
  };
}

/** A seeded generator, so that a failing text can be found again. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

describe('SMS segments', () => {
  it('count GSM-7 texts as 160 characters in one SMS and 153 a part', () => {
    expect(countSegments('Hello')).toEqual({ encoding: 'GSM-7', segments: 1, characters: 5 });
    expect(countSegments('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', segments: 1, characters: 160 });
    expect(countSegments('a'.repeat(161)).segments).toBe(2);
    expect(countSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('count UCS-2 texts as 70 characters in one SMS and 67 a part', () => {
    expect(countSegments('ж'.repeat(70))).toMatchObject({ encoding: 'UCS-2', segments: 1, characters: 70 });
    expect(countSegments('ж'.repeat(71)).segments).toBe(2);
    expect(countSegments('ж'.repeat(134)).segments).toBe(2);
    expect(countSegments('ж'.repeat(135)).segments).toBe(3);
  });

  it('know GSM-7’s extension table and that an emoji needs UCS-2', () => {
    // `€` is in the extension table: two septets, still GSM-7.
    expect(countSegments('Preis: 5 €')).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(countSegments('€'.repeat(80)).segments).toBe(1);
    expect(countSegments('€'.repeat(81)).segments).toBe(2);
    expect(needsUnicode('Grüße aus Köln')).toBe(false);
    expect(needsUnicode('Thanks 😀')).toBe(true);
    expect(countSegments('😀')).toMatchObject({ encoding: 'UCS-2', characters: 1 });
    expect(countSegments('').segments).toBe(0);
  });

  it('count as the library does, for every character alone and for texts of any length near the part boundaries', () => {
    for (let code = 0; code < 0x3000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const text = String.fromCharCode(code);
      expect(countSegments(text), `U+${code.toString(16)}`).toEqual(libraryCount(text));
    }
    const alphabet = 'aZ0 .,\n\r€{}[]^~|\\\fäÖßΔ@£ж😀';
    const next = random(42);
    for (let n = 0; n < 1500; n++) {
      // Mostly GSM-7 letters, now and then an extension character (two septets) or one outside GSM-7.
      const length = Math.floor(next() * 480);
      let text = '';
      for (let i = 0; i < length; i++) {
        const r = next();
        text += r < 0.8 ? 'abc'[Math.floor(next() * 3)] : alphabet[Math.floor(next() * alphabet.length)];
      }
      expect(countSegments(text), JSON.stringify(text)).toEqual(libraryCount(text));
    }
    for (let septets = 150; septets < 470; septets++) {
      for (const text of ['a'.repeat(septets), `${'a'.repeat(septets - 1)}€`, `€${'a'.repeat(septets - 2)}€`]) {
        expect(countSegments(text), `${text.length} characters`).toEqual(libraryCount(text));
      }
    }
  });
});
