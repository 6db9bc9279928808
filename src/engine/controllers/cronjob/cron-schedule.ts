/**
 * Cron schedules as robfig/cron/v3's ParseStandard reads them (the library CronJob uses): five fields
 * (minute hour day-of-month month day-of-week) with `*`, `?`, lists, ranges, steps and month/day names,
 * the `@yearly … @hourly` descriptors and `@every <duration>`, optionally prefixed by `TZ=`/`CRON_TZ=`.
 *
 * Times are computed on wall-clock fields of the schedule's time zone, with integer calendar arithmetic.
 */
import { daysFromCivil } from '../history/time';
import { TimeZone } from './time-zone';

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** A field as the set of allowed values, and whether it was written as `*` (robfig's star bit). */
interface Field {
  values: Set<number>;
  star: boolean;
}

export interface Schedule {
  /** The first activation strictly after `epochMs` (epoch ms), or undefined when there is none within 5 years. */
  next(epochMs: number): number | undefined;
  readonly location: TimeZone;
}

export class CronParseError extends Error {}

function parseNumber(expr: string, names?: Record<string, number>): number {
  const named = names?.[expr.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^[+-]?\d+$/.test(expr)) throw new CronParseError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const n = Number(expr);
  if (n < 0) throw new CronParseError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseRange(expr: string, b: Bounds, into: Field): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
    star = true;
  } else {
    start = parseNumber(lowAndHigh[0], b.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseNumber(lowAndHigh[1], b.names);
    else throw new CronParseError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = parseNumber(rangeAndStep[1]);
    // `N/step` means `N-max/step`.
    if (lowAndHigh.length === 1 && !star) end = b.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) {
    throw new CronParseError(`too many slashes: ${expr}`);
  }
  if (start < b.min) throw new CronParseError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new CronParseError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new CronParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronParseError(`step of range should be a positive number: ${expr}`);
  for (let i = start; i <= end; i += step) into.values.add(i);
  if (star) into.star = true;
}

function parseField(text: string, b: Bounds): Field {
  const field: Field = { values: new Set(), star: false };
  for (const part of text.split(',')) parseRange(part, b, field);
  return field;
}

/** Go time.ParseDuration, for `@every`. */
function parseGoDuration(s: string): number {
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(s))) {
    total += Number(m[1]) * unit[m[2]];
    consumed = re.lastIndex;
  }
  if (consumed !== s.length || s.length === 0) throw new CronParseError(`failed to parse duration @every ${s}: time: invalid duration ${JSON.stringify(s)}`);
  return total;
}

/** cron.ParseStandard. Throws CronParseError with robfig's message. */
export function parseStandard(spec: string): Schedule {
  if (spec.length === 0) throw new CronParseError('empty spec string');
  let location = TimeZone.UTC;
  let rest = spec;
  if (rest.startsWith('TZ=') || rest.startsWith('CRON_TZ=')) {
    const i = rest.indexOf(' ');
    const name = rest.slice(rest.indexOf('=') + 1, i < 0 ? undefined : i);
    const tz = TimeZone.load(name);
    if (!tz) throw new CronParseError(`provided bad location ${name}: unknown time zone ${name}`);
    location = tz;
    rest = i < 0 ? '' : rest.slice(i).trim();
  }
  if (rest.startsWith('@every ')) {
    const delay = Math.max(1000, Math.floor(parseGoDuration(rest.slice('@every '.length).trim()) / 1000) * 1000);
    return { location, next: (t) => Math.floor(t / 1000) * 1000 + delay };
  }
  if (rest.startsWith('@')) {
    const d = DESCRIPTORS[rest];
    if (!d) throw new CronParseError(`unrecognized descriptor: ${rest}`);
    rest = d;
  }
  const parts = rest.split(/\s+/).filter(Boolean);
  if (parts.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${parts.length}: ${rest}`);
  const [minute, hour, dom, month, dow] = parts.map((p, i) => parseField(p, FIELDS[i]));
  return new SpecSchedule(minute, hour, dom, month, dow, location);
}

/** Wall-clock fields of a naive minute count (minutes since 1970-01-01 00:00 on the zone's wall clock). */
function fieldsOf(naiveMinutes: number) {
  const days = Math.floor(naiveMinutes / 1440);
  const minuteOfDay = naiveMinutes - days * 1440;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const weekday = (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  return { year, month, day, weekday, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60, days };
}

class SpecSchedule implements Schedule {
  constructor(
    private readonly minute: Field,
    private readonly hour: Field,
    private readonly dom: Field,
    private readonly month: Field,
    private readonly dow: Field,
    readonly location: TimeZone,
  ) {}

  /** dayMatches: with a `*` in either day field both must match, otherwise either may. */
  private dayMatches(day: number, weekday: number): boolean {
    const domMatch = this.dom.values.has(day);
    const dowMatch = this.dow.values.has(weekday);
    return this.dom.star || this.dow.star ? domMatch && dowMatch : domMatch || dowMatch;
  }

  next(epochMs: number): number | undefined {
    // Search the zone's wall clock minute by field, from the minute after `epochMs`.
    let naive = Math.floor(this.location.toWallClock(epochMs) / 60_000) + 1;
    const limit = naive + 5 * 366 * 1440;
    while (naive <= limit) {
      const f = fieldsOf(naive);
      if (!this.month.values.has(f.month)) {
        const nextMonth = f.month === 12 ? daysFromCivil(f.year + 1, 1, 1) : daysFromCivil(f.year, f.month + 1, 1);
        naive = nextMonth * 1440;
        continue;
      }
      if (!this.dayMatches(f.day, f.weekday)) {
        naive = (f.days + 1) * 1440;
        continue;
      }
      if (!this.hour.values.has(f.hour)) {
        naive = f.days * 1440 + (f.hour + 1) * 60;
        continue;
      }
      if (!this.minute.values.has(f.minute)) {
        naive += 1;
        continue;
      }
      const instant = this.location.fromWallClock(naive * 60_000);
      if (instant > epochMs) return instant;
      naive += 1;
    }
    return undefined;
  }
}

