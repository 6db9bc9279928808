/**
 * RFC 3339 timestamps (metav1.Time and MicroTime as they serialise) read with integer arithmetic: the engine has no
 * Date. Ages are rendered against the simulation's own clock.
 */
import { humanDuration } from './duration';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days-from-civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Epoch milliseconds for an RFC 3339 timestamp, or undefined when it does not parse. Sub-millisecond digits are dropped. */
export function parseRfc3339(timestamp: string): number | undefined {
  const m = RFC3339.exec(timestamp);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  const days = daysFromCivil(Number(y), Number(mo), Number(d));
  let ms = ((days * 24 + Number(h)) * 60 + Number(mi)) * 60_000 + Number(s) * 1000;
  if (frac) ms += Number(frac.slice(0, 3).padEnd(3, '0'));
  if (sign) {
    const offset = (Number(oh) * 60 + Number(om)) * 60_000;
    ms += sign === '+' ? -offset : offset;
  }
  return ms;
}

/** Go's zero time.Time, which metav1.Time treats as unset. */
const ZERO_TIME_MS = parseRfc3339('0001-01-01T00:00:00Z');

/** Epoch ms of a metav1.Time, or undefined when unset (missing, empty, unparsable or the zero time). */
export function timeOf(timestamp: string | null | undefined): number | undefined {
  if (!timestamp) return undefined;
  const ms = parseRfc3339(timestamp);
  return ms === ZERO_TIME_MS ? undefined : ms;
}

/** translateTimestampSince: how long ago `timestamp` was, or `<unknown>` when unset. */
export function translateTimestampSince(timestamp: string | null | undefined, nowMs: number): string {
  const t = timeOf(timestamp);
  return t === undefined ? '<unknown>' : humanDuration(nowMs - t);
}
