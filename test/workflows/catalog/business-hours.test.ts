import { describe, expect, it } from 'vitest';
import { businessHoursNode } from '../../../workflows/index';
import { aDecisionContext } from '../fixtures';

const officeHours = businessHoursNode.config.parse({ timeZone: 'Europe/Berlin' });
const portAt = (iso: string, config = officeHours) =>
  businessHoursNode.run(aDecisionContext({ at: Date.parse(iso) }), config).port;

const allDay = [{ from: '00:00', to: '24:00' }];
const everyDay = (intervals: { from: string; to: string }[]) => ({
  mon: intervals,
  tue: intervals,
  wed: intervals,
  thu: intervals,
  fri: intervals,
  sat: intervals,
  sun: intervals,
});
/** Office hours (Europe/Berlin) open only on Sundays, from `from` to `to`. */
const sundaysOnly = (from: string, to: string) =>
  businessHoursNode.config.parse({ weekly: { ...everyDay([]), sun: [{ from, to }] } });

describe('business_hours', () => {
  it('defaults to Mon–Fri 08:00–18:00 in Europe/Berlin', () => {
    expect(businessHoursNode.summarize(businessHoursNode.config.parse({}), 'en')).toBe(
      'Mon–Fri 08:00–18:00 Europe/Berlin',
    );
  });

  describe('before the change to summer time (CET, UTC+1)', () => {
    it.each([
      ['2026-03-27T06:59:00Z', 'closed'], // Fri 07:59
      ['2026-03-27T07:00:00Z', 'open'], // Fri 08:00
      ['2026-03-27T16:59:00Z', 'open'], // Fri 17:59
      ['2026-03-27T17:00:00Z', 'closed'], // Fri 18:00
      ['2026-03-28T10:00:00Z', 'closed'], // Sat 11:00
    ])('at %s it is %s', (instant, port) => expect(portAt(instant)).toBe(port));
  });

  describe('after the change to summer time on 29 March 2026 (CEST, UTC+2)', () => {
    it.each([
      ['2026-03-30T05:59:00Z', 'closed'], // Mon 07:59
      ['2026-03-30T06:00:00Z', 'open'], // Mon 08:00; a fixed UTC+1 would say 07:00
      ['2026-03-30T15:59:00Z', 'open'], // Mon 17:59
      ['2026-03-30T16:00:00Z', 'closed'], // Mon 18:00; a fixed UTC+1 would say 17:00
    ])('at %s it is %s', (instant, port) => expect(portAt(instant)).toBe(port));

    it('never opens an interval in the skipped hour, and counts the hours around it correctly', () => {
      const skipped = sundaysOnly('02:00', '03:00');
      expect(portAt('2026-03-29T00:59:00Z', skipped)).toBe('closed'); // 01:59 CET
      expect(portAt('2026-03-29T01:00:00Z', skipped)).toBe('closed'); // 03:00 CEST
      const night = sundaysOnly('01:00', '04:00');
      expect(portAt('2026-03-29T00:30:00Z', night)).toBe('open'); // 01:30 CET
      expect(portAt('2026-03-29T01:30:00Z', night)).toBe('open'); // 03:30 CEST
      expect(portAt('2026-03-29T02:00:00Z', night)).toBe('closed'); // 04:00 CEST
    });
  });

  describe('around the change back to winter time on 25 October 2026', () => {
    it.each([
      ['2026-10-23T05:59:00Z', 'closed'], // Fri 07:59 CEST
      ['2026-10-23T06:00:00Z', 'open'], // Fri 08:00 CEST
      ['2026-10-23T16:00:00Z', 'closed'], // Fri 18:00 CEST
      ['2026-10-26T06:00:00Z', 'closed'], // Mon 07:00 CET; a fixed UTC+2 would say 08:00
      ['2026-10-26T07:00:00Z', 'open'], // Mon 08:00 CET
      ['2026-10-26T16:59:00Z', 'open'], // Mon 17:59 CET; a fixed UTC+2 would say 18:59
      ['2026-10-26T17:00:00Z', 'closed'], // Mon 18:00 CET
    ])('at %s it is %s', (instant, port) => expect(portAt(instant)).toBe(port));

    it('is open during both passes of the repeated hour', () => {
      const repeated = sundaysOnly('02:00', '03:00');
      expect(portAt('2026-10-24T23:59:00Z', repeated)).toBe('closed'); // 01:59 CEST
      expect(portAt('2026-10-25T00:30:00Z', repeated)).toBe('open'); // 02:30 CEST
      expect(portAt('2026-10-25T01:30:00Z', repeated)).toBe('open'); // 02:30 CET
      expect(portAt('2026-10-25T02:00:00Z', repeated)).toBe('closed'); // 03:00 CET
    });
  });

  it('stays closed all day on a holiday, by the date in its own time zone', () => {
    const config = businessHoursNode.config.parse({ weekly: everyDay(allDay), holidays: ['2026-12-24'] });
    expect(portAt('2026-12-23T22:59:00Z', config)).toBe('open'); // 23 Dec 23:59 local
    expect(portAt('2026-12-23T23:00:00Z', config)).toBe('closed'); // 24 Dec 00:00 local, still the 23rd in UTC
    expect(portAt('2026-12-24T12:00:00Z', config)).toBe('closed');
    expect(portAt('2026-12-24T23:00:00Z', config)).toBe('open'); // 25 Dec 00:00 local
  });

  it('uses the configured time zone', () => {
    const newYork = businessHoursNode.config.parse({ timeZone: 'America/New_York' });
    expect(portAt('2026-03-30T11:59:00Z', newYork)).toBe('closed'); // 07:59 EDT
    expect(portAt('2026-03-30T12:00:00Z', newYork)).toBe('open'); // 08:00 EDT, 14:00 in Berlin
    expect(portAt('2026-03-30T21:59:00Z', newYork)).toBe('open'); // 17:59 EDT, 23:59 in Berlin
  });

  it('supports several intervals a day and an interval up to midnight', () => {
    const split = businessHoursNode.config.parse({
      weekly: {
        ...everyDay([]),
        mon: [
          { from: '08:00', to: '12:00' },
          { from: '13:00', to: '24:00' },
        ],
      },
    });
    expect(portAt('2026-03-30T10:30:00Z', split)).toBe('closed'); // 12:30
    expect(portAt('2026-03-30T11:00:00Z', split)).toBe('open'); // 13:00
    expect(portAt('2026-03-30T21:59:00Z', split)).toBe('open'); // 23:59
    expect(portAt('2026-03-30T22:00:00Z', split)).toBe('closed'); // Tue 00:00
  });

  it('rejects unknown time zones, malformed times, empty intervals and bad dates', () => {
    const fields = (input: Record<string, unknown>) =>
      businessHoursNode.config.safeParse(input).error?.issues.map((issue) => issue.path.join('.'));
    expect(fields({ timeZone: 'Mars/Olympus_Mons' })).toEqual(['timeZone']);
    expect(fields({ weekly: { mon: [{ from: '8:00', to: '18:00' }] } })).toEqual(['weekly.mon.0.from']);
    expect(fields({ weekly: { mon: [{ from: '18:00', to: '08:00' }] } })).toEqual(['weekly.mon.0.to']);
    expect(fields({ weekly: { mon: [{ from: '24:00', to: '24:00' }] } })).toEqual(['weekly.mon.0.from']);
    expect(fields({ weekly: { mon: [{ from: '10:00', to: '10:00' }] } })).toEqual(['weekly.mon.0.to']);
    expect(fields({ holidays: ['2026-02-30'] })).toEqual(['holidays.0']);
  });

  it('summarizes runs of days with the same hours', () => {
    const config = businessHoursNode.config.parse({
      timeZone: 'Europe/Vienna',
      weekly: {
        sat: [{ from: '09:00', to: '13:00' }],
        fri: [
          { from: '08:00', to: '12:00' },
          { from: '13:00', to: '16:00' },
        ],
      },
      holidays: ['2026-12-25', '2026-12-26'],
    });
    expect(businessHoursNode.summarize(config, 'en')).toBe(
      'Mon–Thu 08:00–18:00; Fri 08:00–12:00, 13:00–16:00; Sat 09:00–13:00 Europe/Vienna, 2 holidays',
    );
    expect(businessHoursNode.summarize(config, 'de')).toBe(
      'Mo–Do 08:00–18:00; Fr 08:00–12:00, 13:00–16:00; Sa 09:00–13:00 Europe/Vienna, 2 Feiertage',
    );
    expect(businessHoursNode.summarize(businessHoursNode.config.parse({ weekly: everyDay([]) }), 'en')).toBe(
      'Always closed Europe/Berlin',
    );
  });
});
