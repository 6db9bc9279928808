/** Timestamps kubectl prints, computed without Date (the engine's time is the virtual clock's epoch ms). */
import { isoSeconds } from '../engine';
import { parseRfc3339 } from '../apiserver/printers';

export { isoSeconds };

/** Epoch ms of an RFC 3339 timestamp; 0 when absent or unparsable. */
export function timestampMs(ts: string | undefined | null): number {
  return (ts && parseRfc3339(ts)) || 0;
}

const DAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** describe's time format (RFC 1123 with numeric zone): `Wed, 01 Jan 2025 00:00:00 +0000`. */
export function rfc1123z(ts: string | undefined): string {
  if (!ts) return '<unset>';
  const ms = parseRfc3339(ts);
  if (ms === undefined) return ts;
  const iso = isoSeconds(ms); // YYYY-MM-DDTHH:MM:SSZ
  const day = DAYS[((Math.floor(ms / 86_400_000) % 7) + 7) % 7];
  return `${day}, ${iso.slice(8, 10)} ${MONTHS[parseInt(iso.slice(5, 7), 10) - 1]} ${iso.slice(0, 4)} ${iso.slice(11, 19)} +0000`;
}
