/**
 * metav1.Time on the virtual clock: RFC 3339 strings (seconds precision) to and from epoch milliseconds, with
 * integer calendar arithmetic because the engine has no Date.
 */
import type { Engine } from '../../engine';

/** Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Epoch ms of an RFC 3339 timestamp (`2025-01-01T00:00:05Z`, optional fraction and offset); NaN if malformed. */
export function parseTime(ts: string | undefined | null): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(ts ?? '');
  if (!m) return NaN;
  const days = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  let ms = (((days * 24 + Number(m[4])) * 60 + Number(m[5])) * 60 + Number(m[6])) * 1000;
  if (m[7]) ms += Math.floor(Number(`0${m[7]}`) * 1000);
  if (m[8] !== 'Z' && m[8] !== 'z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    ms -= sign * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(4, 6))) * 60_000;
  }
  return ms;
}

/** The current instant, as epoch ms (what `time.Now()` is for a component). */
export function nowMs(engine: Engine): number {
  return engine.epochMs + engine.now();
}
