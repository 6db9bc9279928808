import { describe, expect, it } from 'vitest';
import { applyJsonMergePatch, createJsonMergePatch } from './json-merge-patch';

describe('applyJsonMergePatch (RFC 7386)', () => {
  it('merges objects, deletes on null and replaces arrays', () => {
    const target = { a: 1, b: { c: 2, d: 3 }, list: [1, 2] };
    const r = applyJsonMergePatch(target, { a: null, b: { c: null, e: 4 }, list: [3], f: { g: null, h: 5 } });
    expect(r.ok && r.value).toEqual({ b: { d: 3, e: 4 }, list: [3], f: { h: 5 } });
    expect(target).toEqual({ a: 1, b: { c: 2, d: 3 }, list: [1, 2] });
  });

  it('replaces a non-object value with the patch object', () => {
    const r = applyJsonMergePatch({ a: 'x' }, { a: { b: 1, c: null } });
    expect(r.ok && r.value).toEqual({ a: { b: 1 } });
  });

  it('rejects null and scalar patches as Invalid JSON Patch (400)', () => {
    for (const patch of [null, 'x', 3]) {
      const r = applyJsonMergePatch({ a: 1 }, patch);
      expect(!r.ok && r.status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'Invalid JSON Patch' });
    }
  });
});

describe('createJsonMergePatch', () => {
  it('produces the patch that yields the modified document', () => {
    const a = { x: 1, y: { z: 2, w: 3 }, l: [1] };
    const b = { x: 1, y: { z: 4 }, l: [1, 2], n: {} };
    const patch = createJsonMergePatch(a, b);
    expect(patch).toEqual({ y: { z: 4, w: null }, l: [1, 2], n: {} });
    const r = applyJsonMergePatch(a, patch);
    expect(r.ok && r.value).toEqual(b);
  });
});
