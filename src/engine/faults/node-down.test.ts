import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster';

type Obj = Record<string, any>;

const WEB = `
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  replicas: 6
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
`;

const FAULT = (name: string, type: string, node: string) => `
apiVersion: pilothouse.dev/v1alpha1
kind: Fault
metadata:
  name: ${name}
spec:
  type: ${type}
  target:
    kind: Node
    name: ${node}
`;

const ready = (node: Obj | undefined) => node?.status?.conditions?.find((c: Obj) => c.type === 'Ready');
const podsOn = (c: Cluster, node: string) => c.list('pods', 'default', 'app=web').filter((p) => p.spec.nodeName === node);
const running = (c: Cluster) => c.list('pods', 'default', 'app=web').filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);

function bootWithWeb(seed = 3): Cluster {
  const c = createCluster({ seed });
  c.advance(20_000);
  const applied = c.apply(WEB);
  expect([applied.error, ...applied.outcomes.map((o) => o.error)].filter(Boolean)).toEqual([]);
  c.advance(30_000);
  return c;
}

describe('NodeDown fault, end to end (real kubelets, scheduler and controllers)', () => {
  it('node goes Unknown after the 50 s grace period, is tainted, its pods are evicted after 300 s and replaced', () => {
    const c = bootWithWeb();
    expect(running(c)).toHaveLength(6);
    const victims = podsOn(c, 'worker-2').map((p) => p.metadata.name);
    expect(victims.length).toBeGreaterThan(0);
    expect(ready(c.get('node', 'worker-2'))?.status).toBe('True');

    c.apply(FAULT('f1', 'NodeDown', 'worker-2'));
    const t0 = c.now();
    c.advance(1000);
    const fault = c.get('fault.pilothouse.dev', 'f1', '')!;
    expect(fault.status.conditions).toEqual([expect.objectContaining({ type: 'Active', status: 'True', reason: 'Injected' })]);
    expect(fault.status.activeSince).toBeDefined();

    // Nothing happens within the grace period (heartbeats renew every 10 s, the controller looks every 5 s).
    c.advance(t0 + 49_000 - c.now());
    expect(ready(c.get('node', 'worker-2'))?.status).toBe('True');
    c.advance(t0 + 66_000 - c.now());
    const node = c.get('node', 'worker-2')!;
    expect(ready(node)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      expect(node.status.conditions.find((x: Obj) => x.type === type)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown' });
    }
    const taints = node.spec.taints.map((t: Obj) => `${t.key}:${t.effect}`);
    expect(taints).toEqual(expect.arrayContaining(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']));
    // Its pods are marked not ready, with events on the node and the pods.
    for (const p of podsOn(c, 'worker-2')) expect(p.status.conditions.find((x: Obj) => x.type === 'Ready').status).toBe('False');
    const events = c.list('events', 'default').concat(c.list('events'));
    expect(events.some((e) => e.reason === 'NodeNotReady' && e.message === 'Node worker-2 status is now: NodeNotReady')).toBe(true);
    expect(events.some((e) => e.reason === 'NodeNotReady' && e.message === 'Node is not ready' && victims.includes(e.involvedObject.name))).toBe(true);

    // The default 300 s tolerations run from when the NoExecute taint was added.
    const taintedAt = Date.parse(node.spec.taints.find((t: Obj) => t.effect === 'NoExecute').timeAdded) - c.engine.epochMs;
    c.advance(taintedAt + 299_000 - c.now());
    expect(podsOn(c, 'worker-2').every((p) => !p.metadata.deletionTimestamp)).toBe(true);
    c.advance(2_000);
    const evicted = podsOn(c, 'worker-2');
    expect(evicted.map((p) => p.metadata.name).sort()).toEqual([...victims].sort());
    for (const p of evicted) {
      expect(p.metadata.deletionTimestamp).toBeDefined();
      expect(p.status.conditions.find((x: Obj) => x.type === 'DisruptionTarget')).toMatchObject({
        status: 'True',
        reason: 'DeletionByTaintManager',
        message: 'Taint manager: deleting due to NoExecute taint',
      });
    }
    const evictionEvents = c.list('events', 'default').filter((e) => e.reason === 'TaintManagerEviction');
    expect(evictionEvents.map((e) => e.message).sort()).toEqual(victims.map((v) => `Marking for deletion Pod default/${v}`).sort());
    // The ReplicaSet replaces them on the healthy nodes.
    c.advance(30_000);
    const live = running(c);
    expect(live).toHaveLength(6);
    expect(live.every((p) => p.spec.nodeName !== 'worker-2')).toBe(true);

    // Deleting the fault powers the machine on: Ready again, taints gone, the terminating pods cleaned up.
    expect(c.kubectl('delete fault f1').exitCode).toBe(0);
    c.advance(30_000);
    const healed = c.get('node', 'worker-2')!;
    expect(ready(healed)?.status).toBe('True');
    expect((healed.spec.taints ?? []).filter((t: Obj) => t.key.startsWith('node.kubernetes.io/'))).toEqual([]);
    expect(podsOn(c, 'worker-2').filter((p) => victims.includes(p.metadata.name))).toEqual([]);
  });

  it('a pod tolerating unreachable for 10 s goes 10 s after the taint', () => {
    const c = createCluster({ seed: 5 });
    c.advance(20_000);
    c.apply(`
apiVersion: v1
kind: Pod
metadata:
  name: quick
spec:
  nodeName: worker-1
  tolerations:
  - key: node.kubernetes.io/unreachable
    operator: Exists
    effect: NoExecute
    tolerationSeconds: 10
  containers:
  - name: app
    image: nginx
`);
    c.advance(20_000);
    c.apply(FAULT('down', 'NodeDown', 'worker-1'));
    let taintedAt: number | undefined;
    for (let i = 0; i < 100 && taintedAt === undefined; i++) {
      c.advance(1000);
      const t = c.get('node', 'worker-1')?.spec.taints?.find((x: Obj) => x.key === 'node.kubernetes.io/unreachable' && x.effect === 'NoExecute');
      if (t) taintedAt = Date.parse(t.timeAdded) - c.engine.epochMs;
    }
    expect(taintedAt).toBeDefined();
    c.advance(taintedAt! + 9_000 - c.now());
    expect(c.get('pod', 'quick')?.metadata.deletionTimestamp).toBeUndefined();
    c.advance(2_000);
    expect(c.get('pod', 'quick')?.metadata.deletionTimestamp).toBeDefined();
  });

  it('KubeletStop: the node goes Unknown but the containers keep running; starting the kubelet heals it', () => {
    const c = bootWithWeb(11);
    c.apply(FAULT('k', 'KubeletStop', 'worker-1'));
    c.advance(70_000);
    expect(ready(c.get('node', 'worker-1'))?.status).toBe('Unknown');
    expect(c.nodes.machine('worker-1')?.isOn).toBe(true);
    c.kubectl('delete fault k');
    c.advance(20_000);
    expect(ready(c.get('node', 'worker-1'))?.status).toBe('True');
    expect((c.get('node', 'worker-1')!.spec.taints ?? []).filter((t: Obj) => t.key.startsWith('node.kubernetes.io/'))).toEqual([]);
  });
});
