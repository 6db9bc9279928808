/** Object metadata the apiserver owns: uids, generated names, deep comparisons. */
import type { Rng } from '../../util/rng';

/** The alphabet of utilrand.String: no vowels (no words), no confusable characters. */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** generateName: `web-` ⇒ `web-x7k2p`, truncated as upstream (names.SimpleNameGenerator, max 63 − 5). */
export function generateName(rng: Rng, base: string): string {
  const maxGeneratedNameLength = 63;
  const randomLength = 5;
  const maxBase = maxGeneratedNameLength - randomLength;
  const prefix = base.length > maxBase ? base.slice(0, maxBase) : base;
  return prefix + rng.string(NAME_SUFFIX_ALPHABET, randomLength);
}

/** A version-4 UUID from the seeded RNG. */
export function newUid(rng: Rng): string {
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  const a = hex(rng.nextUint32());
  const b = hex(rng.nextUint32());
  const c = hex(rng.nextUint32());
  const d = hex(rng.nextUint32());
  const variant = ((parseInt(c[0], 16) & 0x3) | 0x8).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  if (ak.length !== bk.length) return false;
  for (const k of ak) if (!deepEqual(ao[k], bo[k])) return false;
  return true;
}

/** A deep copy of a JSON value (objects handed to the apiserver are plain JSON). */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
