import { describe, expect, it } from 'vitest';
import type { ConfigMap, Pod } from 'kubernetes-types/core/v1';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { Cluster } from '../cluster';
import { Controller } from './controller';
import { DecisionLog } from './decision-log';
import { enqueueForOwner } from './event-mappers';
import { SharedInformerFactory } from './informer-factory';
import { splitKey } from './object-keys';
import { KubeClient } from './rest-client';
import { isNotFound } from './api-result';

const CM = { group: '', version: 'v1', resource: 'configmaps' };

const cm = (name: string, labels?: Record<string, string>): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(labels ? { labels } : {}) },
  data: { k: 'v' },
});

/** A tiny controller: every ConfigMap must carry `managed-by=labeler`. Reads the cache, writes through the API. */
function labeler(seed = 5) {
  const cluster = new Cluster({ seed, bare: true, controllers: ['serviceaccount'] });
  const process = new KubeClient(cluster.apiserver, cluster.registry, 'kube-controller-manager');
  const factory = new SharedInformerFactory(cluster.engine, process, { freezeObjects: true });
  const informer = factory.informerFor<ConfigMap>(CM);
  const configMaps = process.as('labeler-controller').resource<ConfigMap>(CM);
  const log = new DecisionLog(100);
  const controller = new Controller(
    cluster.engine,
    'labeler-controller',
    {
      reconcile(key) {
        const { namespace, name } = splitKey(key);
        const cached = informer.lister.namespace(namespace).get(name);
        if (!cached) return { note: 'gone' };
        if (cached.metadata?.labels?.['managed-by'] === 'labeler') return { note: 'already labelled' };
        const copy = structuredClone(cached);
        copy.metadata = { ...copy.metadata, labels: { ...copy.metadata?.labels, 'managed-by': 'labeler' } };
        const res = configMaps.update(namespace, copy);
        if (!res.ok) return { error: res.status.message };
        return { note: 'labelled' };
      },
    },
    { decisionLog: log },
  ).watches(informer);
  const admin = new KubeClient(cluster.apiserver, cluster.registry, 'admin').resource<ConfigMap>(CM);
  return { cluster, controller, informer, admin, log, factory };
}

describe('Controller', () => {
  it('reconciles every ConfigMap through the API, then stops once converged', () => {
    const { cluster, controller, admin, log } = labeler();
    admin.create('default', cm('a'));
    admin.create('default', cm('b', { team: 'x' }));
    admin.create('kube-system', cm('c', { 'managed-by': 'labeler' }));
    controller.start();
    cluster.advance(1000);
    const all = admin.list();
    if (!all.ok) throw new Error('list failed');
    expect(all.value.items.map((o) => o.metadata?.labels?.['managed-by'])).toEqual(['labeler', 'labeler', 'labeler']);
    expect(all.value.items.find((o) => o.metadata?.name === 'b')?.metadata?.labels?.team).toBe('x');
    // a and b were labelled, then their own updates came back through the watch and found nothing to do.
    expect(log.recent().map((d) => `${d.key}: ${d.note}`)).toEqual([
      'default/a: labelled',
      'default/b: labelled',
      'kube-system/c: already labelled',
      'default/a: already labelled',
      'default/b: already labelled',
    ]);
    // Converged: nothing queued, no timers pending for the controller, no more writes however long we wait.
    const writes = () => cluster.engine.traffic.recent().filter((r) => r.from === 'labeler-controller').length;
    const before = writes();
    cluster.advance(600_000);
    expect(writes()).toBe(before);
    expect(controller.queue.len()).toBe(0);
    expect(log.recent()).toHaveLength(5);

    // A new object is picked up from the watch.
    admin.create('default', cm('late'));
    cluster.advance(1000);
    expect(admin.get('default', 'late')).toMatchObject({ ok: true, value: { metadata: { labels: { 'managed-by': 'labeler' } } } });
  });

  it('does not reconcile before its informers have synced, and each reconcile is one clock event', () => {
    const { cluster, controller, admin, log } = labeler();
    admin.create('default', cm('a'));
    admin.create('default', cm('b'));
    controller.start();
    expect(log.recent()).toHaveLength(0);
    cluster.engine.step(); // the informer's list
    expect(controller.hasSynced).toBe(true);
    expect(log.recent()).toHaveLength(0);
    // From here on, every clock event runs at most one reconcile (watch deliveries interleave with them).
    // Step one event at a time through the next second (bounded: a cluster with periodic components never idles).
    const counts: number[] = [];
    const horizon = cluster.now() + 1000;
    while ((cluster.engine.clock.peekTime() ?? Infinity) <= horizon && cluster.engine.step()) counts.push(log.recent().length);
    expect(counts.length).toBeGreaterThanOrEqual(4);
    expect(counts.every((n, i) => n - (counts[i - 1] ?? 0) <= 1)).toBe(true);
    expect(log.recent().map((d) => d.key)).toEqual(['default/a', 'default/b', 'default/a', 'default/b']);
  });

  it('retries failures with per-key exponential backoff and records each decision', () => {
    const cluster = new Cluster({ seed: 9, bare: true, controllers: ['serviceaccount'] });
    const client = new KubeClient(cluster.apiserver, cluster.registry, 'kcm');
    const factory = new SharedInformerFactory(cluster.engine, client);
    const informer = factory.informerFor<ConfigMap>(CM);
    let attempts = 0;
    const controller = new Controller(cluster.engine, 'flaky', {
      reconcile: () => (++attempts < 4 ? { error: 'etcdserver: request timed out' } : { note: 'ok' }),
    }).watches(informer);
    client.resource<ConfigMap>(CM).create('default', cm('a'));
    controller.start();
    cluster.advance(1000);
    const decisions = controller.decisions.recent();
    expect(decisions.map((d) => d.outcome)).toEqual(['error', 'error', 'error', 'done']);
    const gaps = decisions.slice(1).map((d, i) => d.t - decisions[i].t);
    expect(gaps).toEqual([5, 10, 20]);
    expect(decisions.map((d) => d.requeues)).toEqual([0, 1, 2, 3]);
    expect(controller.queue.numRequeues('default/a')).toBe(0);
  });

  it('requeues after a delay, and recovers a throwing reconciler into an error', () => {
    const cluster = new Cluster({ seed: 9, bare: true, controllers: ['serviceaccount'] });
    const client = new KubeClient(cluster.apiserver, cluster.registry, 'kcm');
    const informer = new SharedInformerFactory(cluster.engine, client).informerFor<ConfigMap>(CM);
    let n = 0;
    const controller = new Controller(cluster.engine, 'timer', {
      reconcile: () => {
        n++;
        if (n === 2) throw new Error('boom');
        return n < 4 ? { requeueAfter: 30_000 } : {};
      },
    }).watches(informer);
    client.resource<ConfigMap>(CM).create('default', cm('a'));
    controller.start();
    cluster.advance(100_000);
    const d = controller.decisions.recent();
    expect(d.map((x) => x.outcome)).toEqual(['requeue-after', 'error', 'requeue-after', 'done']);
    expect(d[1].note).toBe('panic: boom [recovered]');
    expect(d[1].t - d[0].t).toBe(30_000);
    expect(d[2].t - d[1].t).toBe(5);
  });

  it('maps dependents to their controller owner (EnqueueRequestForOwner)', () => {
    const cluster = new Cluster({ seed: 11, bare: true, controllers: ['serviceaccount'] });
    const client = new KubeClient(cluster.apiserver, cluster.registry, 'kcm');
    const factory = new SharedInformerFactory(cluster.engine, client);
    const rsInformer = factory.informerFor<ReplicaSet>({ group: 'apps', version: 'v1', resource: 'replicasets' });
    const podInformer = factory.informerFor<Pod>({ group: '', version: 'v1', resource: 'pods' });
    const keys: string[] = [];
    const controller = new Controller(cluster.engine, 'replicaset-controller', {
      reconcile: (key) => {
        keys.push(key);
        return {};
      },
    })
      .watches(rsInformer)
      .watches(podInformer, enqueueForOwner<Pod>('ReplicaSet', 'apps/v1'));
    controller.start();
    cluster.advance(1);
    const pods = client.resource<Pod>({ group: '', version: 'v1', resource: 'pods' });
    const pod = (name: string, owner?: string): Pod => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, ownerReferences: owner ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: 'u1', controller: true }] : undefined },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
    pods.create('default', pod('owned', 'web-abc'));
    pods.create('default', pod('orphan'));
    cluster.advance(1);
    expect(keys).toEqual(['default/web-abc']);
    const del = pods.delete('default', 'owned', { gracePeriodSeconds: 0 });
    expect(del.ok).toBe(true);
    cluster.advance(1);
    expect(keys).toEqual(['default/web-abc', 'default/web-abc']);
    const gone = pods.get('default', 'owned');
    expect(!gone.ok && isNotFound(gone.status)).toBe(true);
  });

  it('keeps the decision log bounded', () => {
    const log = new DecisionLog(10);
    for (let i = 0; i < 100; i++) log.record({ controller: 'c', key: `k${i}`, t: i, result: {}, outcome: 'done', requeues: 0 });
    expect(log.recent()).toHaveLength(10);
    expect(log.recent()[9].key).toBe('k99');
    expect(log.recent()[0].seq).toBe(91);
  });
});
