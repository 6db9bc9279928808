/** How metrics-server writes usage: cpu in nanocores, memory in bytes (BinarySI), windows as Go durations. */
import { formatQuantity } from '../apiserver/admission/quantity';

/** resource.NewScaledQuantity(n, Nano).String(): `123456789n`, or shorter when it divides (`250m`). */
export const cpuQuantity = (nanoCores: number) => formatQuantity({ num: BigInt(Math.round(nanoCores)), den: 1_000_000_000n, format: 'DecimalSI' });

/** resource.NewQuantity(bytes, BinarySI).String(): `123456Ki` for page-aligned working sets. */
export const memoryQuantity = (bytes: number) => formatQuantity({ num: BigInt(Math.round(bytes)), den: 1n, format: 'BinarySI' });

/** time.Duration.String() for windows: `15s`, `10.071s`. */
export function goDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const frac = ms % 1000;
  return frac === 0 ? `${s}s` : `${s}.${String(frac).padStart(3, '0').replace(/0+$/, '')}s`;
}
