import { describe, expect, it } from 'vitest';
import { toE164 } from '../../contract/phone-number';

describe('toE164', () => {
  it.each(['49123123', '+49123123', '0049123123'])('reads %s as +49123123', (raw) => {
    expect(toE164(raw)).toBe('+49123123');
  });

  it.each([
    ['+49 (30) 123-45.67', '+49301234567'],
    ['+49/30/1234567', '+49301234567'],
    ['\t 0049 30 1234567 \n', '+49301234567'],
    // A `+` that arrived as a space (an unencoded + in a form or query value).
    [' 49301234567', '+49301234567'],
  ])('drops spaces, dashes, dots, slashes and brackets: %j', (raw, e164) => {
    expect(toE164(raw)).toBe(e164);
  });

  it('takes 3 to 15 digits, as E.164 allows', () => {
    expect(toE164('123')).toBe('+123');
    expect(toE164('12')).toBeNull();
    expect(toE164('123456789012345')).toBe('+123456789012345');
    expect(toE164('1234567890123456')).toBeNull();
    expect(toE164('00123456789012345')).toBe('+123456789012345');
  });

  it.each([
    ['an alphanumeric sender id', 'DHL'],
    ['letters among digits', '49123abc'],
    ['nothing', ''],
    ['only spaces', '   '],
    ['a lone plus', '+'],
    ['two plus signs', '++49123123'],
    ['a plus before 00', '+0049123123'],
    ['a national number (no country code)', '030123456'],
    ['a leading zero after the prefix', '+049123123'],
    ['digits of another script', '٤٩١٢٣١٢٣'],
    ['full-width digits', '４９１２３１２３'],
    ['an extension', '+49123123;ext=5'],
  ])('is not a phone number: %s', (_what, raw) => {
    expect(toE164(raw)).toBeNull();
  });
});

describe('toE164 with libphonenumber-js', () => {
  it('reads a national number in the default country', () => {
    expect(toE164('0170 1234567', 'DE')).toBe('+491701234567');
    expect(toE164('0170 1234567', 'de')).toBe('+491701234567');
    expect(toE164('0660 1234567', 'AT')).toBe('+436601234567');
  });

  it('reads no national number without a default country', () => {
    expect(toE164('0170 1234567')).toBeNull();
    expect(toE164('0170 1234567', null)).toBeNull();
  });

  it('drops the trunk zero written after the country code, where the country drops it', () => {
    expect(toE164('+49 (0)170 1234567')).toBe('+491701234567');
    expect(toE164('+39 06 1234 5678')).toBe('+390612345678');
  });

  it('reads an international number the same with or without a default country', () => {
    expect(toE164('+1 415 555 2671', 'DE')).toBe('+14155552671');
    expect(toE164('0049 170 1234567', 'FR')).toBe('+491701234567');
  });

  it('keeps alphanumeric senders and other words no number', () => {
    expect(toE164('DHL', 'DE')).toBeNull();
    expect(toE164('0', 'DE')).toBeNull();
  });
});
