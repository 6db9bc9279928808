import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from './json-patch';

const doc = () => ({ metadata: { name: 'web', labels: { app: 'web' } }, spec: { replicas: 1, list: ['a', 'b', 'c'] } });

describe('applyJsonPatch', () => {
  it('applies add, remove, replace, move, copy and test in order', () => {
    const r = applyJsonPatch(doc(), [
      { op: 'test', path: '/spec/replicas', value: 1 },
      { op: 'replace', path: '/spec/replicas', value: 3 },
      { op: 'add', path: '/metadata/labels/tier', value: 'front' },
      { op: 'remove', path: '/metadata/labels/app' },
      { op: 'add', path: '/spec/list/-', value: 'd' },
      { op: 'add', path: '/spec/list/0', value: 'z' },
      { op: 'move', from: '/spec/list/1', path: '/spec/first' },
      { op: 'copy', from: '/metadata/name', path: '/metadata/annotations' },
    ]);
    expect(r.ok && r.value).toEqual({
      metadata: { name: 'web', labels: { tier: 'front' }, annotations: 'web' },
      spec: { replicas: 3, list: ['z', 'b', 'c', 'd'], first: 'a' },
    });
  });

  it('never mutates the target', () => {
    const target = doc();
    applyJsonPatch(target, [{ op: 'remove', path: '/spec/list/0' }]);
    expect(target).toEqual(doc());
  });

  it('follows evanphx/json-patch v4: negative indices, replace of a missing key adds it', () => {
    const r = applyJsonPatch(doc(), [
      { op: 'remove', path: '/spec/list/-1' },
      { op: 'replace', path: '/spec/paused', value: true },
    ]);
    expect(r.ok && r.value).toMatchObject({ spec: { list: ['a', 'b'], paused: true } });
  });

  it('answers an operation that does not apply with the fixed 422, keeping the library message', () => {
    const cases: [unknown, string][] = [
      [{ op: 'remove', path: '/spec/missing' }, "error in remove for path: '/spec/missing': Unable to remove nonexistent key: missing: missing value"],
      [{ op: 'add', path: '/nope/x', value: 1 }, 'add operation does not apply: doc is missing path: "/nope/x": missing value'],
      [{ op: 'test', path: '/spec/replicas', value: 2 }, 'testing value /spec/replicas failed: test failed'],
      [{ op: 'frobnicate', path: '/spec' }, 'Unexpected kind: frobnicate'],
      [{ op: 'replace', path: '/spec/list/9', value: 1 }, 'replace operation does not apply: doc is missing key: /spec/list/9: missing value'],
    ];
    for (const [op, error] of cases) {
      const r = applyJsonPatch(doc(), [op]);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error).toBe(error);
        expect(r.status).toMatchObject({ code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request' });
      }
    }
  });

  it('answers a body that is not a list of operations with 400', () => {
    const r = applyJsonPatch(doc(), { op: 'add' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' });
    const s = applyJsonPatch(doc(), ['add']);
    expect(!s.ok && s.status.message).toBe('json: cannot unmarshal string into Go value of type jsonpatch.Operation');
  });
});
