import { describe, expect, it } from 'vitest';
import { Engine } from '../engine';
import { Store } from '../store/store';
import { ApiServer } from './apiserver';
import { kubernetesRegistry } from './registry';
import type { ApiRequest, WatchEvent } from './types';

type Obj = Record<string, any>;

/** A bare apiserver (no admission chain): the generic REST machinery alone. */
function setup() {
  const engine = new Engine({ seed: 7 });
  const store = new Store();
  const api = new ApiServer(engine, { registry: kubernetesRegistry(), store });
  const call = (req: Omit<ApiRequest, 'client'>) => api.request({ client: 'test', ...req });
  for (const name of ['default', 'kube-system']) {
    call({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } });
  }
  return { engine, store, api, call };
}

const cm = (name: string, data: Record<string, string> = {}, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(labels ? { labels } : {}) },
  data,
});

const deployment = (name: string, replicas = 1) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  },
});

describe('kube-apiserver CRUD', () => {
  it('creates with uid, creationTimestamp and resourceVersion, and reads it back', () => {
    const { call } = setup();
    const res = call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('a', { k: 'v' }) });
    expect(res.status).toBe(201);
    const obj = res.body as Obj;
    expect(obj.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(obj.metadata.creationTimestamp).toBe('2025-01-01T00:00:00Z');
    expect(obj.metadata.namespace).toBe('default');
    expect(Number(obj.metadata.resourceVersion)).toBeGreaterThan(0);
    const got = call({ method: 'GET', path: '/api/v1/namespaces/default/configmaps/a' });
    expect(got.status).toBe(200);
    expect((got.body as Obj).data).toEqual({ k: 'v' });
    expect((got.body as Obj).kind).toBe('ConfigMap');
  });

  it('answers 404 NotFound and 409 AlreadyExists with upstream Status bodies', () => {
    const { call } = setup();
    const missing = call({ method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/nope' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'NotFound',
      code: 404,
      message: 'deployments.apps "nope" not found',
      details: { name: 'nope', group: 'apps', kind: 'deployments' },
    });
    call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('a') });
    const again = call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('a') });
    expect(again.status).toBe(409);
    expect((again.body as Obj).reason).toBe('AlreadyExists');
    expect((again.body as Obj).message).toBe('configmaps "a" already exists');
  });

  it('fills generateName from the seeded RNG', () => {
    const { call } = setup();
    const res = call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'web-' } } });
    expect(res.status).toBe(201);
    expect((res.body as Obj).metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('refuses a create in a missing namespace, a wrong kind, a namespace mismatch and a non-object body', () => {
    const { call } = setup();
    const noNs = call({ method: 'POST', path: '/api/v1/namespaces/nowhere/configmaps', body: cm('a') });
    expect(noNs.status).toBe(404);
    expect((noNs.body as Obj).message).toBe('namespaces "nowhere" not found');
    const wrongKind = call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { ...cm('a'), kind: 'Secret' } });
    expect(wrongKind.status).toBe(400);
    const mismatch = call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { ...cm('a'), metadata: { name: 'a', namespace: 'kube-system' } } });
    expect(mismatch.status).toBe(400);
    expect((mismatch.body as Obj).message).toBe('the namespace of the provided object does not match the namespace sent on the request');
    const garbage = call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: '{not json' });
    expect(garbage.status).toBe(400);
    expect((garbage.body as Obj).kind).toBe('Status');
  });

  it('answers 404 for unknown paths and refuses versions 1.32 no longer serves', () => {
    const { call } = setup();
    for (const path of ['/apis/extensions/v1beta1/namespaces/default/deployments', '/apis/apps/v1beta2/deployments', '/apis/batch/v1beta1/cronjobs', '/api/v1/frobs', '/apis/policy/v1beta1/podsecuritypolicies']) {
      const res = call({ method: 'GET', path });
      expect(res.status, path).toBe(404);
      expect((res.body as Obj).message).toBe('the server could not find the requested resource');
    }
    const version = call({ method: 'GET', path: '/version' });
    expect((version.body as Obj).gitVersion).toMatch(/^v1\.32\./);
  });

  it('updates with optimistic concurrency: a stale resourceVersion gets 409 Conflict', () => {
    const { call } = setup();
    const created = call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('a', { k: '1' }) }).body as Obj;
    const first = call({ method: 'PUT', path: '/api/v1/namespaces/default/configmaps/a', body: { ...created, data: { k: '2' } } });
    expect(first.status).toBe(200);
    expect((first.body as Obj).metadata.resourceVersion).not.toBe(created.metadata.resourceVersion);
    const stale = call({ method: 'PUT', path: '/api/v1/namespaces/default/configmaps/a', body: { ...created, data: { k: '3' } } });
    expect(stale.status).toBe(409);
    expect((stale.body as Obj).message).toBe(
      'Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again',
    );
    expect((stale.body as Obj).reason).toBe('Conflict');
  });

  it('bumps generation on spec changes only, and keeps status out of main-resource updates', () => {
    const { call } = setup();
    const d = call({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: { ...deployment('web'), status: { replicas: 9 } } }).body as Obj;
    expect(d.metadata.generation).toBe(1);
    expect(d.status).toBeUndefined();
    const labelled = call({ method: 'PUT', path: '/apis/apps/v1/namespaces/default/deployments/web', body: { ...d, metadata: { ...d.metadata, labels: { x: 'y' } } } }).body as Obj;
    expect(labelled.metadata.generation).toBe(1);
    const scaled = call({ method: 'PUT', path: '/apis/apps/v1/namespaces/default/deployments/web', body: { ...labelled, spec: { ...labelled.spec, replicas: 3 }, status: { replicas: 5 } } }).body as Obj;
    expect(scaled.metadata.generation).toBe(2);
    expect(scaled.status).toBeUndefined();
    const status = call({ method: 'PUT', path: '/apis/apps/v1/namespaces/default/deployments/web/status', body: { ...scaled, spec: { ...scaled.spec, replicas: 10 }, status: { replicas: 3, observedGeneration: 2 } } });
    expect(status.status).toBe(200);
    expect((status.body as Obj).spec.replicas).toBe(3);
    expect((status.body as Obj).status).toEqual({ replicas: 3, observedGeneration: 2 });
    expect((status.body as Obj).metadata.generation).toBe(2);
  });

  it('serves the scale subresource as autoscaling/v1 Scale', () => {
    const { call } = setup();
    call({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment('web', 2) });
    const scale = call({ method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/web/scale' }).body as Obj;
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 2 }, status: { selector: 'app=web' } });
    const put = call({ method: 'PUT', path: '/apis/apps/v1/namespaces/default/deployments/web/scale', body: { ...scale, spec: { replicas: 5 } } });
    expect(put.status).toBe(200);
    expect(call({ method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/web' }).body).toMatchObject({ spec: { replicas: 5 }, metadata: { generation: 2 } });
    const negative = call({ method: 'PUT', path: '/apis/apps/v1/namespaces/default/deployments/web/scale', body: { ...scale, metadata: {}, spec: { replicas: -1 } } });
    expect(negative.status).toBe(422);
    expect((negative.body as Obj).message).toBe('Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });
});

describe('kube-apiserver lists and selectors', () => {
  it('filters by label selector (equality and set-based) and field selector', () => {
    const { call } = setup();
    call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('a', {}, { app: 'web', tier: 'fe' }) });
    call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('b', {}, { app: 'db' }) });
    call({ method: 'POST', path: '/api/v1/namespaces/kube-system/configmaps', body: cm('c', {}, { app: 'web' }) });
    const names = (q: Record<string, string>, path = '/api/v1/configmaps') =>
      ((call({ method: 'GET', path, query: q }).body as Obj).items as Obj[]).map((o) => o.metadata.name);
    expect(names({ labelSelector: 'app=web' })).toEqual(['a', 'c']);
    expect(names({ labelSelector: 'app in (web,db),tier' })).toEqual(['a']);
    expect(names({ labelSelector: 'app!=web' })).toEqual(['b']);
    expect(names({ labelSelector: '!tier' })).toEqual(['b', 'c']);
    expect(names({ fieldSelector: 'metadata.namespace=kube-system' })).toEqual(['c']);
    expect(names({ fieldSelector: 'metadata.name!=a' }, '/api/v1/namespaces/default/configmaps')).toEqual(['b']);
    const bad = call({ method: 'GET', path: '/api/v1/configmaps', query: { fieldSelector: 'spec.foo=bar' } });
    expect(bad.status).toBe(400);
    const badLabels = call({ method: 'GET', path: '/api/v1/configmaps', query: { labelSelector: 'app in (web' } });
    expect(badLabels.status).toBe(400);
  });

  it('pages with limit and continue, and list items carry no kind', () => {
    const { call } = setup();
    for (let i = 0; i < 5; i++) call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm(`cm-${i}`) });
    const first = call({ method: 'GET', path: '/api/v1/namespaces/default/configmaps', query: { limit: '2' } }).body as Obj;
    expect(first.kind).toBe('ConfigMapList');
    expect(first.items.map((o: Obj) => o.metadata.name)).toEqual(['cm-0', 'cm-1']);
    expect(first.items[0].kind).toBeUndefined();
    expect(first.metadata.remainingItemCount).toBe(3);
    const second = call({ method: 'GET', path: '/api/v1/namespaces/default/configmaps', query: { limit: '2', continue: first.metadata.continue } }).body as Obj;
    expect(second.items.map((o: Obj) => o.metadata.name)).toEqual(['cm-2', 'cm-3']);
    const third = call({ method: 'GET', path: '/api/v1/namespaces/default/configmaps', query: { limit: '2', continue: second.metadata.continue } }).body as Obj;
    expect(third.items.map((o: Obj) => o.metadata.name)).toEqual(['cm-4']);
    expect(third.metadata.continue).toBeUndefined();
  });
});

describe('kube-apiserver deletion', () => {
  it('keeps an object with finalizers until they are removed', () => {
    const { call } = setup();
    call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { ...cm('f'), metadata: { name: 'f', finalizers: ['example.com/hold'] } } });
    const del = call({ method: 'DELETE', path: '/api/v1/namespaces/default/configmaps/f' });
    expect(del.status).toBeLessThan(300);
    const held = call({ method: 'GET', path: '/api/v1/namespaces/default/configmaps/f' }).body as Obj;
    expect(held.metadata.deletionTimestamp).toBe('2025-01-01T00:00:00Z');
    const released = call({ method: 'PUT', path: '/api/v1/namespaces/default/configmaps/f', body: { ...held, metadata: { ...held.metadata, finalizers: [] } } });
    expect(released.status).toBe(200);
    expect(call({ method: 'GET', path: '/api/v1/namespaces/default/configmaps/f' }).status).toBe(404);
  });

  it('turns propagationPolicy into the orphan and foregroundDeletion finalizers', () => {
    const { call } = setup();
    call({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment('fg') });
    call({ method: 'DELETE', path: '/apis/apps/v1/namespaces/default/deployments/fg', body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground' } });
    expect((call({ method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/fg' }).body as Obj).metadata.finalizers).toEqual(['foregroundDeletion']);
    call({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment('or') });
    call({ method: 'DELETE', path: '/apis/apps/v1/namespaces/default/deployments/or', query: { propagationPolicy: 'Orphan' } });
    expect((call({ method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/or' }).body as Obj).metadata.finalizers).toEqual(['orphan']);
  });

  it('deletes a scheduled pod gracefully and an unscheduled one at once', () => {
    const { call } = setup();
    const pod = (name: string, nodeName?: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName, containers: [{ name: 'c', image: 'nginx' }] } });
    call({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('running', 'worker-1') });
    call({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: pod('pending') });
    call({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/running' });
    const terminating = call({ method: 'GET', path: '/api/v1/namespaces/default/pods/running' }).body as Obj;
    expect(terminating.metadata.deletionTimestamp).toBe('2025-01-01T00:00:30Z');
    expect(terminating.metadata.deletionGracePeriodSeconds).toBe(30);
    call({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/pending' });
    expect(call({ method: 'GET', path: '/api/v1/namespaces/default/pods/pending' }).status).toBe(404);
    call({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/running', query: { gracePeriodSeconds: '0' } });
    expect(call({ method: 'GET', path: '/api/v1/namespaces/default/pods/running' }).status).toBe(404);
  });

  it('honours uid and resourceVersion preconditions', () => {
    const { call } = setup();
    call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('p') });
    const res = call({ method: 'DELETE', path: '/api/v1/namespaces/default/configmaps/p', body: { preconditions: { uid: 'nope' } } });
    expect(res.status).toBe(409);
    expect((res.body as Obj).message).toContain('Precondition failed: UID in precondition: nope');
  });
});

describe('kube-apiserver watch', () => {
  function collect(api: ApiServer, req: Omit<ApiRequest, 'client' | 'method'>) {
    const events: WatchEvent[] = [];
    let closed = false;
    const handle = api.watch({ method: 'GET', client: 'watcher', ...req }, (e) => events.push(e), () => (closed = true));
    return { events, handle, closed: () => closed };
  }

  it('delivers ADDED/MODIFIED/DELETED on the clock, never during the call', () => {
    const { engine, api, call } = setup();
    const w = collect(api, { path: '/api/v1/namespaces/default/configmaps', query: { watch: 'true' } });
    const created = call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('a') }).body as Obj;
    expect(w.events).toEqual([]);
    engine.runUntilIdle();
    call({ method: 'PUT', path: '/api/v1/namespaces/default/configmaps/a', body: { ...created, data: { x: '1' } } });
    call({ method: 'DELETE', path: '/api/v1/namespaces/default/configmaps/a' });
    engine.runUntilIdle();
    expect(w.events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect((w.events[1].object as Obj).data).toEqual({ x: '1' });
  });

  it('resumes from a resourceVersion and answers 410 Expired from before compaction', () => {
    const { engine, store, api, call } = setup();
    const a = call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('a') }).body as Obj;
    call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('b') });
    call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('c') });
    const resumed = collect(api, { path: '/api/v1/namespaces/default/configmaps', query: { watch: 'true', resourceVersion: a.metadata.resourceVersion } });
    engine.runUntilIdle();
    expect(resumed.events.map((e) => (e.object as Obj).metadata.name)).toEqual(['b', 'c']);
    store.compact(store.revision);
    const expired = collect(api, { path: '/api/v1/namespaces/default/configmaps', query: { watch: 'true', resourceVersion: a.metadata.resourceVersion } });
    engine.runUntilIdle();
    expect(expired.events).toHaveLength(1);
    expect(expired.events[0].type).toBe('ERROR');
    expect(expired.events[0].object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    expect(expired.closed()).toBe(true);
  });

  it('filters by label selector, turning label changes into ADDED and DELETED', () => {
    const { engine, api, call } = setup();
    const w = collect(api, { path: '/api/v1/configmaps', query: { watch: 'true', labelSelector: 'app=web' } });
    const obj = call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('a', {}, { app: 'db' }) }).body as Obj;
    const relabelled = call({ method: 'PUT', path: '/api/v1/namespaces/default/configmaps/a', body: { ...obj, metadata: { ...obj.metadata, labels: { app: 'web' } } } }).body as Obj;
    call({ method: 'PUT', path: '/api/v1/namespaces/default/configmaps/a', body: { ...relabelled, metadata: { ...relabelled.metadata, labels: { app: 'db' } } } });
    engine.runUntilIdle();
    expect(w.events.map((e) => e.type)).toEqual(['ADDED', 'DELETED']);
  });

  it('sends BOOKMARKs with the current resourceVersion to watchers whose events were filtered out, then lets the clock idle', () => {
    const { engine, store, api, call } = setup();
    const w = collect(api, { path: '/api/v1/namespaces/default/configmaps', query: { watch: 'true', labelSelector: 'app=web', allowWatchBookmarks: 'true' } });
    const plain = collect(api, { path: '/api/v1/namespaces/default/configmaps', query: { watch: 'true', labelSelector: 'app=web' } });
    call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('other', {}, { app: 'db' }) });
    engine.advance(59_000);
    expect(w.events).toEqual([]);
    engine.advance(1_000);
    expect(w.events).toEqual([{ type: 'BOOKMARK', object: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: String(store.revision) } } }]);
    expect(plain.events).toEqual([]);
    // Nothing changed since: no more bookmarks are due, and the clock goes idle.
    engine.runUntilIdle();
    expect(engine.clock.peekTime()).toBeUndefined();
    expect(w.events).toHaveLength(1);
  });

  it('streams a watch-list: initial ADDED events, then a BOOKMARK marking their end (sendInitialEvents)', () => {
    const { engine, store, api, call } = setup();
    call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('a') });
    call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('b') });
    const query = { watch: 'true', sendInitialEvents: 'true', resourceVersionMatch: 'NotOlderThan', allowWatchBookmarks: 'true' };
    const w = collect(api, { path: '/api/v1/namespaces/default/configmaps', query });
    engine.runUntilIdle();
    expect(w.events.map((e) => e.type)).toEqual(['ADDED', 'ADDED', 'BOOKMARK']);
    expect((w.events[2].object as Obj).metadata).toEqual({ resourceVersion: String(store.revision), annotations: { 'k8s.io/initial-events-end': 'true' } });

    const bad = api.watch({ method: 'GET', client: 'watcher', path: '/api/v1/namespaces/default/configmaps', query: { watch: 'true', sendInitialEvents: 'true' } }, () => {});
    expect(bad).toMatchObject({
      status: 422,
      body: { reason: 'Invalid', message: 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan' },
    });
  });

  it('routes pod events to a kubelet-style spec.nodeName watch', () => {
    const { engine, api, call } = setup();
    const w1 = collect(api, { path: '/api/v1/pods', query: { watch: 'true', fieldSelector: 'spec.nodeName=worker-1' } });
    const w2 = collect(api, { path: '/api/v1/pods', query: { watch: 'true', fieldSelector: 'spec.nodeName=worker-2' } });
    call({ method: 'POST', path: '/api/v1/namespaces/default/pods', body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } });
    const bound = call({ method: 'POST', path: '/api/v1/namespaces/default/pods/p/binding', body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p' }, target: { kind: 'Node', name: 'worker-1' } } });
    expect(bound.status).toBe(201);
    const again = call({ method: 'POST', path: '/api/v1/namespaces/default/pods/p/binding', body: { target: { kind: 'Node', name: 'worker-2' } } });
    expect(again.status).toBe(409);
    expect((again.body as Obj).message).toBe('Operation cannot be fulfilled on pods "p": pod p is already assigned to node "worker-1"');
    engine.runUntilIdle();
    expect(w1.events.map((e) => e.type)).toEqual(['ADDED']);
    expect(w2.events).toEqual([]);
  });

  it('records every request and watch notification as traffic', () => {
    const { engine, api, call } = setup();
    collect(api, { path: '/api/v1/namespaces/default/configmaps', query: { watch: 'true' } });
    call({ method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: cm('t') });
    engine.runUntilIdle();
    const recent = engine.traffic.recent();
    expect(recent.some((r) => r.kind === 'request' && r.verb === 'create' && r.resource === 'configmaps' && r.name === undefined && r.status === 201)).toBe(true);
    expect(recent.some((r) => r.kind === 'store' && r.to === 'etcd' && r.verb === 'put')).toBe(true);
    expect(recent.some((r) => r.kind === 'watch' && r.verb === 'ADDED' && r.to === 'watcher' && r.name === 't')).toBe(true);
  });
});

describe('service allocation', () => {
  const svc = (name: string, spec: Obj = {}) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec } });

  it('allocates ClusterIPs from 10.96.0.0/12 and NodePorts from 30000-32767, never twice', () => {
    const { call } = setup();
    const ips = new Set<string>();
    const ports = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const res = call({ method: 'POST', path: '/api/v1/namespaces/default/services', body: svc(`s${i}`, { type: 'NodePort' }) });
      expect(res.status).toBe(201);
      const spec = (res.body as Obj).spec;
      expect(spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
      expect(spec.clusterIPs).toEqual([spec.clusterIP]);
      ips.add(spec.clusterIP);
      const nodePort = spec.ports[0].nodePort;
      expect(nodePort).toBeGreaterThanOrEqual(30000);
      expect(nodePort).toBeLessThanOrEqual(32767);
      ports.add(nodePort);
    }
    expect(ips.size).toBe(20);
    expect(ports.size).toBe(20);
  });

  it('honours a requested ClusterIP once and refuses it the second time', () => {
    const { call } = setup();
    expect(call({ method: 'POST', path: '/api/v1/namespaces/default/services', body: svc('dns', { clusterIP: '10.96.0.10' }) }).status).toBe(201);
    const dup = call({ method: 'POST', path: '/api/v1/namespaces/default/services', body: svc('dns2', { clusterIP: '10.96.0.10' }) });
    expect(dup.status).toBe(422);
    expect((dup.body as Obj).message).toBe('Service "dns2" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated');
    const headless = call({ method: 'POST', path: '/api/v1/namespaces/default/services', body: svc('h', { clusterIP: 'None' }) });
    expect((headless.body as Obj).spec.clusterIP).toBe('None');
  });
});

describe('Table responses for kubectl get', () => {
  it('answers as=Table with the printer columns and PartialObjectMetadata rows', () => {
    const { call, engine } = setup();
    call({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment('web', 3) });
    engine.advance(90_000);
    const res = call({
      method: 'GET',
      path: '/apis/apps/v1/namespaces/default/deployments',
      headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json' },
    });
    const table = res.body as Obj;
    expect(table.kind).toBe('Table');
    expect(table.columnDefinitions.map((c: Obj) => c.name)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']);
    expect(table.columnDefinitions[0]).toMatchObject({ type: 'string', format: 'name' });
    expect(table.rows[0].cells.slice(0, 5)).toEqual(['web', '0/3', 0, 0, '90s']);
    expect(table.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'web' } });
  });
});
