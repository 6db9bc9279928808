import { describe, expect, it } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { CycleState, type NodeScore } from '../framework/interface';
import { NodeInfo } from '../framework/node-info';
import { newPodInfo } from '../framework/pod-info';
import { makeNode, makePod } from '../testing';
import { TaintToleration } from './taint-toleration';
import { NodeAffinity } from './node-affinity';
import { NodeResourcesFit, fitsRequest } from './node-resources-fit';
import { NodeResourcesBalancedAllocation } from './balanced-allocation';
import { NodePorts } from './node-ports';
import { normalizedImageName } from './image-locality';
import { defaultNormalizeScore } from './helpers';

const info = (node: Node, pods: Pod[] = []) => {
  const ni = new NodeInfo(node);
  for (const p of pods) ni.addPod(p);
  return ni;
};

const filterReasons = (pl: { filter: NodeAffinity['filter'] }, pod: Pod, ni: NodeInfo, prefilter?: (s: CycleState) => void) => {
  const state = new CycleState();
  prefilter?.(state);
  return pl.filter(state, newPodInfo(pod), ni)?.reasons ?? [];
};

describe('TaintToleration', () => {
  const pl = new TaintToleration();
  it.each([
    ['no taints', [], [], []],
    ['untolerated NoSchedule', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], [], ['node(s) had untolerated taint {dedicated: user1}']],
    ['tolerated by Equal', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], [{ key: 'dedicated', operator: 'Equal', value: 'user1', effect: 'NoSchedule' }], []],
    ['tolerated by Exists without key', [{ key: 'a', effect: 'NoExecute' }], [{ operator: 'Exists' }], []],
    ['value mismatch', [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], [{ key: 'dedicated', value: 'user2', effect: 'NoSchedule' }], ['node(s) had untolerated taint {dedicated: user1}']],
    ['PreferNoSchedule does not filter', [{ key: 'a', effect: 'PreferNoSchedule' }], [], []],
  ] as const)('%s', (_name, taints, tolerations, want) => {
    const pod = makePod('p', { spec: { tolerations: [...tolerations] } });
    expect(filterReasons(pl, pod, info(makeNode('n', { taints: [...taints] })))).toEqual(want);
  });

  it('scores fewer intolerable PreferNoSchedule taints higher', () => {
    const pod = newPodInfo(makePod('p', { spec: { tolerations: [{ key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' }] } }));
    const nodes = [
      makeNode('n1', { taints: [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }] }),
      makeNode('n2', { taints: [{ key: 'cpu-type', value: 'arm32', effect: 'PreferNoSchedule' }] }),
      makeNode('n3', { taints: [{ key: 'cpu-type', value: 'arm32', effect: 'PreferNoSchedule' }, { key: 'disk', value: 'hdd', effect: 'PreferNoSchedule' }] }),
    ];
    const state = new CycleState();
    const scores: NodeScore[] = nodes.map((n) => ({ name: n.metadata!.name!, score: pl.score(state, pod, info(n)) }));
    pl.normalizeScore(state, pod, scores);
    expect(scores.map((s) => s.score)).toEqual([100, 50, 0]);
  });
});

describe('NodeAffinity', () => {
  const pl = new NodeAffinity();
  const node = makeNode('n1', { labels: { foo: 'bar', size: '5' } });
  it.each([
    ['no constraints', {}, []],
    ['matching nodeSelector', { nodeSelector: { foo: 'bar' } }, []],
    ['mismatching nodeSelector', { nodeSelector: { foo: 'baz' } }, ["node(s) didn't match Pod's node affinity/selector"]],
    ['Gt matches', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'size', operator: 'Gt', values: ['4'] }] }] } } } }, []],
    ['Lt fails', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'size', operator: 'Lt', values: ['4'] }] }] } } } }, ["node(s) didn't match Pod's node affinity/selector"]],
    ['terms are ORed', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'foo', operator: 'In', values: ['x'] }] }, { matchExpressions: [{ key: 'foo', operator: 'Exists' }] }] } } } }, []],
    ['empty term matches nothing', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}] } } } }, ["node(s) didn't match Pod's node affinity/selector"]],
    ['matchFields by name', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] } } } }, []],
  ] as const)('%s', (_n, spec, want) => {
    const pod = makePod('p', { spec: spec as Pod['spec'] });
    expect(filterReasons(pl, pod, info(node), (s) => pl.preFilter(s, newPodInfo(pod)))).toEqual(want);
  });

  it('PreFilter narrows to nodes named by matchFields', () => {
    const pod = makePod('p', { spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n9'] }] }] } } } } });
    expect(pl.preFilter(new CycleState(), newPodInfo(pod)).result?.nodeNames).toEqual(new Set(['n9']));
  });

  it('scores preferred terms by weight, normalised to 100', () => {
    const pod = newPodInfo(makePod('p', { spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 2, preference: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] } },
      { weight: 4, preference: { matchExpressions: [{ key: 'key', operator: 'In', values: ['value'] }] } },
    ] } } } }));
    const state = new CycleState();
    pl.preScore(state, pod);
    const nodes = [makeNode('a', { labels: { foo: 'bar' } }), makeNode('b', { labels: { foo: 'bar', key: 'value' } }), makeNode('c')];
    const scores = nodes.map((n) => ({ name: n.metadata!.name!, score: pl.score(state, pod, info(n)) }));
    pl.normalizeScore(state, pod, scores);
    expect(scores.map((s) => s.score)).toEqual([33, 100, 0]);
  });
});

describe('NodeResourcesFit', () => {
  const pl = new NodeResourcesFit();
  const node = makeNode('n', { cpu: '10', memory: '20', pods: 32 });
  it.each([
    ['fits', { cpu: '1', memory: '1' }, [], []],
    ['too much cpu', { cpu: '8', memory: '1' }, [makePod('e', { cpu: '5', memory: '5', nodeName: 'n' })], ['Insufficient cpu']],
    ['too much cpu and memory', { cpu: '8', memory: '19' }, [makePod('e', { cpu: '5', memory: '5', nodeName: 'n' })], ['Insufficient cpu', 'Insufficient memory']],
  ] as const)('%s', (_n, req, pods, want) => {
    expect(filterReasons(pl, makePod('p', req), info(node, [...pods]))).toEqual(want);
  });

  it('counts the init-container maximum, sidecars and overhead', () => {
    const pod = makePod('p', {
      containers: [{ name: 'app', resources: { requests: { cpu: '1' } } }],
      spec: {
        initContainers: [
          { name: 'sidecar', restartPolicy: 'Always', resources: { requests: { cpu: '500m' } } },
          { name: 'init', resources: { requests: { cpu: '3' } } },
        ],
        overhead: { cpu: '250m' },
      },
    });
    // max(app 1 + sidecar 0.5, init 3 + sidecar 0.5) + overhead 0.25
    expect(newPodInfo(pod).resources.requests.milliCPU).toBe(3750);
  });

  it('says Too many pods, and marks requests beyond allocatable as unresolvable', () => {
    const small = makeNode('s', { cpu: '1', pods: 1 });
    const r = fitsRequest(newPodInfo(makePod('p', { cpu: '2' })).resources.requests, info(small, [makePod('e', { nodeName: 's' })]));
    expect(r.map((x) => [x.reason, x.unresolvable])).toEqual([['Too many pods', false], ['Insufficient cpu', true]]);
  });

  it.each([
    ['LeastAllocated', { type: 'LeastAllocated' }, 70],
    ['MostAllocated', { type: 'MostAllocated' }, 30],
    ['RequestedToCapacityRatio', { type: 'RequestedToCapacityRatio', shape: [{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }] }, 70],
  ] as const)('%s scoring', (_n, strategy, want) => {
    const fit = new NodeResourcesFit({ scoringStrategy: strategy as never });
    const ni = info(makeNode('n', { cpu: '10', memory: '10Gi' }), [makePod('e', { cpu: '2', memory: '2Gi', nodeName: 'n' })]);
    expect(fit.score(new CycleState(), newPodInfo(makePod('p', { cpu: '1', memory: '1Gi' })), ni)).toBe(want);
  });
});

describe('NodeResourcesBalancedAllocation', () => {
  it('scores 100 when fractions are equal and lower when skewed', () => {
    const pl = new NodeResourcesBalancedAllocation();
    const node = makeNode('n', { cpu: '4', memory: '4Gi' });
    expect(pl.score(new CycleState(), newPodInfo(makePod('p', { cpu: '2', memory: '2Gi' })), info(node))).toBe(100);
    expect(pl.score(new CycleState(), newPodInfo(makePod('p', { cpu: '4', memory: '0' })), info(node))).toBe(50);
  });
});

describe('NodePorts', () => {
  const pl = new NodePorts();
  const withPort = (name: string, hostPort: number, hostIP?: string, protocol?: string) =>
    makePod(name, { containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort, hostIP, protocol }] }] });
  it.each([
    ['same port', withPort('e', 8080), withPort('p', 8080), true],
    ['other port', withPort('e', 8080), withPort('p', 8081), false],
    ['other protocol', withPort('e', 8080, undefined, 'UDP'), withPort('p', 8080), false],
    ['specific vs wildcard', withPort('e', 8080, '10.0.0.1'), withPort('p', 8080), true],
    ['two specific IPs', withPort('e', 8080, '10.0.0.1'), withPort('p', 8080, '10.0.0.2'), false],
  ] as const)('%s', (_n, existing, pod, conflict) => {
    const state = new CycleState();
    pl.preFilter(state, newPodInfo(pod));
    const s = pl.filter(state, newPodInfo(pod), info(makeNode('n'), [existing]));
    expect(s?.reasons ?? []).toEqual(conflict ? ["node(s) didn't have free ports for the requested pod ports"] : []);
  });
});

describe('helpers', () => {
  it('normalizedImageName adds :latest only when untagged', () => {
    expect(normalizedImageName('nginx')).toBe('nginx:latest');
    expect(normalizedImageName('registry:5000/app')).toBe('registry:5000/app:latest');
    expect(normalizedImageName('nginx:1.27')).toBe('nginx:1.27');
  });

  it('defaultNormalizeScore scales and reverses', () => {
    const s = [{ name: 'a', score: 1 }, { name: 'b', score: 3 }, { name: 'c', score: 0 }];
    defaultNormalizeScore(100, true, s);
    expect(s.map((x) => x.score)).toEqual([67, 0, 100]);
  });
});
