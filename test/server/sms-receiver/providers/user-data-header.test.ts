import { describe, expect, it } from 'vitest';
import { parseUserDataHeader } from '../../../../server/sms-receiver/providers/user-data-header';

describe('parseUserDataHeader', () => {
  it('reads an 8-bit reference concatenation, with or without the length byte', () => {
    const part = { ref: 0xcc, refBits: 8, total: 2, index: 1 };
    expect(parseUserDataHeader('050003CC0201')).toEqual(part);
    expect(parseUserDataHeader('0003CC0201')).toEqual(part);
    expect(parseUserDataHeader('050003cc0201')).toEqual(part);
  });

  it('reads a 16-bit reference concatenation, with or without the length byte', () => {
    const part = { ref: 0x0001, refBits: 16, total: 3, index: 2 };
    expect(parseUserDataHeader('0608040001 0302')).toEqual(part);
    expect(parseUserDataHeader('080400010302')).toEqual(part);
    expect(parseUserDataHeader('060804BEEF0303')).toEqual({ ref: 0xbeef, refBits: 16, total: 3, index: 3 });
  });

  it('skips the other elements around it', () => {
    // Port addressing (IEI 05, 16-bit ports 0x0B84 and 0x23F0), then the concatenation.
    expect(parseUserDataHeader('0B05040B8423F00003A70302')).toEqual({ ref: 0xa7, refBits: 8, total: 3, index: 2 });
    // The national language single shift (IEI 24) before it.
    expect(parseUserDataHeader('08240102000312 0201')).toEqual({ ref: 0x12, refBits: 8, total: 2, index: 1 });
  });

  it('finds nothing in a header without a concatenation element', () => {
    expect(parseUserDataHeader('06050415811581')).toBeNull();
    expect(parseUserDataHeader('')).toBeNull();
  });

  it('refuses a void concatenation element: a total or index of 0, an index beyond the total', () => {
    expect(parseUserDataHeader('050003CC0001')).toBeNull();
    expect(parseUserDataHeader('050003CC0200')).toBeNull();
    expect(parseUserDataHeader('050003CC0203')).toBeNull();
  });

  it('never throws on garbage', () => {
    for (const garbage of [
      'zz',
      '0',
      '05',
      '050003',
      '050003CC02',
      'FFFFFFFF',
      '0003CC020',
      'ünïcödé',
      '0A0003CC0201',
    ]) {
      expect(() => parseUserDataHeader(garbage), garbage).not.toThrow();
      expect(parseUserDataHeader(garbage), garbage).toBeNull();
    }
    expect(parseUserDataHeader('5573657244617461486561646572')).toBeNull(); // Sinch's SDK test: "UserDataHeader"
  });
});
