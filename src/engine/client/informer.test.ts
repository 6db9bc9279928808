import { describe, expect, it } from 'vitest';
import type { ConfigMap, Pod } from 'kubernetes-types/core/v1';
import { Cluster } from '../cluster';
import { Rng } from '../util/rng';
import { KubeClient, type KubeObject, type ResourceClient } from './rest-client';
import { SharedInformerFactory } from './informer-factory';
import { SharedIndexInformer } from './informer';
import { CONTROLLER_UID_INDEX, controllerUidIndexFunc, NAMESPACE_INDEX, NODE_NAME_INDEX, nodeNameIndexFunc } from './indexer';
import { DeletedFinalStateUnknown, objectKey } from './object-keys';
import { parseLabelSelector } from '../apiserver/selectors/labels';

const CM = { group: '', version: 'v1', resource: 'configmaps' };

function setup(seed = 3) {
  const cluster = new Cluster({ seed, bare: true, controllers: ['serviceaccount'] });
  const client = new KubeClient(cluster.apiserver, cluster.registry, 'test-manager');
  const admin = new KubeClient(cluster.apiserver, cluster.registry, 'admin').resource<ConfigMap>(CM);
  for (const ns of ['team-a', 'team-b']) cluster.request({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } });
  // Let the serviceaccount controller give the new namespaces their default ServiceAccount (pods need it).
  cluster.advance(0);
  return { cluster, client, admin };
}

const cm = (name: string, data: Record<string, string> = {}, labels?: Record<string, string>): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(labels ? { labels } : {}) },
  data,
});

/** Server state as key ⇒ resourceVersion, read through the API. */
function serverState(admin: ResourceClient<ConfigMap>): Map<string, string> {
  const res = admin.list();
  if (!res.ok) throw new Error(res.status.message);
  return new Map(res.value.items.map((o) => [objectKey(o), o.metadata?.resourceVersion ?? '']));
}

function cacheState<T extends KubeObject>(informer: SharedIndexInformer<T>): Map<string, string> {
  return new Map(informer.indexer.list().map((o) => [objectKey(o), o.metadata?.resourceVersion ?? '']));
}

/** Records handler calls and keeps a shadow copy of the informer's world built only from notifications. */
function recorder<T extends KubeObject>() {
  const calls: string[] = [];
  const shadow = new Map<string, string>();
  const tombstones: DeletedFinalStateUnknown<T>[] = [];
  return {
    calls,
    shadow,
    tombstones,
    handler: {
      onAdd: (o: T, initial: boolean) => {
        calls.push(`add ${objectKey(o)}${initial ? ' (initial)' : ''}`);
        shadow.set(objectKey(o), o.metadata?.resourceVersion ?? '');
      },
      onUpdate: (_old: T, o: T) => {
        calls.push(`update ${objectKey(o)}`);
        shadow.set(objectKey(o), o.metadata?.resourceVersion ?? '');
      },
      onDelete: (o: T | DeletedFinalStateUnknown<T>) => {
        if (o instanceof DeletedFinalStateUnknown) tombstones.push(o);
        calls.push(`delete ${objectKey(o)}${o instanceof DeletedFinalStateUnknown ? ' (tombstone)' : ''}`);
        shadow.delete(objectKey(o));
      },
    },
  };
}

describe('SharedIndexInformer', () => {
  it('lists, then follows creates, updates and deletes through the watch', () => {
    const { cluster, client, admin } = setup();
    admin.create('default', cm('before', { a: '1' }));
    const factory = new SharedInformerFactory(cluster.engine, client, { freezeObjects: true });
    const informer = factory.informerFor<ConfigMap>(CM);
    const rec = recorder<ConfigMap>();
    informer.addEventHandler(rec.handler);
    factory.start();
    expect(informer.hasSynced()).toBe(false); // the list runs on a clock event, not inside start()
    cluster.advance(1);
    expect(informer.hasSynced()).toBe(true);
    expect(rec.calls).toEqual(['add default/before (initial)']);

    admin.create('team-a', cm('x'));
    const updated = admin.get('default', 'before');
    if (!updated.ok) throw new Error('get failed');
    updated.value.data = { a: '2' };
    admin.update('default', updated.value);
    admin.delete('default', 'before');
    expect(cacheState(informer).has('team-a/x')).toBe(false); // watch events arrive on the clock
    cluster.advance(1);
    expect(rec.calls.slice(1)).toEqual(['add team-a/x', 'update default/before', 'delete default/before']);
    expect(cacheState(informer)).toEqual(serverState(admin));
    expect(informer.lister.namespace('team-a').get('x')?.metadata?.name).toBe('x');
    expect(informer.lastSyncResourceVersion()).toBe(String(cluster.store.revision));
  });

  it('re-lists after a 410 Expired watch, with backoff on the clock, and delivers missed deletes as tombstones', () => {
    const { cluster, client, admin } = setup();
    for (const n of ['a', 'b', 'c']) admin.create('default', cm(n));
    const factory = new SharedInformerFactory(cluster.engine, client);
    const informer = factory.informerFor<ConfigMap>(CM);
    const rec = recorder<ConfigMap>();
    informer.addEventHandler(rec.handler);
    factory.start();
    cluster.advance(1);
    admin.create('default', cm('d'));
    cluster.advance(1);
    expect(cacheState(informer).size).toBe(4);

    // The apiserver restarts (every watch closes) while history is compacted past what the informer saw.
    cluster.apiserver.closeAllWatches();
    admin.delete('default', 'a');
    admin.create('team-b', cm('e'));
    const b = admin.get('default', 'b');
    if (!b.ok) throw new Error('get failed');
    admin.update('default', { ...b.value, data: { changed: 'yes' } });
    cluster.store.compact(cluster.store.revision);

    const t0 = cluster.now();
    cluster.advance(1); // re-watch from the old version ⇒ ERROR 410 ⇒ backoff
    expect(informer.reflector.lastError).toMatch(/^watch of \*v1\.ConfigMap closed with: too old resource version: \d+ \(\d+\)$/);
    expect(informer.phase).toBe('backoff');
    const lists = () => cluster.engine.traffic.recent().filter((r) => r.from === 'test-manager' && r.verb === 'list' && r.t > t0);
    cluster.advance(799);
    expect(lists()).toHaveLength(0); // upstream's first backoff is 800 ms plus up to 100% jitter
    cluster.advance(1000);
    expect(lists()).toHaveLength(1);
    expect(informer.phase).toBe('watching');
    expect(cacheState(informer)).toEqual(serverState(admin));
    expect(rec.tombstones.map((t) => t.key)).toEqual(['default/a']);
    expect(rec.calls).toContain('add team-b/e');
    expect(rec.shadow).toEqual(serverState(admin));
  });

  it('reopens a cleanly closed watch from the last resourceVersion without re-listing', () => {
    const { cluster, client, admin } = setup();
    const factory = new SharedInformerFactory(cluster.engine, client);
    const informer = factory.informerFor<ConfigMap>(CM);
    factory.start();
    cluster.advance(1);
    admin.create('default', cm('a'));
    cluster.advance(2000);
    cluster.apiserver.closeAllWatches();
    admin.create('default', cm('b'));
    cluster.advance(1);
    const verbs = cluster.engine.traffic.recent().filter((r) => r.from === 'test-manager').map((r) => r.verb);
    expect(verbs.filter((v) => v === 'list')).toHaveLength(1);
    expect(cacheState(informer)).toEqual(serverState(admin));
  });

  it('shares one list and one watch per resource across everyone in a process', () => {
    const { cluster, client } = setup();
    const factory = new SharedInformerFactory(cluster.engine, client);
    const one = factory.informerFor<ConfigMap>(CM);
    const two = factory.informerFor<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap' });
    expect(one).toBe(two);
    factory.informerFor({ group: 'apps', version: 'v1', resource: 'deployments' });
    factory.start();
    cluster.advance(1);
    expect(factory.hasSynced()).toBe(true);
    const reqs = cluster.engine.traffic.recent().filter((r) => r.kind === 'request' && r.from === 'test-manager');
    expect(reqs.map((r) => `${r.verb} ${r.resource}`)).toEqual(['list configmaps', 'list deployments']);
    expect(reqs[0].path).toBe('/api/v1/configmaps');
    expect(reqs[1].path).toBe('/apis/apps/v1/deployments');
  });

  it('indexes by namespace, controller uid, node name and custom functions', () => {
    const { cluster, client } = setup();
    const pods = client.resource<Pod>({ group: '', version: 'v1', resource: 'pods' });
    const pod = (name: string, node?: string, ownerUid?: string): Pod => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        labels: { tier: name.startsWith('web') ? 'web' : 'db' },
        ownerReferences: ownerUid ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: ownerUid, controller: true }] : undefined,
      },
      spec: { nodeName: node, containers: [{ name: 'c', image: 'nginx' }] },
    });
    pods.create('team-a', pod('web-1', 'node-1', 'uid-1'));
    pods.create('team-a', pod('web-2', 'node-2', 'uid-1'));
    pods.create('team-b', pod('db-1', 'node-1'));
    const factory = new SharedInformerFactory(cluster.engine, client);
    const informer = factory.informerFor<Pod>(
      { group: '', version: 'v1', resource: 'pods' },
      { indexers: { [CONTROLLER_UID_INDEX]: controllerUidIndexFunc, [NODE_NAME_INDEX]: nodeNameIndexFunc, image: (p) => p.spec?.containers.map((c) => c.image ?? '') ?? [] } },
    );
    factory.start();
    cluster.advance(1);
    const names = (objs: Pod[]) => objs.map((o) => o.metadata?.name).sort();
    expect(names(informer.indexer.byIndex(NAMESPACE_INDEX, 'team-a'))).toEqual(['web-1', 'web-2']);
    expect(names(informer.indexer.byIndex(CONTROLLER_UID_INDEX, 'uid-1'))).toEqual(['web-1', 'web-2']);
    expect(names(informer.indexer.byIndex(NODE_NAME_INDEX, 'node-1'))).toEqual(['db-1', 'web-1']);
    expect(names(informer.indexer.byIndex('image', 'nginx'))).toEqual(['db-1', 'web-1', 'web-2']);
    const sel = parseLabelSelector('tier=web');
    if (!sel.ok) throw new Error(sel.error);
    expect(names(informer.lister.list(sel.selector))).toEqual(['web-1', 'web-2']);

    // Indexes follow deletes.
    pods.delete('team-a', 'web-1', { gracePeriodSeconds: 0 });
    cluster.advance(1);
    expect(names(informer.indexer.byIndex(NODE_NAME_INDEX, 'node-1'))).toEqual(['db-1']);
    expect(names(informer.indexer.byIndex(CONTROLLER_UID_INDEX, 'uid-1'))).toEqual(['web-2']);
  });

  it('hands a handler added late every cached object, and resyncs on its period', () => {
    const { cluster, client, admin } = setup();
    admin.create('default', cm('a'));
    const factory = new SharedInformerFactory(cluster.engine, client);
    const informer = factory.informerFor<ConfigMap>(CM);
    factory.start();
    cluster.advance(1);
    const rec = recorder<ConfigMap>();
    const reg = informer.addEventHandler(rec.handler, 30_000);
    expect(rec.calls).toEqual(['add default/a (initial)']);
    expect(reg.hasSynced()).toBe(true);
    cluster.advance(29_998);
    expect(rec.calls).toHaveLength(1);
    cluster.advance(2);
    expect(rec.calls).toEqual(['add default/a (initial)', 'update default/a']);
    cluster.advance(30_000);
    expect(rec.calls).toHaveLength(3);
    reg.remove();
    cluster.advance(60_000);
    expect(rec.calls).toHaveLength(3);
  });

  it('keeps the cache read-only: with freezeObjects, mutating a cached object throws', () => {
    const { cluster, client, admin } = setup();
    admin.create('default', cm('a', { k: 'v' }));
    const factory = new SharedInformerFactory(cluster.engine, client, { freezeObjects: true });
    const informer = factory.informerFor<ConfigMap>(CM);
    factory.start();
    cluster.advance(1);
    const cached = informer.lister.namespace('default').get('a') as ConfigMap;
    expect(() => {
      (cached.data as Record<string, string>).k = 'mutated';
    }).toThrow(TypeError);
  });

  it('matches a rebuilt list after random writes, watch restarts and compactions (seeded fuzz)', () => {
    for (const seed of [1, 2, 3, 42]) {
      const { cluster, client, admin } = setup(seed);
      const rng = new Rng(seed);
      const factory = new SharedInformerFactory(cluster.engine, client);
      const informer = factory.informerFor<ConfigMap>(CM);
      const filtered = factory.informerFor<ConfigMap>(CM, { labelSelector: 'keep=yes' });
      const rec = recorder<ConfigMap>();
      informer.addEventHandler(rec.handler);
      factory.start();
      const namespaces = ['default', 'team-a', 'team-b'];
      const write = (step: number) => {
        const ns = namespaces[rng.int(3)];
        const name = `cm-${rng.int(12)}`;
        const op = rng.int(9);
        if (op < 4) admin.create(ns, cm(name, { v: String(step) }, { keep: rng.int(2) ? 'yes' : 'no' }));
        else if (op < 7) {
          const cur = admin.get(ns, name);
          if (cur.ok) admin.update(ns, { ...cur.value, data: { v: String(step) }, metadata: { ...cur.value.metadata, labels: { keep: rng.int(2) ? 'yes' : 'no' } } });
        } else admin.delete(ns, name);
      };
      for (let step = 0; step < 300; step++) {
        if (rng.int(15) === 0) {
          // An apiserver restart; writes land while the informers are disconnected, and history may be compacted.
          cluster.apiserver.closeAllWatches();
          for (let i = rng.int(4); i > 0; i--) write(step);
          if (rng.int(2) === 0) cluster.store.compact(cluster.store.revision);
        } else write(step);
        cluster.advance(rng.int(3) === 0 ? rng.int(5000) : 0);
      }
      cluster.advance(120_000);
      // The run must have exercised re-lists (410s after compaction), not just the happy path.
      const relists = cluster.engine.traffic.recent(100_000).filter((r) => r.from === 'test-manager' && r.verb === 'list').length - 2;
      expect(relists, `seed ${seed}`).toBeGreaterThan(0);
      expect(cacheState(informer), `seed ${seed}`).toEqual(serverState(admin));
      expect(rec.shadow, `seed ${seed}`).toEqual(serverState(admin));
      const kept = admin.list(undefined, { labelSelector: 'keep=yes' });
      if (!kept.ok) throw new Error('list failed');
      expect(cacheState(filtered), `seed ${seed}`).toEqual(new Map(kept.value.items.map((o) => [objectKey(o), o.metadata?.resourceVersion ?? ''])));
    }
  });
});
