import { describe, expect, it } from 'vitest';
import { deploymentYaml, workloadCluster } from '../deployment/test-helpers';

type Obj = Record<string, any>;

const CONTROLLERS = ['serviceaccount', 'replicaset', 'deployment', 'garbagecollector', 'namespace'];

describe('namespace controller', () => {
  it('creates namespaces with the kubernetes finalizer in spec.finalizers', () => {
    const c = workloadCluster(21, {}, CONTROLLERS);
    c.apply('apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n');
    expect(c.get('namespace', 'shop', '')!.spec.finalizers).toEqual(['kubernetes']);
  });

  it('empties a deleted namespace, reports what remains, then the namespace disappears', () => {
    const c = workloadCluster(22, { stopDelayMs: 20_000 }, CONTROLLERS);
    c.apply('apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n');
    c.advance(100);
    c.apply(deploymentYaml('web', 2, 'nginx'), { namespace: 'shop' });
    c.apply('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n', { namespace: 'shop' });
    c.advance(10_000);
    expect(c.list('pods', 'shop')).toHaveLength(2);

    const res = c.request({ method: 'DELETE', path: '/api/v1/namespaces/shop' });
    expect(res.status).toBe(200);
    expect((res.body as Obj).status.phase).toBe('Terminating');
    expect((res.body as Obj).metadata.deletionTimestamp).toBeDefined();
    // New content is refused while terminating.
    const refused = c.request({ method: 'POST', path: '/api/v1/namespaces/shop/configmaps', body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } } });
    expect(refused.status).toBe(403);

    c.advance(1000);
    const ns = c.get('namespace', 'shop', '')!;
    expect(ns.status.phase).toBe('Terminating');
    const cond = (type: string) => ns.status.conditions.find((x: Obj) => x.type === type);
    expect(cond('NamespaceDeletionDiscoveryFailure')).toMatchObject({ status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' });
    expect(cond('NamespaceContentRemaining')).toMatchObject({ status: 'True', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: pods. has 2 resource instances' });
    expect(cond('NamespaceFinalizersRemaining')).toMatchObject({ status: 'False', reason: 'ContentHasNoFinalizers' });
    expect(c.list('configmaps', 'shop')).toHaveLength(0);
    expect(c.list('deployments', 'shop')).toHaveLength(0);

    c.advance(60_000);
    expect(c.list('pods', 'shop')).toHaveLength(0);
    expect(c.get('namespace', 'shop', '')).toBeUndefined();
  });
});
