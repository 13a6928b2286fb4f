import { i18n } from '../i18n/setup-i18n';

type FormatName = 'dateTime' | 'shortDateTime' | 'time';

const OPTIONS: Record<FormatName, Intl.DateTimeFormatOptions> = {
  dateTime: { dateStyle: 'medium', timeStyle: 'medium' },
  shortDateTime: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' },
  time: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
};

const formats = new Map<string, Intl.DateTimeFormat>();

/** The format in the UI's current language (made once per language). */
function formatOf(name: FormatName): Intl.DateTimeFormat {
  const key = `${i18n.language}:${name}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(i18n.language, OPTIONS[name]);
    formats.set(key, format);
  }
  return format;
}

function formatIso(iso: string | null | undefined, name: FormatName): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatOf(name).format(date);
}

export const formatTime = (iso: string | null | undefined) => formatIso(iso, 'time');
export const formatDateTime = (iso: string | null | undefined) => formatIso(iso, 'dateTime');
export const formatShortDateTime = (iso: string | null | undefined) => formatIso(iso, 'shortDateTime');

/** A count or measure in the UI's language ("1,234" / "1.234"). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(i18n.language, options).format(value);
}

export function nameOf<T extends { id: string; name: string }>(
  list: readonly T[] | undefined,
  id: string | null | undefined,
): string | undefined {
  if (!id) return undefined;
  return list?.find((item) => item.id === id)?.name;
}
