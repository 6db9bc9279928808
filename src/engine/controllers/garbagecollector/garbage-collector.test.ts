import { describe, expect, it } from 'vitest';
import { deploymentPath, deploymentYaml, live, pods, replicaSets, workloadCluster } from '../deployment/test-helpers';

type Obj = Record<string, any>;

function del(c: ReturnType<typeof workloadCluster>, path: string, propagationPolicy: string) {
  const res = c.request({ method: 'DELETE', path, body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy } });
  expect(res.status).toBeLessThan(300);
  return res.body as Obj;
}

describe('garbage collector', () => {
  it('background: deleting a Deployment removes its ReplicaSets, then their pods', () => {
    const c = workloadCluster(11);
    c.apply(deploymentYaml('web', 3, 'nginx'));
    c.advance(10_000);
    expect(live(pods(c))).toHaveLength(3);
    del(c, deploymentPath('web'), 'Background');
    expect(c.get('deploy', 'web')).toBeUndefined();
    c.advance(100);
    expect(replicaSets(c)).toHaveLength(0);
    // Pods are deleted gracefully; the (test) kubelet finishes them.
    c.advance(5000);
    expect(pods(c)).toHaveLength(0);
    const gcDeletes = c.engine.traffic.recent().filter((r) => r.from === 'garbage-collector-controller' && r.verb === 'delete');
    expect(gcDeletes.map((r) => r.resource).sort()).toEqual(['pods', 'pods', 'pods', 'replicasets']);
  });

  it('foreground: the Deployment stays (foregroundDeletion) until its ReplicaSet and pods are gone', () => {
    const c = workloadCluster(12, { stopDelayMs: 3000 });
    c.apply(deploymentYaml('web', 2, 'nginx'));
    c.advance(10_000);
    const body = del(c, deploymentPath('web'), 'Foreground');
    expect(body.metadata.finalizers).toEqual(['foregroundDeletion']);
    c.advance(500);
    let d = c.get('deploy', 'web')!;
    expect(d.metadata.deletionTimestamp).toBeDefined();
    const [rs] = replicaSets(c);
    expect(rs.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(pods(c).every((p) => p.metadata.deletionTimestamp)).toBe(true);
    expect(pods(c)).toHaveLength(2);
    c.advance(2000);
    // Pods still terminating: owners wait.
    d = c.get('deploy', 'web')!;
    expect(d).toBeDefined();
    c.advance(2000);
    expect(pods(c)).toHaveLength(0);
    expect(replicaSets(c)).toHaveLength(0);
    expect(c.get('deploy', 'web')).toBeUndefined();
  });

  it('orphan: dependents lose their ownerReference and stay', () => {
    const c = workloadCluster(13);
    c.apply(deploymentYaml('web', 2, 'nginx'));
    c.advance(10_000);
    del(c, deploymentPath('web'), 'Orphan');
    c.advance(1000);
    expect(c.get('deploy', 'web')).toBeUndefined();
    const [rs] = replicaSets(c);
    expect(rs.metadata.ownerReferences ?? []).toEqual([]);
    expect(live(pods(c))).toHaveLength(2);
    c.advance(60_000);
    expect(live(pods(c))).toHaveLength(2);
  });

  it('collects a dependent whose owner never existed, but only after checking the API', () => {
    const c = workloadCluster(14);
    c.apply(`
apiVersion: v1
kind: ConfigMap
metadata:
  name: dangling
  ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: ghost, uid: 00000000-0000-4000-8000-000000000000}]
`);
    c.apply(`
apiVersion: v1
kind: ConfigMap
metadata: {name: owner}
`);
    const owner = c.get('configmap', 'owner')!;
    c.apply(`
apiVersion: v1
kind: ConfigMap
metadata:
  name: kept
  ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: owner, uid: ${owner.metadata.uid}}]
`);
    c.advance(1000);
    expect(c.get('configmap', 'dangling')).toBeUndefined();
    expect(c.get('configmap', 'kept')).toBeDefined();
  });
});
