/** Shared test scaffolding for the Deployment tests: a cluster with the workload controllers and a test node. */
import { createCluster, type Cluster } from '../../cluster';
import { TestKubelet, type TestKubeletOptions } from '../replicaset/test-kubelet';

type Obj = Record<string, any>;

export const WORKLOAD_CONTROLLERS = ['serviceaccount', 'replicaset', 'deployment', 'garbagecollector'];

export function workloadCluster(seed = 1, kubelet: TestKubeletOptions = {}, controllers = WORKLOAD_CONTROLLERS): Cluster {
  const cluster = createCluster({ seed, controllers });
  new TestKubelet(cluster, kubelet);
  return cluster;
}

export function deploymentYaml(name: string, replicas: number, image: string, strategy = 'RollingUpdate', extra = ''): string {
  const rolling = strategy === 'RollingUpdate' ? '' : `\n  strategy: {type: ${strategy}}`;
  return `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}${rolling}${extra}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: app
        image: ${image}
`;
}

export const pods = (c: Cluster, ns = 'default'): Obj[] => c.list('pods', ns);
export const live = (ps: Obj[]) => ps.filter((p) => !p.metadata.deletionTimestamp);
export const ready = (p: Obj) => p.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True');
export const imageOf = (p: Obj) => p.spec.containers[0].image;

export function patch(c: Cluster, path: string, body: unknown, type = 'application/merge-patch+json') {
  const res = c.request({ method: 'PATCH', path, headers: { 'content-type': type }, body });
  if (res.status >= 300) throw new Error(`PATCH ${path}: ${JSON.stringify(res.body)}`);
  return res.body as Obj;
}

export const deploymentPath = (name: string, ns = 'default') => `/apis/apps/v1/namespaces/${ns}/deployments/${name}`;

export function setImage(c: Cluster, name: string, image: string) {
  return patch(c, deploymentPath(name), { spec: { template: { spec: { containers: [{ name: 'app', image }] } } } }, 'application/strategic-merge-patch+json');
}

/** Steps the clock event by event (up to `ms` of virtual time), calling `check` after each. */
export function stepThrough(c: Cluster, ms: number, check: () => void, maxEvents = 100_000): void {
  const until = c.now() + ms;
  for (let i = 0; i < maxEvents; i++) {
    const next = c.engine.clock.peekTime();
    if (next === undefined || next > until) break;
    c.engine.step();
    check();
  }
  c.engine.advance(Math.max(0, until - c.now()));
}

export const eventMessages = (c: Cluster, reason: string, ns = 'default') =>
  c
    .list('events', ns)
    .filter((e) => e.reason === reason)
    // Creation order (names carry random sub-millisecond digits; these events are never re-counted).
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => e.message as string);

export const replicaSets = (c: Cluster, ns = 'default') => c.list('replicasets', ns);
