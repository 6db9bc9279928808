import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { Rng } from '../util/rng';
import { Cache } from './framework/cache';
import { newDefaultFramework } from './profile';
import { Scheduler, numFeasibleNodesToFind, selectHost, type ScheduleResult } from './schedule-one';
import { CONTROL_PLANE_TAINT, makeNode, makePod } from './testing';
import type { ProfileOptions } from './profile';
import type { NodePluginScores } from './framework/framework';

function setup(nodes: ReturnType<typeof makeNode>[], pods: Pod[] = [], opts: ProfileOptions = {}) {
  const cache = new Cache();
  for (const n of nodes) cache.addNode(n);
  for (const p of pods) cache.addPod(p);
  const scheduler = new Scheduler(newDefaultFramework(opts));
  const rng = new Rng(42);
  /** Schedules and, on success, assumes the pod into the cache like the real scheduler. */
  const schedule = (pod: Pod): ScheduleResult => {
    const result = scheduler.scheduleOne(pod, cache.snapshot(), rng);
    if (result.kind === 'Scheduled') cache.assumePod({ ...pod, spec: { ...pod.spec!, nodeName: result.suggestedHost } });
    return result;
  };
  return { cache, scheduler, schedule, rng };
}

const hostOf = (r: ScheduleResult) => (r.kind === 'Scheduled' ? r.suggestedHost : `<${r.kind}: ${r.kind === 'Error' ? r.message : r.message}>`);

describe('scheduleOne end to end', () => {
  it('reports insufficient cpu and the control-plane taint exactly as upstream, with the preemption message', () => {
    const nodes = [
      makeNode('control-plane', { labels: { 'node-role.kubernetes.io/control-plane': '' }, taints: [CONTROL_PLANE_TAINT] }),
      makeNode('worker-1', { cpu: '2' }), makeNode('worker-2', { cpu: '2' }), makeNode('worker-3', { cpu: '2' }),
    ];
    const { schedule } = setup(nodes);
    const r = schedule(makePod('big', { cpu: '1500m' }));
    expect(r.kind).toBe('Scheduled');
    const r2 = schedule(makePod('big-2', { cpu: '1500m' }));
    const r3 = schedule(makePod('big-3', { cpu: '1500m' }));
    expect(new Set([hostOf(r), hostOf(r2), hostOf(r3)])).toEqual(new Set(['worker-1', 'worker-2', 'worker-3']));
    const fail = schedule(makePod('big-4', { cpu: '1500m' }));
    expect(fail.kind).toBe('Unschedulable');
    if (fail.kind !== 'Unschedulable') return;
    // Upstream appends the preemption message after ". " and its own trailing "." — hence the double period.
    expect(fail.message).toBe(
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. ' +
        'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    );
    expect(fail.fitError.diagnosis.unschedulablePlugins).toEqual(new Set(['TaintToleration', 'NodeResourcesFit']));
    expect(fail.nominatedNodeName).toBe('');
    const rejected = fail.decision.nodes.find((n) => n.node === 'worker-1');
    expect(rejected).toMatchObject({ verdict: 'rejected', plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons: ['Insufficient cpu'] });
  });

  it('a request larger than any node is unresolvable, so preemption is not helpful anywhere', () => {
    const { schedule } = setup([makeNode('a', { cpu: '1' }), makeNode('b', { cpu: '1' })]);
    const r = schedule(makePod('huge', { cpu: '2', memory: '100Gi' }));
    expect(r.kind === 'Unschedulable' && r.message).toBe(
      '0/2 nodes are available: 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
  });

  it('honours nodeSelector', () => {
    const { schedule } = setup([makeNode('a', { labels: { disk: 'hdd' } }), makeNode('b', { labels: { disk: 'ssd' } }), makeNode('c')]);
    for (let i = 0; i < 5; i++) expect(hostOf(schedule(makePod(`p${i}`, { spec: { nodeSelector: { disk: 'ssd' } } })))).toBe('b');
    const r = schedule(makePod('nope', { spec: { nodeSelector: { disk: 'nvme' } } }));
    expect(r.kind === 'Unschedulable' && r.message).toBe(
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it('required anti-affinity spreads 3 replicas over 3 nodes and rejects a 4th', () => {
    const { schedule } = setup([makeNode('n1'), makeNode('n2'), makeNode('n3')]);
    const replica = (i: number) => makePod(`web-${i}`, {
      labels: { app: 'web' },
      spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } } },
    });
    const hosts = [0, 1, 2].map((i) => hostOf(schedule(replica(i))));
    expect(new Set(hosts)).toEqual(new Set(['n1', 'n2', 'n3']));
    const r = schedule(replica(3));
    expect(r.kind === 'Unschedulable' && r.message).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
    );
  });

  it('pod affinity puts the pod next to its peer', () => {
    const db = makePod('db', { labels: { app: 'db' }, nodeName: 'n2' });
    const { schedule } = setup([makeNode('n1'), makeNode('n2'), makeNode('n3')], [db]);
    const pod = makePod('api', { spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }] } } } });
    expect(hostOf(schedule(pod))).toBe('n2');
  });

  it('topology spread (DoNotSchedule, maxSkew 1) fills zones evenly', () => {
    const nodes = ['a', 'b', 'c'].flatMap((z) => [1, 2].map((i) => makeNode(`${z}${i}`, { labels: { 'topology.kubernetes.io/zone': `zone-${z}` } })));
    const { schedule, cache } = setup(nodes);
    const zoneOf = (n: string) => cache.nodeInfo(n)!.node!.metadata!.labels!['topology.kubernetes.io/zone'];
    const counts = new Map<string, number>();
    for (let i = 0; i < 9; i++) {
      const pod = makePod(`s${i}`, {
        labels: { app: 's' },
        spec: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 's' } } }] },
      });
      const z = zoneOf(hostOf(schedule(pod)));
      counts.set(z, (counts.get(z) ?? 0) + 1);
      const values = [...counts.values()];
      expect(Math.max(...values) - Math.min(...(counts.size < 3 ? [0] : values))).toBeLessThanOrEqual(1);
    }
    expect([...counts.values()]).toEqual([3, 3, 3]);
  });

  it('topology spread rejects nodes that would exceed maxSkew with the upstream reason', () => {
    const nodes = [makeNode('a', { labels: { zone: 'a' } }), makeNode('b', { labels: { zone: 'b' } }), makeNode('x')];
    const existing = [makePod('e1', { labels: { app: 's' }, nodeName: 'a' }), makePod('e2', { labels: { app: 's' }, nodeName: 'a' })];
    const { schedule } = setup(nodes, existing);
    const pod = makePod('s', { labels: { app: 's' }, spec: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 's' } } }] } });
    const r = schedule(pod);
    expect(hostOf(r)).toBe('b');
    expect(r.kind === 'Scheduled' && r.decision.nodes.filter((n) => n.verdict === 'rejected').map((n) => n.reasons)).toEqual(
      expect.arrayContaining([["node(s) didn't match pod topology spread constraints"], ["node(s) didn't match pod topology spread constraints (missing required label)"]]),
    );
  });

  it('preempts a lower-priority pod and reports the nominated node and victims', () => {
    const low = makePod('low', { cpu: '3', priority: 0, nodeName: 'n1' });
    const mid = makePod('mid', { cpu: '3', priority: 500, nodeName: 'n2' });
    const { schedule } = setup([makeNode('n1'), makeNode('n2')], [low, mid]);
    const r = schedule(makePod('high', { cpu: '2', priority: 1000 }));
    expect(r.kind).toBe('Unschedulable');
    if (r.kind !== 'Unschedulable') return;
    expect(r.message).toBe('0/2 nodes are available: 2 Insufficient cpu.');
    expect(r.nominatedNodeName).toBe('n1');
    expect(r.victims.map((v) => v.metadata!.name)).toEqual(['low']);
    expect(r.decision.postFilter).toMatchObject({ nominatedNodeName: 'n1', victims: ['default/low'] });
  });

  it('preemption respects PodDisruptionBudgets when another node has no violation', () => {
    const guarded = makePod('guarded', { cpu: '3', priority: 0, nodeName: 'n1', labels: { app: 'guarded' } });
    const plain = makePod('plain', { cpu: '3', priority: 100, nodeName: 'n2' });
    const pdb = { metadata: { name: 'pdb', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'guarded' } } }, status: { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 } };
    const { schedule } = setup([makeNode('n1'), makeNode('n2')], [guarded, plain], { listers: { podDisruptionBudgets: () => [pdb] } });
    const r = schedule(makePod('high', { cpu: '2', priority: 1000 }));
    expect(r.kind === 'Unschedulable' && r.nominatedNodeName).toBe('n2');
  });

  it('preemptionPolicy Never is not eligible', () => {
    const { schedule } = setup([makeNode('n1', { cpu: '1' })], [makePod('low', { cpu: '1', nodeName: 'n1' })]);
    const r = schedule(makePod('high', { cpu: '1', priority: 10, spec: { preemptionPolicy: 'Never' } }));
    expect(r.kind === 'Unschedulable' && r.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
  });

  it('reports host port conflicts, unschedulable nodes and Too many pods verbatim', () => {
    const withPort = makePod('web', { nodeName: 'a', containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 8080 }] }] });
    const full = makePod('filler', { nodeName: 'c' });
    const { schedule } = setup([makeNode('a'), makeNode('b', { unschedulable: true }), makeNode('c', { pods: 1 })], [withPort, full]);
    const r = schedule(makePod('p', { containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 8080 }] }] }));
    expect(r.kind === 'Unschedulable' && r.fitError.message).toBe(
      "0/3 nodes are available: 1 Too many pods, 1 node(s) didn't have free ports for the requested pod ports, 1 node(s) were unschedulable. " +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('reports unbound immediate PVCs from PreFilter and picks a node for WaitForFirstConsumer claims', () => {
    const pvcs: Record<string, object> = {
      imm: { metadata: { name: 'imm', namespace: 'default' }, spec: { storageClassName: 'standard' } },
      wffc: { metadata: { name: 'wffc', namespace: 'default' }, spec: { storageClassName: 'local', resources: { requests: { storage: '1Gi' } } } },
    };
    const classes: Record<string, object> = {
      standard: { metadata: { name: 'standard' }, provisioner: 'example.com/csi', volumeBindingMode: 'Immediate' },
      local: { metadata: { name: 'local' }, provisioner: 'example.com/csi', volumeBindingMode: 'WaitForFirstConsumer', allowedTopologies: [{ matchLabelExpressions: [{ key: 'zone', values: ['b'] }] }] },
    };
    const { schedule } = setup([makeNode('a', { labels: { zone: 'a' } }), makeNode('b', { labels: { zone: 'b' } })], [], {
      listers: { persistentVolumeClaim: (_ns, n) => pvcs[n] as never, storageClass: (n) => classes[n] as never },
    });
    const withClaim = (name: string, claim: string) => makePod(name, { spec: { volumes: [{ name: 'v', persistentVolumeClaim: { claimName: claim } }] } });
    const imm = schedule(withClaim('p1', 'imm'));
    expect(imm.kind === 'Unschedulable' && imm.message).toBe(
      '0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
    const w = schedule(withClaim('p2', 'wffc'));
    expect(hostOf(w)).toBe('b');
    expect(w.kind === 'Scheduled' && w.volumeBinding?.claimsToProvision.map((c) => c.metadata?.name)).toEqual(['wffc']);
    const missing = schedule(withClaim('p3', 'nope'));
    expect(missing.kind === 'Unschedulable' && missing.message).toBe(
      '0/2 nodes are available: persistentvolumeclaim "nope" not found. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
  });

  it('records per-plugin raw, normalised and weighted scores for the decision', () => {
    const { schedule } = setup([makeNode('a'), makeNode('b', { taints: [{ key: 'k', value: 'v', effect: 'PreferNoSchedule' }] })]);
    const r = schedule(makePod('p', { cpu: '100m' }));
    expect(hostOf(r)).toBe('a');
    if (r.kind !== 'Scheduled') return;
    const b = r.decision.nodes.find((n) => n.node === 'b')!;
    expect(b.scores!.find((s) => s.plugin === 'TaintToleration')).toEqual({ plugin: 'TaintToleration', raw: 1, normalized: 0, weighted: 0 });
    const a = r.decision.nodes.find((n) => n.node === 'a')!;
    expect(a.scores!.find((s) => s.plugin === 'TaintToleration')).toEqual({ plugin: 'TaintToleration', raw: 0, normalized: 100, weighted: 300 });
    expect(a.totalScore).toBe(a.scores!.reduce((s, x) => s + x.weighted, 0));
    expect(r.decision.selectedNode).toBe('a');
  });

  it('is deterministic for a seed and spreads ties with the RNG', () => {
    const run = (seed: number) => {
      const cache = new Cache();
      for (let i = 0; i < 20; i++) cache.addNode(makeNode(`n${i}`));
      const scheduler = new Scheduler(newDefaultFramework());
      const rng = new Rng(seed);
      const out: string[] = [];
      for (let i = 0; i < 40; i++) {
        const pod = makePod(`p${i}`);
        const r = scheduler.scheduleOne(pod, cache.snapshot(), rng);
        out.push(hostOf(r));
        cache.assumePod({ ...pod, spec: { ...pod.spec!, nodeName: hostOf(r) } });
      }
      return out;
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });
});

describe('schedule_one helpers', () => {
  it.each([
    [0, 10, 10], [0, 99, 99], [0, 100, 100], [0, 1000, 420], [0, 5000, 500], [0, 6000, 300], [0, 1500, 570], [10, 5000, 500], [1, 5000, 100], [100, 5000, 5000],
  ])('numFeasibleNodesToFind(%i%%, %i) = %i', (pct, nodes, want) => {
    expect(numFeasibleNodesToFind(pct, nodes)).toBe(want);
  });

  it('selectHost picks the best and samples ties uniformly', () => {
    const list: NodePluginScores[] = [
      { name: 'a', scores: [], totalScore: 10 }, { name: 'b', scores: [], totalScore: 30 },
      { name: 'c', scores: [], totalScore: 30 }, { name: 'd', scores: [], totalScore: 20 },
    ];
    const rng = new Rng(3);
    const seen = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const { host, top } = selectHost(list, 3, rng);
      seen.set(host, (seen.get(host) ?? 0) + 1);
      expect(top).toHaveLength(3);
      expect(top[0].name).toBe(host);
    }
    expect([...seen.keys()].sort()).toEqual(['b', 'c']);
    expect(Math.abs(seen.get('b')! - 1000)).toBeLessThan(150);
  });
});
