/** Sim time as the top bar shows it: `HH:MM:SS.d` (hours keep growing past 99). */
export function formatSimTime(ms: number): string {
  const tenths = Math.floor(ms / 100);
  const d = tenths % 10;
  const totalSec = Math.floor(tenths / 10);
  const s = totalSec % 60;
  const m = Math.floor(totalSec / 60) % 60;
  const h = Math.floor(totalSec / 3600);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${d}`;
}
