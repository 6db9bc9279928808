import { describe, expect, it } from 'vitest';
import type { ConfigMap, Node, Pod } from 'kubernetes-types/core/v1';
import type { Deployment } from 'kubernetes-types/apps/v1';
import { Cluster } from '../cluster';
import type { ApiEndpoint, ApiRequest, WatchEvent } from '../apiserver/types';
import { KubeClient } from './rest-client';
import { isAlreadyExists, isConflict, isNotFound } from './api-result';

/** The real apiserver, with every request the client sends recorded. */
function setup() {
  const cluster = new Cluster({ seed: 21, bare: true, controllers: ['serviceaccount'] });
  const sent: ApiRequest[] = [];
  const endpoint: ApiEndpoint = {
    request: (req) => {
      sent.push(req);
      return cluster.apiserver.request(req);
    },
    watch: (req, onEvent, onClose) => {
      sent.push(req);
      return cluster.apiserver.watch(req, onEvent, onClose);
    },
  };
  const client = new KubeClient(endpoint, cluster.registry, 'deployment-controller');
  return { cluster, client, sent, last: () => sent[sent.length - 1] };
}

function patchEngineWired(): boolean {
  const cluster = new Cluster({ bare: true, controllers: ['serviceaccount'] });
  const cms = new KubeClient(cluster.apiserver, cluster.registry, 'probe').resource<ConfigMap>({ group: '', version: 'v1', resource: 'configmaps' });
  cms.create('default', { metadata: { name: 'probe' } });
  return cms.patch('default', 'probe', 'merge', { data: { a: 'b' } }).ok;
}

const cm = (name: string): ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { k: 'v' } });

const deployment = (name: string): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  },
});

describe('KubeClient', () => {
  it('builds paths as client-go does and attributes traffic to the caller', () => {
    const { cluster, client, last } = setup();
    const cms = client.resource<ConfigMap>({ group: '', version: 'v1', resource: 'configmaps' });
    const deploys = client.forKind<Deployment>('apps/v1', 'Deployment');
    const nodes = client.forKind<Node>('v1', 'Node');
    cms.get('default', 'a');
    expect(last()).toMatchObject({ method: 'GET', path: '/api/v1/namespaces/default/configmaps/a', client: 'deployment-controller' });
    cms.list(undefined, { labelSelector: 'app=web', limit: 10 });
    expect(last()).toMatchObject({ path: '/api/v1/configmaps', query: { labelSelector: 'app=web', limit: '10' } });
    deploys.list('prod');
    expect(last().path).toBe('/apis/apps/v1/namespaces/prod/deployments');
    nodes.get('ignored-namespace', 'worker-1');
    expect(last().path).toBe('/api/v1/nodes/worker-1');
    deploys.create('default', deployment('web'), { dryRun: true, fieldValidation: 'Strict' });
    expect(last()).toMatchObject({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', query: { dryRun: 'All', fieldValidation: 'Strict' }, headers: { 'content-type': 'application/json' } });
    const rec = cluster.engine.traffic.recent().filter((r) => r.kind === 'request').at(-1);
    expect(rec).toMatchObject({ from: 'deployment-controller', verb: 'create', resource: 'deployments', status: 201 });
  });

  it('returns values, and Status failures instead of throwing', () => {
    const { client } = setup();
    const cms = client.resource<ConfigMap>({ group: '', version: 'v1', resource: 'configmaps' });
    const created = cms.create('default', cm('a'));
    if (!created.ok) throw new Error(created.status.message);
    expect(created.value.metadata?.uid).toBeTruthy();
    const dup = cms.create('default', cm('a'));
    expect(dup.ok).toBe(false);
    if (!dup.ok) {
      expect(isAlreadyExists(dup.status)).toBe(true);
      expect(dup.status.message).toBe('configmaps "a" already exists');
    }
    const missing = cms.get('default', 'nope');
    expect(!missing.ok && isNotFound(missing.status)).toBe(true);
    // Optimistic concurrency: a stale resourceVersion is a 409 Conflict.
    const stale = structuredClone(created.value);
    cms.update('default', { ...created.value, data: { k: 'v2' } });
    const conflict = cms.update('default', { ...stale, data: { k: 'v3' } });
    expect(!conflict.ok && isConflict(conflict.status)).toBe(true);
    expect(cms.get('default', '')).toMatchObject({ ok: false, status: { message: 'resource name may not be empty' } });
  });

  it('hands out copies the caller owns', () => {
    const { client } = setup();
    const cms = client.resource<ConfigMap>({ group: '', version: 'v1', resource: 'configmaps' });
    cms.create('default', cm('a'));
    const got = cms.get('default', 'a');
    if (!got.ok) throw new Error('get failed');
    (got.value.data as Record<string, string>).k = 'scribbled';
    expect(cms.get('default', 'a')).toMatchObject({ ok: true, value: { data: { k: 'v' } } });
  });

  it('sends each patch type with the content type kubectl uses', () => {
    const { client, last } = setup();
    const cms = client.resource<ConfigMap>({ group: '', version: 'v1', resource: 'configmaps' });
    cms.patch('default', 'a', 'merge', { data: { extra: '1' } });
    expect(last()).toMatchObject({ method: 'PATCH', path: '/api/v1/namespaces/default/configmaps/a', body: { data: { extra: '1' } } });
    expect(last().headers?.['content-type']).toBe('application/merge-patch+json');
    cms.patch('default', 'a', 'json', [{ op: 'remove', path: '/data/extra' }]);
    expect(last().headers?.['content-type']).toBe('application/json-patch+json');
    cms.patch('default', 'a', 'strategic', { status: { x: 1 } }, { subresource: 'status' });
    expect(last()).toMatchObject({ path: '/api/v1/namespaces/default/configmaps/a/status', headers: { 'content-type': 'application/strategic-merge-patch+json' } });
    cms.patch('default', 'a', 'apply', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }, { fieldManager: 'me', force: true });
    expect(last()).toMatchObject({ query: { fieldManager: 'me', force: 'true' }, headers: { 'content-type': 'application/apply-patch+yaml' } });
    cms.patch('default', 'a', 'merge', {}, { force: true });
    expect(last().query?.force).toBeUndefined(); // force only means something to server-side apply
  });

  // The patch engines plug into the apiserver through its hooks (the lead's room); round-trips run once wired.
  it.skipIf(!patchEngineWired())('merges and JSON-patches through the server', () => {
    const { client } = setup();
    const cms = client.resource<ConfigMap>({ group: '', version: 'v1', resource: 'configmaps' });
    cms.create('default', cm('a'));
    expect(cms.patch('default', 'a', 'merge', { data: { extra: '1' } })).toMatchObject({ ok: true, value: { data: { k: 'v', extra: '1' } } });
    const json = cms.patch('default', 'a', 'json', [{ op: 'remove', path: '/data/extra' }]);
    expect(json.ok && json.value.data).toEqual({ k: 'v' });
    expect(cms.patch('default', 'missing', 'merge', {})).toMatchObject({ ok: false, status: { reason: 'NotFound' } });
  });

  it('updates status and scale through their subresources', () => {
    const { client, last } = setup();
    const deploys = client.forKind<Deployment>('apps/v1', 'Deployment');
    const created = deploys.create('default', deployment('web'));
    if (!created.ok) throw new Error(created.status.message);
    const withStatus = { ...created.value, spec: { ...created.value.spec!, replicas: 9 }, status: { observedGeneration: 1, replicas: 2 } };
    const res = deploys.updateStatus('default', withStatus);
    expect(last()).toMatchObject({ method: 'PUT', path: '/apis/apps/v1/namespaces/default/deployments/web/status' });
    expect(res).toMatchObject({ ok: true, value: { spec: { replicas: 2 }, status: { replicas: 2 } } });
    const scale = deploys.getScale('default', 'web');
    expect(last().path).toBe('/apis/apps/v1/namespaces/default/deployments/web/scale');
    if (!scale.ok) throw new Error(scale.status.message);
    expect(scale.value).toMatchObject({ kind: 'Scale', spec: { replicas: 2 } });
    const scaled = deploys.updateScale('default', 'web', { ...scale.value, spec: { replicas: 5 } });
    expect(scaled).toMatchObject({ ok: true, value: { spec: { replicas: 5 } } });
    expect(deploys.get('default', 'web')).toMatchObject({ ok: true, value: { spec: { replicas: 5 } } });
  });

  it('binds and evicts pods, and deletes with a DeleteOptions body', () => {
    const { client, last } = setup();
    const pods = client.resource<Pod>({ group: '', version: 'v1', resource: 'pods' });
    const pod = (name: string): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    pods.create('default', pod('p1'));
    pods.create('default', pod('p2'));
    const bound = pods.bind('default', { metadata: { name: 'p1' }, target: { apiVersion: 'v1', kind: 'Node', name: 'worker-1' } });
    expect(last()).toMatchObject({ method: 'POST', path: '/api/v1/namespaces/default/pods/p1/binding', body: { kind: 'Binding', target: { name: 'worker-1' } } });
    expect(bound.ok).toBe(true);
    expect(pods.get('default', 'p1')).toMatchObject({ ok: true, value: { spec: { nodeName: 'worker-1' } } });
    const evicted = pods.evict('default', 'p1', { gracePeriodSeconds: 0 });
    expect(last()).toMatchObject({ path: '/api/v1/namespaces/default/pods/p1/eviction', body: { apiVersion: 'policy/v1', kind: 'Eviction', deleteOptions: { gracePeriodSeconds: 0 } } });
    expect(evicted.ok).toBe(true);
    const del = pods.delete('default', 'p2', { gracePeriodSeconds: 0, propagationPolicy: 'Foreground', preconditions: { uid: 'wrong' } });
    expect(last()).toMatchObject({ method: 'DELETE', body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground', gracePeriodSeconds: 0, preconditions: { uid: 'wrong' } } });
    expect(!del.ok && isConflict(del.status)).toBe(true);
  });

  it('watches: events arrive later on the clock, and a refused watch is a Status', () => {
    const { cluster, client, last } = setup();
    const cms = client.resource<ConfigMap>({ group: '', version: 'v1', resource: 'configmaps' });
    const list = cms.list('default');
    if (!list.ok) throw new Error('list failed');
    const events: WatchEvent<ConfigMap>[] = [];
    const handle = cms.watch('default', { resourceVersion: list.value.metadata.resourceVersion, allowWatchBookmarks: true }, (e) => events.push(e));
    expect(handle.ok).toBe(true);
    expect(last()).toMatchObject({ path: '/api/v1/namespaces/default/configmaps', query: { watch: 'true', allowWatchBookmarks: 'true' } });
    cms.create('default', cm('a'));
    expect(events).toHaveLength(0);
    cluster.advance(0);
    expect(events.map((e) => `${e.type} ${e.object.metadata?.name}`)).toEqual(['ADDED a']);
    const bad = cms.watch('default', { labelSelector: '!!bad' }, () => {});
    expect(bad).toMatchObject({ ok: false, status: { code: 400 } });
  });
});
