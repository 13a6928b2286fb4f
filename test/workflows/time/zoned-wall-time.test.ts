import { describe, expect, it } from 'vitest';
import { isTimeZone, wallTimeIn } from '../../../workflows/time/zoned-wall-time';

describe('wallTimeIn', () => {
  it('gives the local date, weekday and minute of an instant, DST included', () => {
    expect(wallTimeIn('Europe/Berlin', Date.parse('2026-03-29T00:59:00Z'))).toEqual({
      date: '2026-03-29',
      weekday: 0,
      minutes: 119,
    });
    expect(wallTimeIn('Europe/Berlin', Date.parse('2026-03-29T01:00:00Z'))).toEqual({
      date: '2026-03-29',
      weekday: 0,
      minutes: 180,
    });
    expect(wallTimeIn('Asia/Kathmandu', Date.parse('2026-01-01T00:00:00Z'))).toEqual({
      date: '2026-01-01',
      weekday: 4,
      minutes: 5 * 60 + 45,
    });
    expect(wallTimeIn('Pacific/Honolulu', Date.parse('2026-01-01T05:00:00Z'))).toEqual({
      date: '2025-12-31',
      weekday: 3,
      minutes: 19 * 60,
    });
  });

  it('answers midnight as 0, not 24', () => {
    expect(wallTimeIn('UTC', Date.parse('2026-05-04T00:00:30Z')).minutes).toBe(0);
  });

  it('tells IANA zones from anything else', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
