/**
 * Same seed + same inputs ⇒ byte-identical results. Share links, time travel and replayed lessons depend on it.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from './cluster';

const MANIFEST = `
apiVersion: v1
kind: ConfigMap
metadata:
  generateName: settings-
data:
  mode: demo
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  generateName: probe-
spec:
  containers:
  - name: c
    image: busybox
    command: ["sleep", "3600"]
`;

function run(seed: number) {
  const cluster = createCluster({ seed });
  cluster.apply(MANIFEST);
  cluster.advance(1_000);
  cluster.request({ method: 'DELETE', path: '/apis/apps/v1/namespaces/default/deployments/web' });
  cluster.advance(60_000);
  return {
    traffic: JSON.stringify(cluster.engine.traffic.recent()),
    store: JSON.stringify(cluster.store.snapshot()),
    rng: cluster.engine.rng.getState(),
  };
}

describe('determinism', () => {
  it('gives byte-identical traffic logs and store contents for the same seed', () => {
    const a = run(1234);
    const b = run(1234);
    expect(a.traffic).toBe(b.traffic);
    expect(a.store).toBe(b.store);
    expect(a.rng).toEqual(b.rng);
  });

  it('gives different uids and generated names for another seed', () => {
    const a = run(1);
    const b = run(2);
    expect(a.store).not.toBe(b.store);
  });
});
