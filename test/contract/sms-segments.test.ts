import { describe, expect, it } from 'vitest';
import { countSegments, needsUnicode } from '../../contract/sms-segments';

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
});
