/** reconcile-latency: a 100-replica Deployment on 10 nodes, from apply to all available, wall ms at max speed. */
import { createCluster } from '../src/engine/cluster';
import { measure, type Figure } from './figure';

export function reconcileLatency(): Figure[] {
  const c = createCluster({ seed: 1, workers: 10 });
  c.advance(30_000);
  const m = measure(() => {
    c.kubectl('kubectl create deployment web --image=nginx --replicas=100');
    let sim = 0;
    while (sim < 600_000) {
      c.advance(1_000);
      sim += 1_000;
      if (c.get('deployment', 'web')?.status?.availableReplicas === 100) break;
    }
    return sim;
  });
  return [{ name: 'reconcile-latency', value: Math.round(m.wallMs), unit: 'ms', context: `100 replicas on 10 nodes available after ${m.result / 1000} sim s; target ≤ 200 ms` }];
}
