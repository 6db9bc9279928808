/** Civil time from epoch milliseconds with integer arithmetic (the engine has no Date), for `date` and logs. */

export interface CivilTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
  /** 0 = Sunday. */
  weekday: number;
}

export function civil(epochMs: number): CivilTime {
  const totalSec = Math.floor(epochMs / 1000);
  const days = Math.floor(totalSec / 86400);
  const sod = totalSec - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return {
    year: yoe + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day,
    hour: Math.floor(sod / 3600),
    minute: Math.floor((sod % 3600) / 60),
    second: sod % 60,
    millis: ((epochMs % 1000) + 1000) % 1000,
    weekday: (((days + 4) % 7) + 7) % 7,
  };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2, c = '0') => String(n).padStart(w, c);

/** strftime for the directives `date +…` scripts use; UTC, as containers run without a TZ. */
export function strftime(format: string, epochMs: number): string {
  const t = civil(epochMs);
  return format.replace(/%([a-zA-Z%])/g, (_m, d: string) => {
    switch (d) {
      case 'Y':
        return String(t.year);
      case 'y':
        return pad(t.year % 100);
      case 'm':
        return pad(t.month);
      case 'd':
        return pad(t.day);
      case 'e':
        return pad(t.day, 2, ' ');
      case 'H':
        return pad(t.hour);
      case 'M':
        return pad(t.minute);
      case 'S':
        return pad(t.second);
      case 'N':
        return pad(t.millis * 1_000_000, 9);
      case 'L':
        return pad(t.millis, 3);
      case 'f':
        return pad(t.millis * 1000, 6);
      case 's':
        return String(Math.floor(epochMs / 1000));
      case 'T':
        return `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
      case 'F':
        return `${t.year}-${pad(t.month)}-${pad(t.day)}`;
      case 'D':
        return `${pad(t.month)}/${pad(t.day)}/${pad(t.year % 100)}`;
      case 'R':
        return `${pad(t.hour)}:${pad(t.minute)}`;
      case 'Z':
        return 'UTC';
      case 'z':
        return '+0000';
      case 'a':
        return DAYS[t.weekday];
      case 'b':
      case 'h':
        return MONTHS[t.month - 1];
      case 'j': {
        const start = civilDays(t.year, 1, 1);
        return pad(civilDays(t.year, t.month, t.day) - start + 1, 3);
      }
      case '%':
        return '%';
      default:
        return `%${d}`;
    }
  });
}

/** Days since the epoch for a civil date (inverse of civil()). */
function civilDays(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** `date`'s default output: `Wed Jan  1 00:00:00 UTC 2025`. */
export function defaultDate(epochMs: number): string {
  return strftime('%a %b %e %H:%M:%S %Z %Y', epochMs);
}

/** RFC 3339 with nanoseconds, as containerd timestamps log lines (`kubectl logs --timestamps`). */
export function rfc3339Nano(epochMs: number): string {
  return `${strftime('%Y-%m-%dT%H:%M:%S', epochMs)}.${pad(civil(epochMs).millis * 1_000_000, 9)}Z`;
}
