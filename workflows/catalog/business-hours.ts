import { z } from 'zod';
import type { Language, Localized } from '../../i18n/languages';
import { defineNodeType } from '../node-types/define-node-type';
import { isTimeZone, wallTimeIn } from '../time/zoned-wall-time';
import { says } from '../node-types/check-words';

/** In the order the editor shows them; `WEEKDAY_BY_INDEX` maps JavaScript's Sunday-first days. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
const WEEKDAY_BY_INDEX: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WEEKDAY_NAMES: Record<Weekday, Localized> = {
  mon: { en: 'Mon', de: 'Mo' },
  tue: { en: 'Tue', de: 'Di' },
  wed: { en: 'Wed', de: 'Mi' },
  thu: { en: 'Thu', de: 'Do' },
  fri: { en: 'Fri', de: 'Fr' },
  sat: { en: 'Sat', de: 'Sa' },
  sun: { en: 'Sun', de: 'So' },
};

const START_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const END_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

const interval = z
  .strictObject({
    from: z
      .string()
      .regex(START_TIME, {
        error: says({ en: 'Use HH:MM, from 00:00 to 23:59', de: 'Nutzen Sie HH:MM, von 00:00 bis 23:59' }),
      })
      .meta({ ui: { title: { en: 'opens', de: 'öffnet' }, placeholder: { en: '08:00', de: '08:00' } } }),
    to: z
      .string()
      .regex(END_TIME, { error: says({ en: 'Use HH:MM, up to 24:00', de: 'Nutzen Sie HH:MM, bis 24:00' }) })
      .meta({ ui: { title: { en: 'closes', de: 'schließt' }, placeholder: { en: '18:00', de: '18:00' } } }),
  })
  // Only well-formed times can be compared; a malformed one is already reported.
  .refine((range) => !START_TIME.test(range.from) || !END_TIME.test(range.to) || range.from < range.to, {
    error: says({
      en: 'An interval ends after it starts; split one that runs past midnight in two',
      de: 'Ein Zeitraum endet nach seinem Beginn; teilen Sie einen, der über Mitternacht geht, in zwei',
    }),
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

/** A day's opening intervals; "closed" when it has none. */
function day(weekday: Weekday, hours: () => OpeningInterval[]) {
  return z
    .array(interval)
    .default(hours)
    .meta({ ui: { title: WEEKDAY_NAMES[weekday], item: { name: { en: 'interval', de: 'Zeitraum' } } } });
}

const businessHoursConfig = z.strictObject({
  timeZone: z
    .string()
    .refine(isTimeZone, {
      error: says({
        en: 'Choose an IANA time zone such as Europe/Berlin',
        de: 'Wählen Sie eine IANA-Zeitzone wie Europe/Berlin',
      }),
    })
    .default('Europe/Berlin')
    .meta({ ui: { title: { en: 'Time zone', de: 'Zeitzone' }, widget: 'time-zone' } }),
  weekly: z
    .strictObject({
      mon: day('mon', officeHours),
      tue: day('tue', officeHours),
      wed: day('wed', officeHours),
      thu: day('thu', officeHours),
      fri: day('fri', officeHours),
      sat: day('sat', closedAllDay),
      sun: day('sun', closedAllDay),
    })
    .default(officeWeek)
    .meta({ ui: { title: { en: 'Opening hours', de: 'Öffnungszeiten' }, widget: 'weekly-hours' } }),
  /** Local dates in the time zone on which it stays closed all day. */
  holidays: z
    .array(z.iso.date({ error: says({ en: 'Use a date as YYYY-MM-DD', de: 'Nutzen Sie ein Datum als JJJJ-MM-TT' }) }))
    .default([])
    .meta({
      ui: {
        title: { en: 'Holidays', de: 'Feiertage' },
        placeholder: { en: 'YYYY-MM-DD, then Enter', de: 'JJJJ-MM-TT, dann Enter' },
        description: {
          en: 'Local dates on which it stays closed all day',
          de: 'Lokale Daten, an denen ganztägig geschlossen ist',
        },
      },
    }),
});

export type BusinessHoursConfig = z.output<typeof businessHoursConfig>;

export const businessHoursNode = defineNodeType({
  type: 'business_hours',
  kind: 'decision',
  label: { en: 'Business hours', de: 'Geschäftszeiten' },
  category: 'logic',
  description: {
    en: 'Leaves by "open" when the current time falls in the weekly opening hours of its time zone (and is no holiday there), else by "closed".',
    de: 'Geht über „geöffnet“ weiter, wenn die aktuelle Zeit in die wöchentlichen Öffnungszeiten seiner Zeitzone fällt (und dort kein Feiertag ist), sonst über „geschlossen“.',
  },
  icon: 'clock',
  config: businessHoursConfig,
  ports: ['open', 'closed'],
  portLabels: { open: { en: 'open', de: 'geöffnet' }, closed: { en: 'closed', de: 'geschlossen' } },
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

/** "Mon–Fri 08:00–18:00; Sat 09:00–13:00 Europe/Berlin, 2 holidays" ("Mo–Fr …, 2 Feiertage"). */
function summarizeBusinessHours(config: BusinessHoursConfig, language: Language): string {
  const runs: { first: Weekday; last: Weekday; hours: string }[] = [];
  for (const day of WEEKDAYS) {
    const hours = config.weekly[day].map((range) => `${range.from}–${range.to}`).join(', ');
    const previous = runs.at(-1);
    if (previous !== undefined && previous.hours === hours) previous.last = day;
    else runs.push({ first: day, last: day, hours });
  }
  const open = runs.filter((run) => run.hours !== '');
  const days = (run: (typeof runs)[number]) =>
    run.first === run.last
      ? WEEKDAY_NAMES[run.first][language]
      : `${WEEKDAY_NAMES[run.first][language]}–${WEEKDAY_NAMES[run.last][language]}`;
  const schedule =
    open.length === 0
      ? { en: 'Always closed', de: 'Immer geschlossen' }[language]
      : open.map((run) => `${days(run)} ${run.hours}`).join('; ');
  const holidays = config.holidays.length;
  const holidayWord =
    holidays === 1 ? { en: 'holiday', de: 'Feiertag' }[language] : { en: 'holidays', de: 'Feiertage' }[language];
  const holidayNote = holidays === 0 ? '' : `, ${holidays} ${holidayWord}`;
  return `${schedule} ${config.timeZone}${holidayNote}`;
}
