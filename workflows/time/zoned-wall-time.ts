/** The local calendar date, weekday and time of day of an instant in an IANA time zone. */
export interface WallTime {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const lastMinute = new Map<string, { minute: number; wallTime: WallTime }>();

// Building a DateTimeFormat costs far more than using one, and there are only a few hundred zones.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isTimeZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Intl applies the zone's rules (DST included) to the instant, so no offset arithmetic happens
 * here: 08:00 on either side of a DST change is simply the instant whose wall clock reads 08:00.
 */
export function wallTimeIn(timeZone: string, epochMs: number): WallTime {
  // formatToParts costs a few µs; SMS arrive in bursts, and every instant of one UTC minute has
  // the same wall time (zone offsets are whole minutes), so the last minute per zone is kept.
  const minute = Math.floor(epochMs / 60_000);
  const last = lastMinute.get(timeZone);
  if (last !== undefined && last.minute === minute) return last.wallTime;
  const wallTime = formatWallTime(timeZone, epochMs);
  lastMinute.set(timeZone, { minute, wallTime });
  return wallTime;
}

function formatWallTime(timeZone: string, epochMs: number): WallTime {
  let year = '';
  let month = '';
  let day = '';
  let hour = 0;
  let minute = 0;
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    switch (part.type) {
      case 'year':
        year = part.value;
        break;
      case 'month':
        month = part.value;
        break;
      case 'day':
        day = part.value;
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
    }
  }
  const weekday = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDay();
  return Object.freeze({ date: `${year}-${month}-${day}`, weekday, minutes: hour * 60 + minute });
}
