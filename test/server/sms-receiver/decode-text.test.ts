import { describe, expect, it } from 'vitest';
import { decodeBytes, parseFormEncoded } from '../../../server/sms-receiver/decode-text';

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('decodeBytes', () => {
  it('reads UTF-8 when no charset is declared', () => {
    expect(decodeBytes(utf8('Grüße 👋 Привет'))).toBe('Grüße 👋 Привет');
    expect(decodeBytes(bytes())).toBe('');
  });

  it('reads what is not UTF-8 as Windows-1252, the superset of Latin-1', () => {
    expect(decodeBytes(bytes(0x47, 0x72, 0xfc, 0xdf, 0x65))).toBe('Grüße');
    // 0x80–0x9F are where Windows-1252 differs from Latin-1: the euro sign, quotes and dashes.
    expect(decodeBytes(bytes(0x80, 0x20, 0x84, 0x48, 0x69, 0x93, 0x20, 0x96, 0x20, 0x9c))).toBe('€ „Hi“ – œ');
  });

  it('reads all 32 characters Windows-1252 has where Latin-1 has control codes', () => {
    const high = new Uint8Array(32).map((_, i) => 0x80 + i);
    // The WHATWG index; its five unassigned bytes stay the control codes they are in Latin-1.
    const expected = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
    expect(decodeBytes(high)).toBe(expected);
    for (const label of ['windows-1252', 'ISO-8859-1', 'latin1', 'us-ascii', 'cp1252']) {
      expect(decodeBytes(high, label), label).toBe(expected);
    }
  });

  it('reads the declared charset', () => {
    expect(decodeBytes(bytes(0xe4, 0xf6, 0xfc), 'ISO-8859-1')).toBe('äöü');
    expect(decodeBytes(bytes(0xc4, 0xf5), 'iso-8859-15')).toBe('Äõ');
    expect(decodeBytes(new Uint8Array(Buffer.from('Grüße', 'utf16le')), 'utf-16le')).toBe('Grüße');
    expect(decodeBytes(bytes(0xd0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4), 'koi8-r')).toBe('привет');
  });

  it('falls back to Latin-1 when declared UTF-8 is not UTF-8', () => {
    expect(decodeBytes(bytes(0xe4), 'UTF-8')).toBe('ä');
    expect(decodeBytes(bytes(0xe4), 'utf8')).toBe('ä');
    expect(decodeBytes(utf8('ä'), 'utf-8')).toBe('ä');
  });

  it('reads an unknown charset as if none was declared', () => {
    expect(decodeBytes(utf8('ä'), 'x-no-such-charset')).toBe('ä');
    expect(decodeBytes(bytes(0xe4), 'x-no-such-charset')).toBe('ä');
  });

  it('never throws, whatever the bytes', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    expect(decodeBytes(all)).toHaveLength(256);
    expect(() => decodeBytes(all, 'utf-16le')).not.toThrow();
    expect(() => decodeBytes(bytes(0xff, 0xfe, 0xfd), 'shift_jis')).not.toThrow();
  });
});

describe('parseFormEncoded', () => {
  const parsed = (binary: string, charset?: string) => Object.fromEntries(parseFormEncoded(binary, charset));

  it('reads name=value pairs', () => {
    expect(parsed('')).toEqual({});
    expect(parsed('a=1&b=2')).toEqual({ a: '1', b: '2' });
    expect(parsed('a=b=c')).toEqual({ a: 'b=c' });
  });

  it('reads + as a space and %2B as a plus sign', () => {
    expect(parsed('m=1+%2B+1')).toEqual({ m: '1 + 1' });
  });

  it('decodes each value as a whole, so characters of several bytes survive', () => {
    expect(parsed('m=%F0%9F%91%8B+%C3%A4')).toEqual({ m: '👋 ä' });
    // Each value on its own: a character split between two fields is not one character.
    expect(parsed('a=%C3&b=%A4')).toEqual({ a: 'Ã', b: '¤' });
  });

  it('reads Latin-1 escapes, declared or not', () => {
    expect(parsed('m=Gr%FC%DFe')).toEqual({ m: 'Grüße' });
    expect(parsed('m=%E4', 'ISO-8859-1')).toEqual({ m: 'ä' });
  });

  it('reads raw bytes (a body held one char per byte)', () => {
    expect(parsed('m=\u00e4')).toEqual({ m: 'ä' });
    expect(parsed('m=\u00c3\u00a4')).toEqual({ m: 'ä' });
  });

  it('keeps a % that starts no escape as it is', () => {
    expect(parsed('m=100%&n=%zz&o=%4&p=%')).toEqual({ m: '100%', n: '%zz', o: '%4', p: '%' });
  });

  it('decodes names too, and takes a name without = as an empty value', () => {
    expect(parsed('mes%73age=x&flag')).toEqual({ message: 'x', flag: '' });
  });

  it('skips empty pairs and keeps the first of a repeated name', () => {
    expect(parsed('&&a=1&&a=2&')).toEqual({ a: '1' });
  });
});
