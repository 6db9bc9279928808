import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { decodeShareState, encodeShareState, MAX_SHARE_BYTES, type SharedState } from './share-link';

const state: SharedState = {
  recording: {
    version: 1,
    seed: 7,
    workers: 3,
    until: 42_000,
    untilEvent: 900,
    actions: [
      { at: 1000, event: 10, action: { kind: 'kubectl', commandLine: 'kubectl create deployment web --image=nginx --replicas=3' } },
      { at: 9000, event: 200, action: { kind: 'fault', action: 'break', faultType: 'NodeDown', node: 'worker-2' } },
    ],
  },
  editor: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "<img src=x onerror=alert(1)>"\n',
  view: { presenter: true },
};

const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('share links', () => {
  it('round-trips a run, the editor text and view settings', () => {
    const link = encodeShareState(state);
    expect(link).toMatch(/^share=v1\.[A-Za-z0-9_-]+$/);
    expect(decodeShareState(`#${link}`)).toEqual({ ok: true, state });
  });

  it('refuses corrupt, truncated, future and hostile links with a clear sentence', () => {
    const link = encodeShareState(state);
    expect(decodeShareState(link.slice(0, link.length - 12))).toMatchObject({ ok: false, error: expect.stringContaining('damaged') });
    expect(decodeShareState('share=v1.%%%')).toEqual({ ok: false, error: 'This share link is damaged (it is not valid base64url); it may have been cut short when copied.' });
    expect(decodeShareState('share=v2.abc')).toEqual({ ok: false, error: 'This link was made by a newer Pilothouse (link format v2); reload to get the latest version.' });
    expect(decodeShareState('share=abc')).toEqual({ ok: false, error: 'This share link is damaged (no format version).' });
    expect(decodeShareState(`share=v1.${b64url(deflateSync(strToU8('not json')))}`)).toEqual({ ok: false, error: 'This share link is damaged (its contents are not JSON).' });
    expect(decodeShareState(`share=v1.${b64url(deflateSync(strToU8(JSON.stringify({ recording: { ...state.recording, version: 9 } }))))}`)).toEqual({
      ok: false,
      error: 'This link cannot be opened: it was made by a newer Pilothouse (recording version 9; this one reads version 1).',
    });
  });

  it('refuses a small link that would inflate past the limit, without inflating it', () => {
    const bomb = deflateSync(new Uint8Array(64 * 1024 * 1024), { level: 9 }); // 64 MB of zeros
    expect(bomb.length).toBeLessThan(100_000);
    expect(decodeShareState(`share=v1.${b64url(bomb)}`)).toEqual({ ok: false, error: `This share link expands to more than ${MAX_SHARE_BYTES / 1024 / 1024} MB; it was refused.` });
  });

  it('never throws on arbitrary input (1,000 random and mutated links)', () => {
    const good = encodeShareState(state);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `share=v1.${s}`),
          fc.uint8Array({ maxLength: 400 }).map((b) => `share=v1.${b64url(b)}`),
          fc.tuple(fc.nat(good.length), fc.string({ maxLength: 3 })).map(([i, s]) => good.slice(0, i) + s + good.slice(i + 1)),
          fc.jsonValue().map((j) => `share=v1.${b64url(deflateSync(strToU8(JSON.stringify(j))))}`),
        ),
        (input) => {
          const r = decodeShareState(input);
          expect(typeof r.ok).toBe('boolean');
          if (!r.ok) expect(r.error).toMatch(/^This /);
        },
      ),
      { numRuns: 1000, seed: 42 },
    );
  });
});
