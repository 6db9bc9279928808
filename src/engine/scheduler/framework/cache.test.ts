import { describe, expect, it } from 'vitest';
import { Cache } from './cache';
import { Snapshot } from './snapshot';
import { makeNode, makePod } from '../testing';

describe('Cache', () => {
  it('keeps requested resources incrementally and snapshots only changed nodes', () => {
    const cache = new Cache();
    cache.addNode(makeNode('a'));
    cache.addNode(makeNode('b'));
    const snap = new Snapshot();
    cache.updateSnapshot(snap);
    const bBefore = snap.get('b');
    const p = makePod('p', { cpu: '500m', memory: '1Gi', nodeName: 'a' });
    cache.addPod(p);
    cache.updateSnapshot(snap);
    expect(snap.get('a')!.requested.milliCPU).toBe(500);
    expect(snap.get('a')!.nonZeroRequested.memory).toBe(1024 ** 3);
    expect(snap.get('b')).toBe(bBefore); // untouched node keeps its object
    cache.removePod(p);
    cache.updateSnapshot(snap);
    expect(snap.get('a')!.requested.milliCPU).toBe(0);
  });

  it('applies non-zero defaults for pods without requests', () => {
    const cache = new Cache();
    cache.addNode(makeNode('a'));
    cache.addPod(makePod('p', { nodeName: 'a' }));
    const ni = cache.snapshot().get('a')!;
    expect(ni.requested.milliCPU).toBe(0);
    expect(ni.nonZeroRequested.milliCPU).toBe(100);
    expect(ni.nonZeroRequested.memory).toBe(200 * 1024 * 1024);
  });

  it('assumes, confirms and forgets pods', () => {
    const cache = new Cache();
    cache.addNode(makeNode('a'));
    const p = makePod('p', { cpu: '1', nodeName: 'a' });
    cache.assumePod(p);
    expect(cache.isAssumedPod(p)).toBe(true);
    expect(cache.snapshot().get('a')!.requested.milliCPU).toBe(1000);
    cache.forgetPod(p);
    expect(cache.snapshot().get('a')!.requested.milliCPU).toBe(0);
    cache.assumePod(p);
    cache.addPod(p);
    expect(cache.isAssumedPod(p)).toBe(false);
    expect(cache.snapshot().get('a')!.pods).toHaveLength(1);
  });

  it('removes nodes from snapshots and interleaves zones in the node list', () => {
    const cache = new Cache();
    for (const [n, z] of [['a1', 'a'], ['a2', 'a'], ['b1', 'b'], ['b2', 'b']]) cache.addNode(makeNode(n, { labels: { 'topology.kubernetes.io/zone': z } }));
    const snap = new Snapshot();
    cache.updateSnapshot(snap);
    expect(snap.nodeInfoList.map((n) => n.name)).toEqual(['a1', 'b1', 'a2', 'b2']);
    cache.removeNode(makeNode('b1', { labels: { 'topology.kubernetes.io/zone': 'b' } }));
    cache.updateSnapshot(snap);
    expect(snap.nodeInfoList.map((n) => n.name)).toEqual(['a1', 'b2', 'a2']);
    expect(snap.get('b1')).toBeUndefined();
  });

  it('tracks pods with affinity and image spread', () => {
    const cache = new Cache();
    cache.addNode(makeNode('a', { images: [{ names: ['nginx:latest'], sizeBytes: 100 }] }));
    cache.addNode(makeNode('b', { images: [{ names: ['nginx:latest'], sizeBytes: 100 }] }));
    cache.addPod(makePod('x', { nodeName: 'a', spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'k', labelSelector: {} }] } } } }));
    const snap = cache.snapshot();
    expect(snap.havePodsWithRequiredAntiAffinityList.map((n) => n.name)).toEqual(['a']);
    expect(snap.imageNumNodes.get('nginx:latest')).toBe(2);
  });
});
