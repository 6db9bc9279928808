/**
 * ResourceList arithmetic (pkg/quota/v1/resources.go) over exact quantities: add, subtract, mask, compare —
 * with resource.Quantity's formatting rules (a sum keeps the receiver's format, unless the receiver is zero).
 */
import { compareQuantities, formatQuantity, parseQuantity, type Quantity } from '../../apiserver/admission/quantity';

export type ResourceList = Record<string, string>;

const ZERO: Quantity = { num: 0n, den: 1n, format: 'DecimalSI' };

export function toQuantity(v: unknown): Quantity {
  return parseQuantity(String(v ?? '0')) ?? ZERO;
}

export function addQuantities(a: Quantity, b: Quantity): Quantity {
  const format = a.num === 0n ? b.format : a.format;
  return { num: a.num * b.den + b.num * a.den, den: a.den * b.den, format };
}

export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return { num: a.num * b.den - b.num * a.den, den: a.den * b.den, format: a.format };
}

/** quota.Add: keys of either list; present in both ⇒ summed. */
export function add(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in a ? formatQuantity(addQuantities(toQuantity(a[k]), toQuantity(v))) : v;
  return out;
}

/** quota.Max: per key, the larger value. */
export function maxPerKey(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = { ...a };
  for (const [k, v] of Object.entries(b)) if (!(k in a) || compareQuantities(toQuantity(v), toQuantity(a[k])) > 0) out[k] = v;
  return out;
}

/** quota.SubtractWithNonNegativeResult: a − b per key, floored at zero. */
export function subtractNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(a)) {
    if (!(k in b)) {
      out[k] = v;
      continue;
    }
    const diff = subtractQuantities(toQuantity(v), toQuantity(b[k]));
    out[k] = diff.num > 0n ? formatQuantity(diff) : '0';
  }
  return out;
}

/** quota.Mask: only the named keys. */
export function mask(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: ResourceList = {};
  for (const n of names) if (n in list) out[n] = list[n];
  return out;
}

/** quota.LessThanOrEqual: every key of `a` that `b` limits is within it; the keys that are not. */
export function lessThanOrEqual(a: ResourceList, b: ResourceList): { allowed: boolean; exceeded: string[] } {
  const exceeded = Object.keys(a).filter((k) => k in b && compareQuantities(toQuantity(a[k]), toQuantity(b[k])) > 0);
  return { allowed: exceeded.length === 0, exceeded };
}

export const isZero = (list: ResourceList) => Object.values(list).every((v) => toQuantity(v).num === 0n);
export const removeZeros = (list: ResourceList): ResourceList => Object.fromEntries(Object.entries(list).filter(([, v]) => toQuantity(v).num !== 0n));
export const negativeNames = (list: ResourceList): string[] => Object.keys(list).filter((k) => toQuantity(list[k]).num < 0n);

/** prettyPrint: `k=v` sorted by key, comma-joined, values canonical. */
export function prettyPrint(list: ResourceList): string {
  return Object.keys(list)
    .sort()
    .map((k) => `${k}=${formatQuantity(toQuantity(list[k]))}`)
    .join(',');
}

/** Canonical form of every value (what the apiserver would serialise). */
export function canonical(list: ResourceList): ResourceList {
  return Object.fromEntries(Object.entries(list).map(([k, v]) => [k, formatQuantity(toQuantity(v))]));
}
