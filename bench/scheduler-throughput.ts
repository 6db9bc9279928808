/**
 * scheduler-throughput: pods/s the kube-scheduler component binds on 5,000 nodes (informers, queue, filter/score,
 * binding through the apiserver, events) — the API machinery and the scheduler alone, no kubelets.
 */
import { createCluster } from '../src/engine/cluster';
import { addNode } from '../src/engine/scheduler/testing-cluster';
import { measure, type Figure } from './figure';

export function schedulerThroughput(size: 'small' | 'medium' | 'full'): Figure[] {
  const nodes = 5_000;
  const batches = size === 'small' ? [10_000] : [10_000, 50_000];
  const figures: Figure[] = [];
  for (const pods of batches) {
    const c = createCluster({ seed: 1, bare: true });
    c.scheduler.start();
    for (let i = 0; i < nodes; i++) addNode(c, `node-${i}`, { cpu: '32', memory: '128Gi', labels: { 'topology.kubernetes.io/zone': `zone-${i % 3}` } });
    c.advance(10);
    for (let i = 0; i < pods; i++) {
      c.request({
        method: 'POST',
        path: '/api/v1/namespaces/default/pods',
        body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${i}`, labels: { app: `app-${i % 50}` } }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] } },
      });
    }
    const m = measure(() => c.advance(10));
    const scheduled = c.scheduler.stats.scheduled;
    figures.push({ name: `scheduler-throughput.${pods / 1000}k`, value: Math.round(scheduled / (m.wallMs / 1000)), unit: 'pods/s', context: `${scheduled} pods on ${nodes} nodes in ${(m.wallMs / 1000).toFixed(1)} s wall; upstream scheduler_perf floor ~680-810 pods/s; target 8,000` });
  }
  return figures;
}
