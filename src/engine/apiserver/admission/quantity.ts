/**
 * resource.Quantity as validation needs it (k8s.io/apimachinery/pkg/api/resource): parsing with the upstream
 * error, exact comparison, and the canonical String() used in messages ("1000m" → "1", "1024Mi" → "1Gi").
 */

export const QUANTITY_REGEX_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** An exact rational value: num / den, den > 0. */
export interface Quantity {
  num: bigint;
  den: bigint;
  format: Format;
}

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SHAPE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

const pow10 = (n: number) => 10n ** BigInt(n);

/** Parses a quantity string; undefined when upstream's ParseQuantity would fail. */
export function parseQuantity(input: string): Quantity | undefined {
  const s = input.trim();
  const shape = SHAPE.exec(s);
  if (!shape) return undefined;
  const [, numberPart, suffix] = shape;
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(numberPart);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const sign = m[1] === '-' ? -1n : 1n;
  const frac = m[3] ?? '';
  let num = sign * BigInt((m[2] || '0') + frac);
  let den = pow10(frac.length);
  let format: Format;
  if (suffix in DECIMAL_SUFFIX) {
    format = 'DecimalSI';
    const e = DECIMAL_SUFFIX[suffix];
    if (e >= 0) num *= pow10(e);
    else den *= pow10(-e);
  } else if (suffix in BINARY_SUFFIX) {
    format = 'BinarySI';
    num *= 2n ** BigInt(BINARY_SUFFIX[suffix]);
  } else {
    const em = /^[eE]([-+]?\d+)$/.exec(suffix);
    if (!em) return undefined;
    format = 'DecimalExponent';
    const e = Number(em[1]);
    if (e >= 0) num *= pow10(e);
    else den *= pow10(-e);
  }
  return { num, den, format };
}

export function compareQuantities(a: Quantity, b: Quantity): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const isZeroOrPositive = (q: Quantity) => q.num >= 0n;
export const isInteger = (q: Quantity) => q.num % q.den === 0n;

/** Quantity.String(): the canonical form upstream prints. */
export function formatQuantity(q: Quantity): string {
  if (q.num === 0n) return '0';
  const negative = q.num < 0n;
  const abs: Quantity = { ...q, num: negative ? -q.num : q.num };
  let format = q.format;
  if (format === 'BinarySI') {
    const small = abs.num < 1024n * abs.den;
    if (small || !isInteger(abs)) format = 'DecimalSI';
  }
  let text: string;
  if (format === 'BinarySI') {
    let n = abs.num / abs.den;
    let i = 0;
    const suffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
    while (i < 6 && n % 1024n === 0n) {
      n /= 1024n;
      i++;
    }
    text = `${n}${suffixes[i]}`;
  } else {
    // Whole nano-units, rounded up as upstream rounds sub-nano precision.
    let n = (abs.num * pow10(9) + abs.den - 1n) / abs.den;
    let exp = -9;
    while (exp < 18 && n % 1000n === 0n) {
      n /= 1000n;
      exp += 3;
    }
    if (format === 'DecimalExponent') text = exp === 0 ? `${n}` : `${n}e${exp}`;
    else text = `${n}${Object.keys(DECIMAL_SUFFIX).find((k) => DECIMAL_SUFFIX[k] === exp)}`;
  }
  return negative ? `-${text}` : text;
}

/** Canonical text of a quantity value as decoded JSON (string or number). */
export function quantityString(v: unknown): string {
  const q = parseQuantity(String(v));
  return q ? formatQuantity(q) : String(v);
}
