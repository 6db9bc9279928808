import { describe, expect, it } from 'vitest';
import { computeHash, fnv32a, safeEncodeString } from './hash';

describe('pod-template-hash', () => {
  it('is FNV-32a (reference vectors) encoded with SafeEncodeString', () => {
    expect(fnv32a(new TextEncoder().encode(''))).toBe(0x811c9dc5);
    expect(fnv32a(new TextEncoder().encode('a'))).toBe(0xe40c292c);
    expect(fnv32a(new TextEncoder().encode('foobar'))).toBe(0xbf9cf968);
    // '0'..'9' are bytes 48..57: 48 % 27 = 21 ⇒ '4', 49 ⇒ '5' …
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('ignores key order, changes with the template and with the collision count', () => {
    const a = computeHash({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    const b = computeHash({ spec: { containers: [{ image: 'nginx', name: 'c' }] }, metadata: { labels: { app: 'web' } } });
    expect(a).toBe(b);
    expect(a).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(computeHash({ spec: { containers: [{ name: 'c', image: 'nginx:2' }] } })).not.toBe(a);
    expect(computeHash({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, 1)).not.toBe(a);
  });
});
