import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../cluster';
import { FakeNodes } from '../history/fake-node.testing';

const WEB = (extra = '', image = 'nginx:1.27') => `
apiVersion: v1
kind: Service
metadata: {name: nginx}
spec:
  clusterIP: None
  selector: {app: nginx}
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: nginx
  replicas: 3
  selector:
    matchLabels: {app: nginx}
${extra}
  template:
    metadata:
      labels: {app: nginx}
    spec:
      containers:
      - name: nginx
        image: ${image}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
`;

function setup(): { c: Cluster; nodes: FakeNodes; ready: Set<string> } {
  const c = createCluster({ bare: true, controllers: ['serviceaccount', 'statefulset'] });
  // Readiness is in the test's hands: a pod becomes ready when its name is in `ready`.
  const ready = new Set<string>();
  const nodes = new FakeNodes(c, { autoReady: (p) => ready.has(p.metadata!.name!) });
  return { c, nodes, ready };
}

const podNames = (c: Cluster) =>
  c
    .list('pods', 'default')
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((p) => p.metadata.name)
    .sort();
const events = (c: Cluster) =>
  c
    .list('events', 'default')
    .filter((e) => e.involvedObject.kind === 'StatefulSet')
    .map((e) => `${e.reason}: ${e.message}`);

function makeReady(env: ReturnType<typeof setup>, name: string): void {
  env.ready.add(name);
  env.nodes.setReady('default', name, true);
  env.c.advance(0);
}

describe('StatefulSet controller', () => {
  it('creates pods in order, each after its predecessor is Running and Ready, with claims', () => {
    const env = setup();
    const { c } = env;
    c.apply(WEB());
    c.advance(1_000);
    expect(podNames(c)).toEqual(['web-0']);
    const web0 = c.get('pod', 'web-0')!;
    expect(web0.metadata.labels).toMatchObject({ app: 'nginx', 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0' });
    expect(web0.spec.hostname).toBe('web-0');
    expect(web0.spec.subdomain).toBe('nginx');
    expect(web0.spec.volumes).toContainEqual({ name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } });
    const claim = c.get('pvc', 'data-web-0')!;
    expect(claim.metadata.labels).toEqual({ app: 'nginx' });

    c.advance(10_000); // web-0 runs but is not ready: web-1 waits
    expect(podNames(c)).toEqual(['web-0']);
    makeReady(env, 'web-0');
    expect(podNames(c)).toEqual(['web-0', 'web-1']);
    makeReady(env, 'web-1');
    makeReady(env, 'web-2');
    expect(podNames(c)).toEqual(['web-0', 'web-1', 'web-2']);

    const sts = c.get('statefulset', 'web')!;
    expect(sts.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 3, updatedReplicas: 3 });
    expect(sts.status.currentRevision).toBe(sts.status.updateRevision);
    expect(sts.status.currentRevision).toMatch(/^web-[a-z0-9]+$/);
    expect(web0.metadata.labels['controller-revision-hash']).toBe(sts.status.updateRevision);
    const revs = c.list('controllerrevisions', 'default');
    expect(revs.map((r) => [r.metadata.name, r.revision])).toEqual([[sts.status.updateRevision, 1]]);

    expect(events(c)).toEqual(
      expect.arrayContaining([
        'SuccessfulCreate: create Claim data-web-0 Pod web-0 in StatefulSet web success',
        'SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
        'SuccessfulCreate: create Pod web-2 in StatefulSet web successful',
      ]),
    );
  });

  it('scales down highest ordinal first, one at a time, keeping the claims', () => {
    const env = setup();
    const { c } = env;
    for (const n of ['web-0', 'web-1', 'web-2']) env.ready.add(n);
    c.apply(WEB());
    c.advance(1_000);
    expect(podNames(c)).toEqual(['web-0', 'web-1', 'web-2']);
    c.request({ method: 'PATCH', path: '/apis/apps/v1/namespaces/default/statefulsets/web', headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { replicas: 1 } } });
    c.advance(0);
    // web-2 is terminating; web-1 waits for it to be gone.
    expect(podNames(c)).toEqual(['web-0', 'web-1']);
    expect(c.get('pod', 'web-2')!.metadata.deletionTimestamp).toBeDefined();
    c.advance(1_000);
    expect(c.get('pod', 'web-2')).toBeUndefined();
    expect(podNames(c)).toEqual(['web-0']);
    c.advance(1_000);
    expect(c.list('pods', 'default').map((p) => p.metadata.name)).toEqual(['web-0']);
    expect(events(c)).toEqual(expect.arrayContaining(['SuccessfulDelete: delete Pod web-2 in StatefulSet web successful', 'SuccessfulDelete: delete Pod web-1 in StatefulSet web successful']));
    // Retain: the claims stay for a later scale-up.
    expect(c.list('pvc', 'default').map((p) => p.metadata.name).sort()).toEqual(['data-web-0', 'data-web-1', 'data-web-2']);
  });

  it('re-creates a deleted pod with the same name and claim', () => {
    const env = setup();
    const { c } = env;
    for (const n of ['web-0', 'web-1', 'web-2']) env.ready.add(n);
    c.apply(WEB());
    c.advance(1_000);
    const uid = c.get('pod', 'web-1')!.metadata.uid;
    c.request({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/web-1' });
    c.advance(2_000);
    const again = c.get('pod', 'web-1')!;
    expect(again.metadata.uid).not.toBe(uid);
    expect(again.spec.volumes).toContainEqual({ name: 'data', persistentVolumeClaim: { claimName: 'data-web-1' } });
    expect(c.list('pvc', 'default')).toHaveLength(3);
  });

  it('rolls out a new template from the highest ordinal down to the partition', () => {
    const env = setup();
    const { c } = env;
    for (const n of ['web-0', 'web-1', 'web-2']) env.ready.add(n);
    c.apply(WEB('  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate: {partition: 1}'));
    c.advance(1_000);
    const rev1 = c.get('statefulset', 'web')!.status.currentRevision;
    c.apply(WEB('  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate: {partition: 1}', 'nginx:1.28'));
    c.advance(0);
    const rev2 = c.get('statefulset', 'web')!.status.updateRevision;
    expect(rev2).not.toBe(rev1);
    expect(c.get('pod', 'web-2')!.metadata.deletionTimestamp).toBeDefined();
    c.advance(5_000);
    const image = (n: string) => c.get('pod', n)!.spec.containers[0].image;
    expect([image('web-0'), image('web-1'), image('web-2')]).toEqual(['nginx:1.27', 'nginx:1.28', 'nginx:1.28']);
    const sts = c.get('statefulset', 'web')!;
    expect(sts.status).toMatchObject({ currentRevision: rev1, updateRevision: rev2, currentReplicas: 1, updatedReplicas: 2, readyReplicas: 3 });
    expect(c.list('controllerrevisions', 'default').map((r) => r.revision).sort()).toEqual([1, 2]);
    expect(c.get('pod', 'web-2')!.metadata.labels['controller-revision-hash']).toBe(rev2);
  });

  it('Parallel creates all pods at once', () => {
    const env = setup();
    const { c } = env;
    c.apply(WEB('  podManagementPolicy: Parallel'));
    c.advance(1_000);
    expect(podNames(c)).toEqual(['web-0', 'web-1', 'web-2']);
  });
});
