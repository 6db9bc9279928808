import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../cluster';
import { TestKubelet } from './test-kubelet';

type Obj = Record<string, any>;

const rsYaml = (name: string, replicas: number, extra = '') => `
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: ${name}
spec:
  replicas: ${replicas}${extra}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: c
        image: nginx:1.27
`;

function setup(controllers = ['serviceaccount', 'replicaset']): { cluster: Cluster; kubelet: TestKubelet } {
  const cluster = createCluster({ seed: 7, controllers });
  const kubelet = new TestKubelet(cluster);
  return { cluster, kubelet };
}

const events = (c: Cluster, reason?: string) =>
  c
    .list('events', 'default')
    .filter((e) => !reason || e.reason === reason)
    .map((e) => `${e.reason} ${e.message}`);

const activePods = (c: Cluster, selector?: string) => c.list('pods', 'default', selector).filter((p) => !p.metadata.deletionTimestamp);

describe('ReplicaSet controller', () => {
  it('creates replicas in slow-start batches with generated names, owner references and events', () => {
    const { cluster } = setup();
    cluster.apply(rsYaml('web', 7));
    const creations: number[] = [];
    // Watch the pod count after every clock event until the set is satisfied.
    for (let i = 0; i < 200 && activePods(cluster).length < 7; i++) {
      cluster.engine.step();
      creations.push(activePods(cluster).length);
    }
    const pods = activePods(cluster);
    expect(pods).toHaveLength(7);
    // Batches of 1, 2, 4 are issued in one reconcile: never more than 7 pods.
    expect(Math.max(...creations)).toBe(7);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: cluster.get('rs', 'web')!.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    cluster.advance(1000);
    expect(events(cluster, 'SuccessfulCreate').sort()).toEqual(pods.map((p) => `SuccessfulCreate Created pod: ${p.metadata.name}`).sort());
    // Many more events over time never over-create (expectations).
    cluster.advance(60_000);
    expect(activePods(cluster)).toHaveLength(7);
  });

  it('reports replicas, ready and available replicas (minReadySeconds) and observedGeneration', () => {
    const { cluster } = setup();
    cluster.apply(rsYaml('web', 3, '\n  minReadySeconds: 10'));
    cluster.advance(3000);
    let rs = cluster.get('rs', 'web')!;
    expect(rs.status).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 0, observedGeneration: 1 });
    cluster.advance(12_000);
    rs = cluster.get('rs', 'web')!;
    expect(rs.status.availableReplicas).toBe(3);
  });

  it('scales down deleting the most deletable pods first (ranking) with SuccessfulDelete events', () => {
    const { cluster } = setup();
    cluster.apply(rsYaml('web', 4));
    cluster.advance(5000);
    const pods = activePods(cluster);
    expect(pods).toHaveLength(4);
    // Make one pod cheap to delete, and one not ready.
    const [cheap, notReady] = pods;
    cluster.request({
      method: 'PATCH',
      path: `/api/v1/namespaces/default/pods/${cheap.metadata.name}`,
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { metadata: { annotations: { 'controller.kubernetes.io/pod-deletion-cost': '-100' } } },
    });
    const nr = cluster.get('pod', notReady.metadata.name)!;
    nr.status.conditions = nr.status.conditions.map((c: Obj) => (c.type === 'Ready' ? { ...c, status: 'False' } : c));
    cluster.request({ method: 'PUT', path: `/api/v1/namespaces/default/pods/${notReady.metadata.name}/status`, body: nr });
    cluster.advance(100);
    cluster.request({
      method: 'PATCH',
      path: '/apis/apps/v1/namespaces/default/replicasets/web/scale',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { spec: { replicas: 2 } },
    });
    cluster.advance(100);
    const deleted = events(cluster, 'SuccessfulDelete');
    // Not-ready goes before any ready pod; among ready pods the lower deletion cost goes first.
    expect(deleted.sort()).toEqual([`SuccessfulDelete Deleted pod: ${notReady.metadata.name}`, `SuccessfulDelete Deleted pod: ${cheap.metadata.name}`].sort());
    cluster.advance(5000);
    expect(activePods(cluster).map((p) => p.metadata.name).sort()).toEqual(pods.slice(2).map((p) => p.metadata.name).sort());
  });

  it('adopts matching orphans and releases pods whose labels stop matching', () => {
    const { cluster } = setup();
    cluster.apply(`
apiVersion: v1
kind: Pod
metadata: {name: stray, labels: {app: web}}
spec: {containers: [{name: c, image: nginx}]}
`);
    cluster.advance(2000);
    cluster.apply(rsYaml('web', 2));
    cluster.advance(3000);
    const stray = cluster.get('pod', 'stray')!;
    const rs = cluster.get('rs', 'web')!;
    expect(stray.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(activePods(cluster)).toHaveLength(2);
    // Relabel: released (ownerReference removed) and replaced.
    cluster.request({
      method: 'PATCH',
      path: '/api/v1/namespaces/default/pods/stray',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { metadata: { labels: { app: 'other' } } },
    });
    cluster.advance(3000);
    expect(cluster.get('pod', 'stray')!.metadata.ownerReferences ?? []).toEqual([]);
    expect(activePods(cluster, 'app=web')).toHaveLength(2);
  });

  it('records FailedCreate with the apiserver error and a ReplicaFailure condition, cleared once creation works', () => {
    // Without the serviceaccount controller the ServiceAccount admission plugin refuses every pod.
    const { cluster } = setup(['replicaset']);
    cluster.apply(rsYaml('web', 3));
    cluster.advance(2000);
    const failed = events(cluster, 'FailedCreate');
    expect(failed[0]).toMatch(/^FailedCreate Error creating: pods "web-[a-z0-9]{5}" is forbidden: error looking up service account default\/default: serviceaccount "default" not found$/);
    let rs = cluster.get('rs', 'web')!;
    expect(rs.status.conditions).toEqual([
      { type: 'ReplicaFailure', status: 'True', lastTransitionTime: expect.any(String), reason: 'FailedCreate', message: expect.stringContaining('serviceaccount "default" not found') },
    ]);
    // Slow start: the first batch of one failed, so only one creation was attempted per sync.
    // Slow start: each sync stops after its first batch (of one) failed.
    const decisions = cluster.controllerManager.context.decisions.forController('replicaset-controller');
    expect(decisions.length).toBeGreaterThan(1);
    for (const d of decisions) expect(d.result.note).toBe('created 0 of 3 pods');
    cluster.apply('apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default}\n');
    cluster.advance(60_000);
    rs = cluster.get('rs', 'web')!;
    expect(rs.status.replicas).toBe(3);
    expect(rs.status.conditions).toBeUndefined();
  });
});
