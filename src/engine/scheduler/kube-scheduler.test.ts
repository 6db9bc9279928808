import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster';
import { addNode, nodeOf, podYaml } from './testing-cluster';

type Obj = Record<string, any>;

const eventsFor = (cluster: Cluster, pod: string, reason?: string): Obj[] =>
  cluster.list('events', 'default').filter((e) => e.involvedObject?.name === pod && (!reason || e.reason === reason));

const condition = (cluster: Cluster, pod: string, type: string): Obj | undefined =>
  cluster.get('pod', pod)?.status?.conditions?.find((c: Obj) => c.type === type);

/** kind's shape: a tainted control-plane and `workers` 8-cpu workers, each with a kubelet. */
function newCluster(workers = 3, seed = 7): Cluster {
  const cluster = createCluster({ seed, workers });
  cluster.advance(10);
  return cluster;
}

const ANTI_AFFINITY = `affinity:
  podAntiAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
    - labelSelector: {matchLabels: {app: web}}
      topologyKey: kubernetes.io/hostname`;

describe('kube-scheduler (component)', () => {
  it('holds the kube-scheduler lease as control-plane_<uuid> and schedules only as leader', () => {
    const cluster = newCluster();
    const lease = cluster.get('lease', 'kube-scheduler', 'kube-system');
    expect(lease?.spec?.holderIdentity).toMatch(/^control-plane_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(cluster.scheduler.isLeader()).toBe(true);
    cluster.scheduler.elector!.stop();
    cluster.scheduler.stop();
    cluster.apply(podYaml('orphan'));
    cluster.advance(5_000);
    expect(nodeOf(cluster, 'orphan')).toBeUndefined();
  });

  it('spreads 3 replicas over the workers, never the tainted control-plane, with Scheduled events', () => {
    const cluster = newCluster();
    cluster.apply(['web-0', 'web-1', 'web-2'].map((n) => podYaml(n, { cpu: '500m', labels: { app: 'web' } })).join('\n---\n'));
    cluster.advance(10);
    const hosts = ['web-0', 'web-1', 'web-2'].map((n) => nodeOf(cluster, n));
    expect(new Set(hosts)).toEqual(new Set(['worker-1', 'worker-2', 'worker-3']));
    const [event] = eventsFor(cluster, 'web-1', 'Scheduled');
    expect(event).toMatchObject({
      type: 'Normal', reason: 'Scheduled', message: `Successfully assigned default/web-1 to ${hosts[1]}`,
      source: { component: 'default-scheduler' }, reportingComponent: 'default-scheduler', count: 1,
    });
    expect(condition(cluster, 'web-1', 'PodScheduled')).toMatchObject({ status: 'True' });
    // The bind went through pods/binding, as DefaultBinder does.
    const binds = cluster.engine.traffic.recent().filter((t) => t.from === 'kube-scheduler' && t.subresource === 'binding' && t.name?.startsWith('web-'));
    expect(binds.map((t) => [t.method, t.status])).toEqual([['POST', 201], ['POST', 201], ['POST', 201]]);
  });

  it('reports a too-big pod with the exact upstream event and PodScheduled condition', () => {
    const cluster = newCluster();
    cluster.apply([1, 2, 3].map((i) => podYaml(`big-${i}`, { cpu: '5' })).join('\n---\n'));
    cluster.advance(10);
    expect(new Set([1, 2, 3].map((i) => nodeOf(cluster, `big-${i}`)))).toEqual(new Set(['worker-1', 'worker-2', 'worker-3']));
    // Fits a worker's capacity, not what is left of it; the running pods have the same priority.
    cluster.apply(podYaml('huge', { cpu: '5' }));
    cluster.advance(10);
    const message =
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. ' +
      'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';
    const [event] = eventsFor(cluster, 'huge', 'FailedScheduling');
    expect(event).toMatchObject({ type: 'Warning', message, source: { component: 'default-scheduler' }, reportingComponent: 'default-scheduler' });
    expect(condition(cluster, 'huge', 'PodScheduled')).toMatchObject({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null });
    expect(cluster.scheduler.queue.where(cluster.get('pod', 'huge') as never)).toBe('unschedulablePods');
    const decision = cluster.scheduler.decisionFor('default', 'huge')!;
    expect(decision.outcome).toBe('Unschedulable');
    expect(decision.message).toBe(message);
    expect(decision.record!.nodes.find((n) => n.node === 'worker-2')).toMatchObject({ verdict: 'rejected', plugin: 'NodeResourcesFit', reasons: ['Insufficient cpu'] });
    expect(decision.record!.nodes.find((n) => n.node === 'control-plane')).toMatchObject({ verdict: 'rejected', plugin: 'TaintToleration' });
  });

  it('records why a node won: verdicts, plugin scores and a narration', () => {
    const cluster = newCluster();
    cluster.apply(podYaml('web', { cpu: '100m' }));
    cluster.advance(10);
    const d = cluster.scheduler.decisionFor('default', 'web')!;
    expect(d.outcome).toBe('Scheduled');
    expect(d.node).toBe(nodeOf(cluster, 'web'));
    const chosen = d.record!.nodes.find((n) => n.node === d.node)!;
    expect(chosen.verdict).toBe('feasible');
    expect(chosen.totalScore).toBe(d.why!.totalScore);
    expect(d.why!.scores.map((s) => s.plugin)).toContain('NodeResourcesFit');
    expect(d.why!.totalScore).toBe(d.why!.scores.reduce((s, x) => s + x.weighted, 0));
    expect(d.record!.nodes.filter((n) => n.verdict === 'feasible')).toHaveLength(3);
    expect(d.narration).toMatch(new RegExp(`^scheduler bound web to ${d.node}: highest score ${d.why!.totalScore} of 3 feasible nodes \\(.*NodeResourcesFit \\d+`));
    expect(cluster.scheduler.narrations().at(-1)?.text).toBe(d.narration);
  });

  it('places pods by nodeSelector, node affinity, pod anti-affinity and topology spread', () => {
    const cluster = createCluster({ seed: 3, workers: 0 });
    addNode(cluster, 'a1', { labels: { disk: 'ssd', 'topology.kubernetes.io/zone': 'a' } });
    addNode(cluster, 'a2', { labels: { disk: 'hdd', 'topology.kubernetes.io/zone': 'a' } });
    addNode(cluster, 'b1', { labels: { disk: 'hdd', 'topology.kubernetes.io/zone': 'b' } });
    cluster.advance(10);
    cluster.apply([
      podYaml('fast', { spec: 'nodeSelector: {disk: ssd}' }),
      podYaml('zone-b', { spec: `affinity:
  nodeAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      nodeSelectorTerms:
      - matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [b]}]` }),
    ].join('\n---\n'));
    cluster.advance(10);
    expect(nodeOf(cluster, 'fast')).toBe('a1');
    expect(nodeOf(cluster, 'zone-b')).toBe('b1');

    cluster.apply([0, 1, 2, 3].map((i) => podYaml(`web-${i}`, { labels: { app: 'web' }, spec: ANTI_AFFINITY })).join('\n---\n'));
    cluster.advance(10);
    expect(new Set([0, 1, 2].map((i) => nodeOf(cluster, `web-${i}`)))).toEqual(new Set(['a1', 'a2', 'b1']));
    expect(nodeOf(cluster, 'web-3')).toBeUndefined();
    expect(condition(cluster, 'web-3', 'PodScheduled')?.message).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match pod anti-affinity rules. " +
        'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    );

    const spread = (i: number) => podYaml(`spread-${i}`, { labels: { app: 'spread' }, spec: `topologySpreadConstraints:
- maxSkew: 1
  topologyKey: topology.kubernetes.io/zone
  whenUnsatisfiable: DoNotSchedule
  labelSelector: {matchLabels: {app: spread}}` });
    cluster.apply([0, 1, 2, 3].map(spread).join('\n---\n'));
    cluster.advance(10);
    const zones = [0, 1, 2, 3].map((i) => (nodeOf(cluster, `spread-${i}`) === 'b1' ? 'b' : 'a'));
    expect(zones.filter((z) => z === 'a')).toHaveLength(2);
    expect(zones.filter((z) => z === 'b')).toHaveLength(2);
  });

  it('schedules a pending pod when a node is added (NodeAdd requeue)', () => {
    const cluster = newCluster(1);
    cluster.apply(podYaml('big', { cpu: '12' }));
    cluster.advance(10);
    expect(nodeOf(cluster, 'big')).toBeUndefined();
    cluster.advance(60_000);
    // Parked in unschedulablePods: only a relevant event (or the 5-minute leftover flush) retries it.
    expect(eventsFor(cluster, 'big', 'FailedScheduling')[0].count).toBe(1);
    addNode(cluster, 'worker-big', { cpu: '16' });
    cluster.advance(10);
    expect(nodeOf(cluster, 'big')).toBe('worker-big');
    expect(cluster.scheduler.narrations().some((n) => n.text.includes('NodeAdd moved 1 pod(s)'))).toBe(true);
  });

  it('schedules a pending pod when a pod holding the room is deleted (AssignedPodDelete requeue)', () => {
    const cluster = newCluster(1);
    cluster.apply(podYaml('first', { cpu: '5' }));
    cluster.advance(10);
    cluster.apply(podYaml('second', { cpu: '5' }));
    cluster.advance(10);
    expect(nodeOf(cluster, 'first')).toBe('worker-1');
    expect(nodeOf(cluster, 'second')).toBeUndefined();
    // A graceful delete: the pod still holds its cpu while terminating, until the kubelet's final delete.
    expect(cluster.request({ method: 'DELETE', path: '/api/v1/namespaces/default/pods/first' }).status).toBe(200);
    cluster.advance(10);
    expect(nodeOf(cluster, 'second')).toBeUndefined();
    for (let t = 0; t < 60 && cluster.get('pod', 'first'); t++) cluster.advance(1_000);
    expect(cluster.get('pod', 'first')).toBeUndefined();
    cluster.advance(1_000);
    expect(nodeOf(cluster, 'second')).toBe('worker-1');
    expect(cluster.scheduler.decisionFor('default', 'second')).toMatchObject({ outcome: 'Scheduled', attempt: 2 });
  });

  it('preempts a lower-priority pod: nominatedNodeName, DisruptionTarget, Preempted event, then binds', () => {
    const cluster = newCluster(1);
    cluster.apply(`apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: low}
value: 10`);
    cluster.apply(podYaml('victim', { cpu: '5', spec: 'priorityClassName: low' }));
    cluster.advance(10);
    expect(nodeOf(cluster, 'victim')).toBe('worker-1');
    cluster.apply(podYaml('vip', { cpu: '5', spec: 'priorityClassName: high' }));
    // Step clock events until the preemption is written, before the kubelet gets to stop the victim.
    for (let i = 0; i < 1000 && !cluster.get('pod', 'vip')?.status?.nominatedNodeName; i++) cluster.engine.step();

    const vip = cluster.get('pod', 'vip')!;
    expect(vip.spec.priority).toBe(1000);
    expect(vip.status.nominatedNodeName).toBe('worker-1');
    expect(vip.spec.nodeName).toBeUndefined();
    const victim = cluster.get('pod', 'victim')!;
    expect(victim.metadata.deletionTimestamp).toBeDefined();
    expect(victim.status.conditions.find((c: Obj) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True', reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod',
    });
    expect(eventsFor(cluster, 'victim', 'Preempted')[0]).toMatchObject({ type: 'Normal', message: `Preempted by pod ${vip.metadata.uid} on node worker-1` });
    // Preemption succeeded, so no preemption message follows the FitError.
    expect(eventsFor(cluster, 'vip', 'FailedScheduling')[0].message).toBe(
      '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.',
    );
    expect(cluster.scheduler.decisionFor('default', 'vip')).toMatchObject({ outcome: 'Unschedulable', nominatedNodeName: 'worker-1', victims: ['default/victim'] });

    // Once the kubelet has stopped the victim and deleted it, the preemptor lands on its nominated node.
    for (let t = 0; t < 60 && !nodeOf(cluster, 'vip'); t++) cluster.advance(1_000);
    expect(cluster.get('pod', 'victim')).toBeUndefined();
    expect(nodeOf(cluster, 'vip')).toBe('worker-1');
  });

  it('is deterministic: the same seed gives the same placements', () => {
    const run = (seed: number) => {
      const cluster = createCluster({ seed, workers: 6 });
      cluster.advance(10);
      cluster.apply(Array.from({ length: 24 }, (_, i) => podYaml(`p${i}`, { cpu: '100m' })).join('\n---\n'));
      cluster.advance(10);
      return Array.from({ length: 24 }, (_, i) => nodeOf(cluster, `p${i}`));
    };
    const a = run(11);
    expect(a.every(Boolean)).toBe(true);
    expect(run(11)).toEqual(a);
  });
});
