/**
 * IANA time zones for CronJob `spec.timeZone`, through Intl.DateTimeFormat: the UTC offset at an instant is a
 * pure function of that instant (no wall clock is read), so schedules stay deterministic.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(name: string): Intl.DateTimeFormat | undefined {
  let f = formatters.get(name);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: name,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      return undefined;
    }
    formatters.set(name, f);
  }
  return f;
}

const civilMs = (y: number, mo: number, d: number, h: number, mi: number, s: number) => {
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const days = era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
  return ((days * 24 + h) * 60 + mi) * 60_000 + s * 1000;
};

export class TimeZone {
  static readonly UTC = new TimeZone('UTC', undefined);

  private constructor(
    readonly name: string,
    private readonly fmt: Intl.DateTimeFormat | undefined,
  ) {}

  /** time.LoadLocation: undefined for an unknown zone. `""` and `UTC` are UTC, `Local` is UTC in the simulation. */
  static load(name: string): TimeZone | undefined {
    if (name === '' || name === 'UTC' || name === 'Local') return TimeZone.UTC;
    const f = formatter(name);
    return f ? new TimeZone(name, f) : undefined;
  }

  /** The zone's offset from UTC at an instant, in ms. */
  offsetAt(epochMs: number): number {
    if (!this.fmt) return 0;
    const whole = Math.floor(epochMs / 1000) * 1000;
    const parts: Record<string, number> = {};
    for (const p of this.fmt.formatToParts(whole)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    return civilMs(parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second) - whole;
  }

  /** The wall-clock reading at an instant, as ms on a naive (zone-less) timeline. */
  toWallClock(epochMs: number): number {
    return epochMs + this.offsetAt(epochMs);
  }

  /** The instant a wall-clock reading stands for (in a DST gap, the reading shifted by the gap). */
  fromWallClock(naiveMs: number): number {
    const guess = naiveMs - this.offsetAt(naiveMs);
    return naiveMs - this.offsetAt(guess);
  }

  /** RFC 3339 in this zone, as Go's time.Format(time.RFC3339): `Z` for a zero offset, else `±hh:mm`. */
  formatRFC3339(epochMs: number): string {
    const offset = this.offsetAt(epochMs);
    const wall = isoNoZone(epochMs + offset);
    if (offset === 0) return `${wall}Z`;
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset) / 60_000;
    return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  }
}

function isoNoZone(ms: number): string {
  const total = Math.floor(ms / 1000);
  const days = Math.floor(total / 86400);
  const sod = total - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(y, 4)}-${p(m)}-${p(d)}T${p(Math.floor(sod / 3600))}:${p(Math.floor((sod % 3600) / 60))}:${p(sod % 60)}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z of a UTC instant: `Mon, 02 Jan 2006 15:04:05 +0000`. */
export function formatRFC1123Z(epochMs: number): string {
  const iso = isoNoZone(epochMs);
  const days = Math.floor(Math.floor(epochMs / 1000) / 86400);
  const weekday = WEEKDAYS[(((days + 4) % 7) + 7) % 7];
  const [date, time] = iso.split('T');
  const [y, m, d] = date.split('-');
  return `${weekday}, ${d} ${MONTH_NAMES[Number(m) - 1]} ${y} ${time} +0000`;
}
