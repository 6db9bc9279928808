import { it } from 'vitest';
import { createCluster } from '../engine/cluster';
import { daemonsets } from './library/daemonsets';
import { statefulsetIdentity } from './library/statefulset-identity';
it('ds', () => {
  const c = createCluster({ seed: 1, workers: 3 });
  c.advance(20_000);
  c.apply(daemonsets.steps[0].yaml!); c.advance(30_000);
  console.log(c.apply(daemonsets.steps[1].yaml!).outcomes.map(o => o.error ?? 'ok'));
  c.advance(60_000);
  console.log(c.kubectl('get pods -l app=node-agent -o wide').stdout);
  console.log(c.kubectl('describe ds node-agent').stdout.split('\n').slice(-12).join('\n'));
  console.log(c.kubectl('patch deployment x -p {}').stderr);
});
it('sts', () => {
  const c = createCluster({ seed: 1, workers: 3 });
  c.advance(20_000);
  c.apply(statefulsetIdentity.steps[0].yaml!); c.advance(90_000);
  console.log(c.kubectl('get pods,pvc,pv -o wide').stdout);
  console.log(c.kubectl('describe pvc data-db-0').stdout);
});
