import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng';
import { Cache } from './framework/cache';
import { Snapshot } from './framework/snapshot';
import { newDefaultFramework } from './profile';
import { Scheduler } from './schedule-one';
import { makeNode, makePod } from './testing';

describe('scale', () => {
  it('schedules 1,000 pods onto 5,000 nodes (with 30,000 running pods)', () => {
    const cache = new Cache();
    for (let i = 0; i < 5000; i++) {
      cache.addNode(makeNode(`node-${i}`, { cpu: '16', memory: '64Gi', labels: { 'topology.kubernetes.io/zone': `zone-${i % 3}` } }));
    }
    for (let i = 0; i < 30_000; i++) cache.addPod(makePod(`running-${i}`, { cpu: '250m', memory: '256Mi', nodeName: `node-${i % 5000}`, labels: { app: `app-${i % 50}` } }));
    const scheduler = new Scheduler(newDefaultFramework());
    const rng = new Rng(1);
    const snapshot = new Snapshot();
    const hosts = new Set<string>();
    const t0 = globalThis.performance.now();
    for (let i = 0; i < 1000; i++) {
      cache.updateSnapshot(snapshot);
      const pod = makePod(`new-${i}`, { cpu: '500m', memory: '512Mi', labels: { app: `app-${i % 50}` } });
      const r = scheduler.scheduleOne(pod, snapshot, rng);
      expect(r.kind).toBe('Scheduled');
      if (r.kind !== 'Scheduled') return;
      expect(r.decision.numNodesToFind).toBe(500);
      expect(r.decision.nodes.length).toBeLessThanOrEqual(100);
      hosts.add(r.suggestedHost);
      cache.assumePod({ ...pod, spec: { ...pod.spec!, nodeName: r.suggestedHost } });
    }
    const seconds = (globalThis.performance.now() - t0) / 1000;
    console.log(`scheduler scale: 1000 pods on 5000 nodes in ${seconds.toFixed(2)} s = ${(1000 / seconds).toFixed(0)} pods/s`);
    expect(cache.podCount()).toBe(31_000);
    // LeastAllocated plus round-robin sampling spreads the pods widely.
    expect(hosts.size).toBeGreaterThan(900);
  });
});
