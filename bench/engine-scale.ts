/**
 * engine-scale: a headless cluster of N worker nodes; one apply creating P pods (Deployments of 100), run as fast
 * as the engine goes until every pod is Running (or a wall-time budget ends). Wall time, peak RSS, sim time.
 */
import { createCluster } from '../src/engine/cluster';
import type { Figure } from './figure';

const SIZES = { small: { nodes: 50, pods: 1_500 }, medium: { nodes: 500, pods: 15_000 }, full: { nodes: 5_000, pods: 150_000 } };
const BUDGET_MS = 10 * 60_000;

function deployments(pods: number): string {
  const docs: string[] = [];
  for (let i = 0; i < pods / 100; i++) {
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: {name: app-${i}}
spec:
  replicas: 100
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata: {labels: {app: app-${i}}}
    spec:
      containers:
      - name: c
        image: registry.k8s.io/pause:3.10
        resources: {requests: {cpu: 10m, memory: 16Mi}}
`);
  }
  return docs.join('---\n');
}

export function engineScale(size: keyof typeof SIZES): Figure[] {
  const { nodes, pods } = SIZES[size];
  const t0 = performance.now();
  const c = createCluster({ seed: 1, workers: nodes });
  c.advance(30_000);
  const bootMs = performance.now() - t0;
  const applied = c.apply(deployments(pods));
  if (applied.error) throw new Error(applied.error);
  const start = performance.now();
  const simStart = c.now();
  let peakRss = 0;
  let running = 0;
  while (performance.now() - start < BUDGET_MS) {
    c.advance(1_000);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    running = c.list('pods', 'default').filter((p) => p.status?.phase === 'Running').length;
    if (running >= pods) break;
  }
  const wallMs = performance.now() - start;
  const ctx = `${nodes} nodes, ${pods} pods, boot ${(bootMs / 1000).toFixed(1)} s`;
  return [
    { name: 'engine-scale.wall', value: Number((wallMs / 1000).toFixed(1)), unit: 's', context: `${ctx}; ${running}/${pods} Running${running < pods ? ' at the budget' : ''}` },
    { name: 'engine-scale.peak-rss', value: Math.round(peakRss / 1024 / 1024), unit: 'MB', context: ctx },
    { name: 'engine-scale.sim-time', value: Math.round((c.now() - simStart) / 1000), unit: 'sim s', context: ctx },
  ];
}
