/**
 * resource.Quantity's String(): the canonical form a quantity prints in. The number keeps its format (binary `Ki…Ei`,
 * decimal SI `n…E`, or `e<exp>`) and is rewritten with the largest suffix that keeps the mantissa an integer:
 * `1000m` → `1`, `1536Mi` stays, `2048Ki` → `2Mi`, `0.5Gi` → `512Mi`, `1500` → `1500`, `15000` → `15k`.
 */

const BINARY_EXP: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_EXP: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIX: Record<number, string> = Object.fromEntries(Object.entries(DECIMAL_EXP).map(([s, e]) => [e, s]));
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;

type Format = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

/** value = mantissa × 10^scale, exactly. */
interface Amount {
  mantissa: bigint;
  scale: number;
}

function parse(text: string): { amount: Amount; format: Format } | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  const [, sign, whole, frac = '', suffix, exp] = m;
  if (whole === '' && frac === '') return undefined;
  let mantissa = BigInt(`${whole}${frac}` || '0');
  if (sign === '-') mantissa = -mantissa;
  let scale = -frac.length;
  let format: Format = 'DecimalSI';
  if (exp !== undefined) {
    format = 'DecimalExponent';
    scale += Number(exp);
  } else if (suffix && BINARY_EXP[suffix] !== undefined) {
    format = 'BinarySI';
    mantissa *= 2n ** BigInt(BINARY_EXP[suffix]);
  } else {
    scale += DECIMAL_EXP[suffix ?? ''];
  }
  // Quantities carry at most nano precision; finer digits round up, as ParseQuantity does.
  if (scale < -9) {
    const div = 10n ** BigInt(-9 - scale);
    const q = mantissa / div;
    mantissa = mantissa % div === 0n || mantissa < 0n ? q : q + 1n;
    scale = -9;
  }
  return { amount: { mantissa, scale }, format };
}

/** Strips factors of `base` from `value`; returns what is left and how many were removed. */
function removeFactors(value: bigint, base: bigint): [bigint, number] {
  let times = 0;
  while (value !== 0n && value % base === 0n) {
    value /= base;
    times++;
  }
  return [value, times];
}

function decimalString({ mantissa, scale }: Amount, format: Format): string {
  const [stripped, times] = removeFactors(mantissa, 10n);
  let amount = stripped;
  let exponent = scale + times;
  const rem = ((exponent % 3) + 3) % 3;
  if (amount === 0n) exponent = 0;
  else if (rem === 1) {
    amount *= 10n;
    exponent -= 1;
  } else if (rem === 2) {
    amount *= 100n;
    exponent -= 2;
  }
  let suffix: string;
  if (format === 'DecimalSI' && DECIMAL_SUFFIX[exponent] !== undefined) suffix = DECIMAL_SUFFIX[exponent];
  else suffix = exponent === 0 ? '' : `e${exponent}`;
  return `${amount}${suffix}`;
}

/** The canonical String() of a quantity as stored in an object (`"500m"`, `"1Gi"`, or a bare JSON number). */
export function quantityString(q: string | number | null | undefined): string {
  if (q === undefined || q === null || q === '') return '0';
  const parsed = parse(String(q));
  if (!parsed) return String(q);
  const { amount, format } = parsed;
  if (format === 'BinarySI') {
    const { mantissa, scale } = amount;
    const integral = scale >= 0 ? mantissa * 10n ** BigInt(scale) : mantissa % 10n ** BigInt(-scale) === 0n ? mantissa / 10n ** BigInt(-scale) : undefined;
    // Small or fractional binary quantities print in decimal SI to avoid rounding.
    if (integral !== undefined && (integral <= -1024n || integral >= 1024n)) {
      let [value, times] = removeFactors(integral, 1024n);
      while (times > 6) {
        value *= 1024n;
        times--;
      }
      return `${value}${BINARY_SUFFIX[times]}`;
    }
    return decimalString(amount, 'DecimalSI');
  }
  return decimalString(amount, format);
}
