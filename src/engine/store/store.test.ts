import { describe, expect, it } from 'vitest';
import { Store, type StoreEvent } from './store';
import { registryKey, resourcePrefix } from './registry-key';

const collect = <T>(store: Store<T>, prefix: string, from: number) => {
  const events: StoreEvent<T>[] = [];
  const w = store.watch(prefix, from, (e) => events.push(e));
  if ('error' in w) throw new Error('compacted');
  return { events, cancel: w.cancel };
};

describe('Store revisions and CRUD', () => {
  it('starts at revision 1 and stamps the first write 2, as etcd does', () => {
    const s = new Store<string>();
    expect(s.revision).toBe(1);
    expect(s.nextRevision()).toBe(2);
    const r = s.create('/registry/pods/default/a', 'v1');
    expect(r).toEqual({ ok: true, kv: { key: '/registry/pods/default/a', value: 'v1', createRevision: 2, modRevision: 2, version: 1 } });
    expect(s.revision).toBe(2);
  });

  it('creates, reads, updates and deletes with per-key revisions and versions', () => {
    const s = new Store<{ n: number }>();
    const v1 = { n: 1 };
    s.create('/k', v1);
    expect(s.get('/k')?.value).toBe(v1); // stored as given, not copied
    const up = s.update('/k', { n: 2 });
    expect(up.ok && up.kv).toMatchObject({ createRevision: 2, modRevision: 3, version: 2, value: { n: 2 } });
    expect(up.ok && up.prevKv.value).toBe(v1);
    const del = s.delete('/k');
    expect(del).toMatchObject({ ok: true, revision: 4, prevKv: { modRevision: 3, version: 2 } });
    expect(s.get('/k')).toBeUndefined();
    // Re-creating starts a new life: new createRevision, version 1.
    const again = s.create('/k', { n: 3 });
    expect(again.ok && again.kv).toMatchObject({ createRevision: 5, modRevision: 5, version: 1 });
  });

  it('reports exists / notfound', () => {
    const s = new Store<number>();
    s.create('/a', 1);
    expect(s.create('/a', 2)).toMatchObject({ ok: false, error: 'exists', current: { value: 1 } });
    expect(s.update('/b', 1)).toEqual({ ok: false, error: 'notfound' });
    expect(s.delete('/b')).toEqual({ ok: false, error: 'notfound' });
    expect(s.revision).toBe(2); // failed writes do not advance the revision
  });

  it('compares and swaps on modRevision', () => {
    const s = new Store<number>();
    s.create('/a', 1); // rev 2
    s.update('/a', 2); // rev 3
    expect(s.update('/a', 9, 2)).toMatchObject({ ok: false, error: 'conflict', current: { modRevision: 3, value: 2 } });
    expect(s.update('/a', 3, 3)).toMatchObject({ ok: true, kv: { modRevision: 4 } });
    expect(s.delete('/a', 3)).toMatchObject({ ok: false, error: 'conflict', current: { modRevision: 4 } });
    expect(s.delete('/a', 4)).toMatchObject({ ok: true, revision: 5 });
  });

  it('keeps revisions strictly increasing by one per write', () => {
    const s = new Store<number>();
    const seen: number[] = [];
    for (let i = 0; i < 50; i++) {
      const key = `/k/${i % 7}`;
      const r = s.get(key) ? (i % 3 === 0 ? s.delete(key) : s.update(key, i)) : s.create(key, i);
      seen.push(r.ok && 'kv' in r ? r.kv.modRevision : (r as { revision: number }).revision);
    }
    seen.forEach((rev, i) => expect(rev).toBe(i + 2));
  });
});

describe('Store.range', () => {
  const fill = () => {
    const s = new Store<string>();
    for (const ns of ['default', 'kube-system', 'zeta']) for (const n of ['c', 'a', 'b']) s.create(registryKey('', 'pods', ns, n), `${ns}/${n}`);
    s.create(registryKey('apps', 'deployments', 'default', 'web'), 'deploy');
    s.create('/registry/podtemplates/default/x', 'not a pod'); // shares the text "/registry/pod" but not the prefix
    return s;
  };

  it('returns keys under a prefix in sorted order', () => {
    const s = fill();
    const r = s.range('/registry/pods/');
    expect(r.kvs.map((kv) => kv.value)).toEqual([
      'default/a', 'default/b', 'default/c', 'kube-system/a', 'kube-system/b', 'kube-system/c', 'zeta/a', 'zeta/b', 'zeta/c',
    ]);
    expect(r).toMatchObject({ revision: s.revision, more: false, remaining: 0 });
    expect(s.range('/registry/pods/kube-system/').kvs.map((kv) => kv.value)).toEqual(['kube-system/a', 'kube-system/b', 'kube-system/c']);
    expect(s.count('/registry/pods/')).toBe(9);
    expect(s.count('/registry/')).toBe(11);
    expect(s.count('/nothing/')).toBe(0);
  });

  it('pages with limit and startAfterKey, reporting what remains', () => {
    const s = fill();
    const p1 = s.range('/registry/pods/', { limit: 4 });
    expect(p1.kvs.map((kv) => kv.value)).toEqual(['default/a', 'default/b', 'default/c', 'kube-system/a']);
    expect(p1).toMatchObject({ more: true, remaining: 5 });
    const p2 = s.range('/registry/pods/', { limit: 4, startAfterKey: p1.kvs[3].key });
    expect(p2.kvs.map((kv) => kv.value)).toEqual(['kube-system/b', 'kube-system/c', 'zeta/a', 'zeta/b']);
    expect(p2).toMatchObject({ more: true, remaining: 1 });
    const p3 = s.range('/registry/pods/', { limit: 4, startAfterKey: p2.kvs[3].key });
    expect(p3.kvs.map((kv) => kv.value)).toEqual(['zeta/c']);
    expect(p3).toMatchObject({ more: false, remaining: 0 });
    // A start key from before the prefix is the same as none; exact page boundary leaves nothing remaining.
    expect(s.range('/registry/pods/', { startAfterKey: '/a', limit: 9 })).toMatchObject({ more: false, remaining: 0 });
    expect(s.range('/registry/pods/', { startAfterKey: registryKey('', 'pods', 'zeta', 'c') }).kvs).toEqual([]);
  });

  it('ranges a namespace among 150,000 pods without sorting per call', () => {
    const s = new Store<number>();
    const namespaces = 50;
    // Insert in a scrambled order so a naive sorted-array insert would have to shift.
    for (let i = 0; i < 150_000; i++) {
      const j = (i * 7919) % 150_000;
      s.create(registryKey('', 'pods', `ns-${j % namespaces}`, `pod-${j}`), j);
    }
    expect(s.stats().keys).toBe(150_000);
    for (let q = 0; q < 200; q++) {
      const r = s.range('/registry/pods/ns-7/', { limit: 500 });
      expect(r.kvs).toHaveLength(500);
      expect(r.remaining).toBe(2_500);
    }
    const all = s.range('/registry/pods/ns-7/');
    expect(all.kvs).toHaveLength(3_000);
    for (let i = 1; i < all.kvs.length; i++) expect(all.kvs[i - 1].key < all.kvs[i].key).toBe(true);
    expect(s.count('/registry/pods/')).toBe(150_000);
  });
});

describe('Store.watch', () => {
  it('replays history after fromRevision, then delivers live events at write time', () => {
    const s = new Store<string>();
    s.create('/registry/pods/default/a', 'a1'); // 2
    s.create('/registry/services/specs/default/x', 'x'); // 3
    s.update('/registry/pods/default/a', 'a2'); // 4
    const { events } = collect(s, '/registry/pods/', 2);
    expect(events.map((e) => [e.type, e.revision, e.kv.value])).toEqual([['PUT', 4, 'a2']]);
    expect(events[0].prevKv?.value).toBe('a1');
    s.delete('/registry/pods/default/a'); // 5
    expect(events.map((e) => [e.type, e.revision])).toEqual([['PUT', 4], ['DELETE', 5]]);
    expect(events[1].kv).toMatchObject({ key: '/registry/pods/default/a', createRevision: 0, version: 0, modRevision: 5 });
    expect(events[1].prevKv).toMatchObject({ value: 'a2', modRevision: 4 });
  });

  it('replays everything from revision 0 and nothing from the current revision', () => {
    const s = new Store<number>();
    for (let i = 0; i < 5; i++) s.create(`/k/${i}`, i);
    expect(collect(s, '/k/', 0).events.map((e) => e.revision)).toEqual([2, 3, 4, 5, 6]);
    expect(collect(s, '/k/', s.revision).events).toEqual([]);
  });

  it('stops delivering after cancel, including a cancel from inside the listener', () => {
    const s = new Store<number>();
    const got: number[] = [];
    const w = s.watch('/', 1, (e) => {
      got.push(e.revision);
      if (e.revision === 3 && 'cancel' in w) w.cancel();
    });
    const other = collect(s, '/', 1);
    s.create('/a', 1);
    s.create('/b', 2);
    s.create('/c', 3);
    expect(got).toEqual([2, 3]);
    expect(other.events.map((e) => e.revision)).toEqual([2, 3, 4]);
    other.cancel();
    other.cancel(); // idempotent
    s.create('/d', 4);
    expect(other.events).toHaveLength(3);
  });

  it('delivers in revision order to every listener even when a listener writes', () => {
    const s = new Store<string>();
    const first: number[] = [];
    const second: number[] = [];
    s.watch('/', 1, (e) => {
      first.push(e.revision);
      // A controller reacting to a pod by writing another object.
      if (e.kv.key === '/pods/a' && e.type === 'PUT') s.create('/events/a', 'created');
    });
    s.watch('/', 1, (e) => second.push(e.revision));
    s.create('/pods/a', 'a');
    expect(first).toEqual([2, 3]);
    expect(second).toEqual([2, 3]);
  });

  it('replays synchronously to a watch opened from inside another listener', () => {
    const s = new Store<string>();
    s.create('/x', 'x'); // 2
    const nested: number[] = [];
    let opened = false;
    s.watch('/', 2, () => {
      if (opened) return;
      opened = true;
      s.watch('/', 0, (e) => nested.push(e.revision));
      expect(nested).toEqual([2, 3]); // replayed before watch() returned
    });
    s.create('/y', 'y'); // 3
    s.create('/z', 'z'); // 4
    expect(nested).toEqual([2, 3, 4]);
  });

  it('fails with compacted for revisions before the compaction', () => {
    const s = new Store<number>();
    for (let i = 0; i < 10; i++) s.create(`/k/${i}`, i); // revisions 2..11
    s.compact(6);
    expect(s.watch('/k/', 5, () => {})).toEqual({ error: 'compacted', compactRevision: 6 });
    expect(collect(s, '/k/', 6).events.map((e) => e.revision)).toEqual([7, 8, 9, 10, 11]);
    expect(s.stats()).toEqual({ keys: 10, revision: 11, compactRevision: 6, historySize: 5 });
    expect(s.get('/k/0')?.value).toBe(0); // compaction forgets history, not keys
    expect(() => s.compact(99)).toThrow(/future revision/);
  });

  it('auto-compacts beyond historyLimit', () => {
    const s = new Store<number>({ historyLimit: 3 });
    for (let i = 0; i < 10; i++) s.create(`/k/${i}`, i); // revisions 2..11
    expect(s.stats()).toEqual({ keys: 10, revision: 11, compactRevision: 8, historySize: 3 });
    expect(s.watch('/k/', 7, () => {})).toMatchObject({ error: 'compacted', compactRevision: 8 });
    expect(collect(s, '/k/', 8).events.map((e) => e.revision)).toEqual([9, 10, 11]);
    // Far past the point where the dead head of the history array is reclaimed.
    for (let i = 0; i < 5_000; i++) s.update('/k/0', i);
    expect(s.stats()).toMatchObject({ revision: 5_011, compactRevision: 5_008, historySize: 3 });
    expect(collect(s, '/k/', 5_008).events.map((e) => e.kv.value)).toEqual([4_997, 4_998, 4_999]);
  });
});

describe('Store snapshot/restore', () => {
  it('round-trips exactly through JSON', () => {
    const s = new Store<{ name: string }>({ historyLimit: 5 });
    for (let i = 0; i < 8; i++) s.create(registryKey('', 'pods', 'default', `p${i}`), { name: `p${i}` });
    s.update(registryKey('', 'pods', 'default', 'p1'), { name: 'p1-v2' });
    s.delete(registryKey('', 'pods', 'default', 'p2'));
    const snap = s.snapshot();
    const restored = Store.restore<{ name: string }>(JSON.parse(JSON.stringify(snap)));
    expect(restored.snapshot()).toEqual(snap);
    expect(restored.stats()).toEqual(s.stats());
    expect(restored.range('/registry/pods/').kvs).toEqual(s.range('/registry/pods/').kvs);
    // The restored store carries on where the original left off, history and all.
    const replay = collect(restored, '/registry/pods/', snap.compactRevision).events.map((e) => e.revision);
    expect(replay).toEqual([7, 8, 9, 10, 11]);
    expect(restored.create('/x', { name: 'x' })).toMatchObject({ ok: true, kv: { createRevision: 12 } });
  });
});

describe('registryKey', () => {
  it('follows the upstream etcd layout and its special prefixes', () => {
    expect(registryKey('', 'pods', 'default', 'web-1')).toBe('/registry/pods/default/web-1');
    expect(registryKey('apps', 'deployments', 'default', 'web')).toBe('/registry/deployments/default/web');
    expect(registryKey('', 'namespaces', '', 'default')).toBe('/registry/namespaces/default');
    expect(registryKey('', 'nodes', '', 'node-1')).toBe('/registry/minions/node-1');
    expect(registryKey('', 'services', 'default', 'kubernetes')).toBe('/registry/services/specs/default/kubernetes');
    expect(registryKey('', 'endpoints', 'default', 'kubernetes')).toBe('/registry/services/endpoints/default/kubernetes');
    expect(registryKey('', 'replicationcontrollers', 'default', 'rc')).toBe('/registry/controllers/default/rc');
    expect(registryKey('networking.k8s.io', 'ingresses', 'default', 'ing')).toBe('/registry/ingress/default/ing');
    expect(registryKey('events.k8s.io', 'events', 'default', 'e')).toBe('/registry/events/default/e');
    expect(registryKey('apiextensions.k8s.io', 'customresourcedefinitions', '', 'foos.example.com')).toBe(
      '/registry/apiextensions.k8s.io/customresourcedefinitions/foos.example.com',
    );
    expect(registryKey('example.com', 'foos', 'default', 'f')).toBe('/registry/example.com/foos/default/f');
    expect(registryKey('', 'pods', 'default')).toBe('/registry/pods/default/');
    expect(resourcePrefix('', 'pods')).toBe('/registry/pods/');
  });
});
