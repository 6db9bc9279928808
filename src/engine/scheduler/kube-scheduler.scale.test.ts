import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { addNode } from './testing-cluster';

/**
 * Throughput of the whole component — informers, queue, cycle, binding through the apiserver, events, the watch
 * confirming each bind — on 5,000 nodes. The full benchmark (10,000 pods) runs with PILOTHOUSE_BENCH=1; the
 * default run keeps the suite quick. Prints pods/s (wall and CPU); no time assertion.
 */
const FULL = typeof process !== 'undefined' && process.env.PILOTHOUSE_BENCH === '1';
const NODES = 5_000;
const PODS = FULL ? 10_000 : 500;

describe('kube-scheduler throughput', () => {
  it(`schedules ${PODS} pending pods onto ${NODES} nodes through the apiserver`, () => {
    // The API machinery and the scheduler alone: no kubelets or DaemonSets (5,000 fake nodes would get 10,000
    // kube-proxy and flannel pods), so the figure is the scheduler's.
    const cluster = createCluster({ seed: 1, bare: true });
    cluster.scheduler.start();
    for (let i = 0; i < NODES; i++) {
      addNode(cluster, `node-${i}`, { cpu: '16', memory: '64Gi', labels: { 'topology.kubernetes.io/zone': `zone-${i % 3}` } });
    }
    cluster.advance(10);
    for (let i = 0; i < PODS; i++) {
      const res = cluster.request({
        method: 'POST',
        path: '/api/v1/namespaces/default/pods',
        body: {
          apiVersion: 'v1', kind: 'Pod',
          metadata: { name: `p-${i}`, labels: { app: `app-${i % 50}` } },
          spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
        },
      });
      expect(res.status).toBe(201);
    }
    const cpu0 = process.cpuUsage();
    const t0 = globalThis.performance.now();
    cluster.advance(10);
    const wall = (globalThis.performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const scheduled = cluster.scheduler.stats.scheduled;
    console.log(
      `kube-scheduler: ${scheduled} pods on ${NODES} nodes in ${wall.toFixed(2)} s wall = ${(scheduled / wall).toFixed(0)} pods/s ` +
        `(${cpuSeconds.toFixed(2)} s CPU = ${(scheduled / cpuSeconds).toFixed(0)} pods/CPU-s)`,
    );
    expect(scheduled).toBe(PODS);
    expect(cluster.list('pods', 'default').filter((p) => !p.spec.nodeName)).toHaveLength(0);
    // 10% of 5,000 nodes evaluated per pod (the adaptive percentageOfNodesToScore).
    expect(cluster.scheduler.decisionFor('default', `p-${PODS - 1}`)?.record?.numNodesToFind).toBe(500);
  }, 600_000);
});
