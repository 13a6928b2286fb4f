import { z } from 'zod';
import { defineNodeType } from '../node-types/define-node-type';
import { isTimeZone, wallTimeIn } from '../time/zoned-wall-time';

/** In the order the editor shows them; `WEEKDAY_BY_INDEX` maps JavaScript's Sunday-first days. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
const WEEKDAY_BY_INDEX: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

const START_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const END_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

const interval = z
  .strictObject({
    from: z.string().regex(START_TIME, { error: 'Use HH:MM, from 00:00 to 23:59' }),
    to: z.string().regex(END_TIME, { error: 'Use HH:MM, up to 24:00' }),
  })
  // Only well-formed times can be compared; a malformed one is already reported.
  .refine((range) => !START_TIME.test(range.from) || !END_TIME.test(range.to) || range.from < range.to, {
    error: 'An interval ends after it starts; split one that runs past midnight in two',
    path: ['to'],
  });

export type OpeningInterval = z.output<typeof interval>;

const officeHours = (): OpeningInterval[] => [{ from: '08:00', to: '18:00' }];
const closedAllDay = (): OpeningInterval[] => [];
const officeWeek = () => ({
  mon: officeHours(),
  tue: officeHours(),
  wed: officeHours(),
  thu: officeHours(),
  fri: officeHours(),
  sat: closedAllDay(),
  sun: closedAllDay(),
});

const businessHoursConfig = z.strictObject({
  timeZone: z
    .string()
    .refine(isTimeZone, { error: 'Choose an IANA time zone such as Europe/Berlin' })
    .default('Europe/Berlin')
    .meta({ title: 'Time zone', 'x-widget': 'time-zone' }),
  weekly: z
    .strictObject({
      mon: z.array(interval).default(officeHours),
      tue: z.array(interval).default(officeHours),
      wed: z.array(interval).default(officeHours),
      thu: z.array(interval).default(officeHours),
      fri: z.array(interval).default(officeHours),
      sat: z.array(interval).default(closedAllDay),
      sun: z.array(interval).default(closedAllDay),
    })
    .default(officeWeek)
    .meta({ title: 'Opening hours' }),
  /** Local dates in the time zone on which it stays closed all day. */
  holidays: z
    .array(z.iso.date({ error: 'Use a date as YYYY-MM-DD' }))
    .default([])
    .meta({ title: 'Holidays' }),
});

export type BusinessHoursConfig = z.output<typeof businessHoursConfig>;

export const businessHoursNode = defineNodeType({
  type: 'business_hours',
  kind: 'decision',
  label: 'Business hours',
  category: 'logic',
  description:
    'Leaves by "open" when the current time falls in the weekly opening hours of its time zone (and is no holiday there), else by "closed".',
  icon: 'clock',
  config: businessHoursConfig,
  ports: ['open', 'closed'],
  summarize: summarizeBusinessHours,
  run: (context, config) => ({ port: isOpenAt(config, context.at) ? 'open' : 'closed' }),
});

export function isOpenAt(config: BusinessHoursConfig, epochMs: number): boolean {
  const wallTime = wallTimeIn(config.timeZone, epochMs);
  if (config.holidays.includes(wallTime.date)) return false;
  const intervals = config.weekly[WEEKDAY_BY_INDEX[wallTime.weekday]!];
  return intervals.some((range) => minutesOf(range.from) <= wallTime.minutes && wallTime.minutes < minutesOf(range.to));
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** "Mon–Fri 08:00–18:00; Sat 09:00–13:00 Europe/Berlin, 2 holidays". */
function summarizeBusinessHours(config: BusinessHoursConfig): string {
  const runs: { first: Weekday; last: Weekday; hours: string }[] = [];
  for (const day of WEEKDAYS) {
    const hours = config.weekly[day].map((range) => `${range.from}–${range.to}`).join(', ');
    const previous = runs.at(-1);
    if (previous !== undefined && previous.hours === hours) previous.last = day;
    else runs.push({ first: day, last: day, hours });
  }
  const open = runs.filter((run) => run.hours !== '');
  const days = (run: (typeof runs)[number]) =>
    run.first === run.last ? WEEKDAY_NAMES[run.first] : `${WEEKDAY_NAMES[run.first]}–${WEEKDAY_NAMES[run.last]}`;
  const schedule = open.length === 0 ? 'Always closed' : open.map((run) => `${days(run)} ${run.hours}`).join('; ');
  const holidays = config.holidays.length;
  const holidayNote = holidays === 0 ? '' : `, ${holidays} ${holidays === 1 ? 'holiday' : 'holidays'}`;
  return `${schedule} ${config.timeZone}${holidayNote}`;
}
