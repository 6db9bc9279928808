/**
 * Just enough of resource.Quantity for the scheduler: parse a quantity string and read it as an integer number of
 * units (`Value`, rounded up) or thousandths (`MilliValue`, rounded up), as upstream's Resource accounting does.
 */
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const PATTERN = /^([+-]?[0-9.]+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?[0-9]+))?$/;

const cache = new Map<string, number>();

/** The quantity in thousandths of a unit (e.g. `100m` → 100, `1` → 1000, `1Ki` → 1_024_000); NaN if malformed. */
export function parseMilli(q: string | number | undefined): number {
  if (q === undefined) return 0;
  if (typeof q === 'number') return Math.ceil(q * 1000);
  const hit = cache.get(q);
  if (hit !== undefined) return hit;
  const m = PATTERN.exec(q.trim());
  let out = NaN;
  if (m && m[1] !== '.' && !/\..*\./.test(m[1])) {
    const num = m[1];
    if (m[2] && BINARY[m[2]] !== undefined) out = Number(num) * BINARY[m[2]] * 1000;
    else {
      const exp = (m[3] !== undefined ? Number(m[3]) : DECIMAL[m[2] ?? '']) + 3;
      out = Number(`${num}e${exp}`);
    }
    // Round up as Quantity.MilliValue does; guard against float noise such as 0.1*3.
    const rounded = Math.round(out);
    out = Math.abs(out - rounded) < 1e-6 ? rounded : Math.ceil(out);
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(q, out);
  return out;
}

/** The quantity in whole units, rounded up (Quantity.Value): `100m` → 1, `1Gi` → 1073741824. */
export function parseValue(q: string | number | undefined): number {
  const milli = parseMilli(q);
  return Number.isNaN(milli) ? NaN : Math.ceil(milli / 1000);
}
