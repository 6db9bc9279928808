import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../cluster';
import { FakeNodes } from '../history/fake-node.testing';

/**
 * A Node that has come up Ready: TaintNodesByCondition admission gives every new node the not-ready taint, which
 * the node lifecycle controller lifts once its kubelet reports Ready — done here by hand (test double).
 */
function addNode(c: Cluster, name: string, taints: object[] = []): void {
  c.apply(`apiVersion: v1\nkind: Node\nmetadata:\n  name: ${name}\n  labels: {kubernetes.io/hostname: ${name}}\n`);
  c.request({ method: 'PATCH', path: `/api/v1/nodes/${name}`, headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { taints } } });
}

const DS = (extra = '', image = 'fluentd:1') => `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: logs, namespace: default}
spec:
  selector:
    matchLabels: {app: logs}
${extra}
  template:
    metadata:
      labels: {app: logs}
    spec:
      containers:
      - name: fluentd
        image: ${image}
`;

function setup(startDelayMs = 0): Cluster {
  const c = createCluster({ bare: true, controllers: ['serviceaccount', 'daemonset'] });
  new FakeNodes(c, { startDelayMs });
  addNode(c, 'control-plane', [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
  addNode(c, 'worker-1');
  addNode(c, 'worker-2');
  c.advance(0);
  return c;
}

const live = (c: Cluster) => c.list('pods', 'default').filter((p) => !p.metadata.deletionTimestamp);
const nodesOf = (c: Cluster) => live(c).map((p) => p.spec.nodeName ?? `(pending ${p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0]})`).sort();

describe('DaemonSet controller', () => {
  it('runs one pod per worker, pinned by node affinity, skipping the tainted control plane', () => {
    const c = setup();
    c.apply(DS());
    c.advance(0);
    const pods = live(c);
    expect(pods).toHaveLength(2);
    const pod = pods.find((p) => p.spec.nodeName === 'worker-1')!;
    expect(pod.metadata.name).toMatch(/^logs-[a-z0-9]{5}$/);
    // Created unbound, with an affinity the scheduler honours; the test node double then bound it.
    expect(pod.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual({
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-1'] }] }],
    });
    expect(pod.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    const ds = c.get('daemonset', 'logs', 'default')!;
    expect(pod.metadata.labels).toMatchObject({ app: 'logs', 'pod-template-generation': '1' });
    const rev = c.list('controllerrevisions', 'default')[0];
    expect(rev.metadata.name).toBe(`logs-${pod.metadata.labels['controller-revision-hash']}`);
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2, numberMisscheduled: 0, observedGeneration: 1 });
    const events = c.list('events', 'default').map((e) => `${e.reason}: ${e.message}`);
    expect(events).toContain(`SuccessfulCreate: Created pod: ${pod.metadata.name}`);
  });

  it('runs on the control plane when the template tolerates its taint', () => {
    const c = setup();
    c.apply(DS('', 'fluentd:1').replace('      containers:', '      tolerations:\n      - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}\n      containers:'));
    c.advance(0);
    expect(nodesOf(c)).toEqual(['control-plane', 'worker-1', 'worker-2']);
  });

  it('follows nodes joining, being tainted and leaving', () => {
    const c = setup();
    c.apply(DS());
    c.advance(0);
    addNode(c, 'worker-3');
    c.advance(0);
    expect(nodesOf(c)).toEqual(['worker-1', 'worker-2', 'worker-3']);

    // A NoExecute taint the pod does not tolerate evicts it; NoSchedule would only keep new ones away.
    c.request({
      method: 'PATCH',
      path: '/api/v1/nodes/worker-2',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] } },
    });
    c.advance(2_000);
    expect(nodesOf(c)).toEqual(['worker-1', 'worker-3']);
    c.request({ method: 'PATCH', path: '/api/v1/nodes/worker-3', headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { taints: [{ key: 'x', effect: 'NoSchedule' }] } } });
    c.advance(2_000);
    expect(nodesOf(c)).toEqual(['worker-1', 'worker-3']);
    expect(c.get('daemonset', 'logs', 'default')!.status).toMatchObject({ desiredNumberScheduled: 1, numberMisscheduled: 1 });

    c.request({ method: 'DELETE', path: '/api/v1/nodes/worker-1' });
    c.advance(0);
    const ds = c.get('daemonset', 'logs', 'default')!;
    expect(ds.status.desiredNumberScheduled).toBe(0);
  });

  it('honours nodeSelector', () => {
    const c = setup();
    c.request({ method: 'PATCH', path: '/api/v1/nodes/worker-2', headers: { 'content-type': 'application/merge-patch+json' }, body: { metadata: { labels: { disk: 'ssd' } } } });
    c.apply(DS().replace('      containers:', '      nodeSelector: {disk: ssd}\n      containers:'));
    c.advance(0);
    expect(nodesOf(c)).toEqual(['worker-2']);
  });

  it('rolls a new template out one node at a time (maxUnavailable 1)', () => {
    const c = setup(2_000);
    c.apply(DS());
    c.advance(3_000);
    c.apply(DS('', 'fluentd:2'));
    c.advance(0);
    const images = () => live(c).map((p) => p.spec.containers[0].image).sort();
    // One old pod is deleted; its replacement comes once it is gone.
    expect(live(c).filter((p) => p.spec.containers[0].image === 'fluentd:1')).toHaveLength(1);
    c.advance(10_000);
    expect(images()).toEqual(['fluentd:2', 'fluentd:2']);
    const ds = c.get('daemonset', 'logs', 'default')!;
    expect(ds.status).toMatchObject({ updatedNumberScheduled: 2, numberAvailable: 2, observedGeneration: 2 });
    expect(c.list('controllerrevisions', 'default').map((r) => r.revision).sort()).toEqual([1, 2]);
  });

  it('surges a new pod next to the old one with maxSurge', () => {
    const c = setup(2_000);
    const strategy = '  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}';
    c.apply(DS(strategy));
    c.advance(3_000);
    c.apply(DS(strategy, 'fluentd:2'));
    c.advance(0);
    // A new pod starts next to each old one in turn; the old one goes once the new one is available.
    expect(live(c).map((p) => p.spec.containers[0].image).sort()).toEqual(['fluentd:1', 'fluentd:1', 'fluentd:2']);
    c.advance(10_000);
    expect(live(c).map((p) => p.spec.containers[0].image)).toEqual(['fluentd:2', 'fluentd:2']);
  });

  it('OnDelete replaces a pod only when it is deleted', () => {
    const c = setup();
    const strategy = '  updateStrategy: {type: OnDelete}';
    c.apply(DS(strategy));
    c.advance(1_000);
    c.apply(DS(strategy, 'fluentd:2'));
    c.advance(5_000);
    expect(live(c).map((p) => p.spec.containers[0].image)).toEqual(['fluentd:1', 'fluentd:1']);
    const victim = live(c).find((p) => p.spec.nodeName === 'worker-1')!;
    c.request({ method: 'DELETE', path: `/api/v1/namespaces/default/pods/${victim.metadata.name}` });
    c.advance(5_000);
    const byNode = Object.fromEntries(live(c).map((p) => [p.spec.nodeName, p.spec.containers[0].image]));
    expect(byNode).toEqual({ 'worker-1': 'fluentd:2', 'worker-2': 'fluentd:1' });
  });
});
