import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../cluster';

type Obj = Record<string, any>;

const deployment = (replicas: number) => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
`;

const pdb = (budget: string) => `
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  ${budget}
  selector:
    matchLabels: {app: web}
`;

function boot(replicas: number, budget: string): Cluster {
  const c = createCluster({ seed: 21 });
  c.advance(20_000);
  c.apply(deployment(replicas));
  c.apply(pdb(budget));
  c.advance(30_000);
  return c;
}

const evict = (c: Cluster, name: string) =>
  c.request({
    method: 'POST',
    path: `/api/v1/namespaces/default/pods/${name}/eviction`,
    body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' } },
  });

const livePods = (c: Cluster) => c.list('pods', 'default', 'app=web').filter((p) => !p.metadata.deletionTimestamp);

describe('PodDisruptionBudgets: disruption controller status and the eviction subresource', () => {
  it('computes the status of a minAvailable budget', () => {
    const c = boot(3, 'minAvailable: 2');
    const status = c.get('pdb', 'web-pdb')!.status;
    expect(status).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 1, observedGeneration: 1 });
    expect(status.conditions).toEqual([expect.objectContaining({ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', observedGeneration: 1 })]);
  });

  it('scales percentages by the owning Deployment', () => {
    expect(boot(4, 'maxUnavailable: "50%"').get('pdb', 'web-pdb')!.status).toMatchObject({ expectedPods: 4, desiredHealthy: 2, currentHealthy: 4, disruptionsAllowed: 2 });
    expect(boot(3, 'minAvailable: "50%"').get('pdb', 'web-pdb')!.status).toMatchObject({ expectedPods: 3, desiredHealthy: 2, disruptionsAllowed: 1 });
    expect(boot(3, 'maxUnavailable: 0').get('pdb', 'web-pdb')!.status.conditions[0]).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
  });

  it('allows one eviction, decrementing the budget, then refuses the next with 429', () => {
    const c = boot(3, 'minAvailable: 2');
    const [first, second] = livePods(c).map((p) => p.metadata.name);
    const ok = evict(c, first);
    expect(ok.status).toBe(201);
    const evicted = c.get('pod', first)!;
    expect(evicted.metadata.deletionTimestamp).toBeDefined();
    expect(evicted.status.conditions.find((x: Obj) => x.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });
    // The apiserver spent the budget before the controller saw anything.
    const spent = c.get('pdb', 'web-pdb')!.status;
    expect(spent.disruptionsAllowed).toBe(0);
    expect(Object.keys(spent.disruptedPods)).toEqual([first]);
    expect(spent.conditions[0]).toMatchObject({ status: 'False', reason: 'InsufficientPods' });

    // The controller recounts at once (the replacement is not ready yet): 2 healthy, 2 needed.
    c.advance(0);
    expect(c.get('pdb', 'web-pdb')!.status).toMatchObject({ currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0 });
    const blocked = evict(c, second);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({
      reason: 'TooManyRequests',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget web-pdb needs 2 healthy pods and has 2 currently' }] },
    });
    expect(c.get('pod', second)!.metadata.deletionTimestamp).toBeUndefined();

    // Once the replacement is ready the budget opens again.
    c.advance(30_000);
    expect(c.get('pdb', 'web-pdb')!.status).toMatchObject({ currentHealthy: 3, disruptionsAllowed: 1 });
    expect(evict(c, second).status).toBe(201);
  });

  it('kubectl drain is held by the budget', () => {
    const c = boot(2, 'minAvailable: 2');
    const blocked = evict(c, livePods(c)[0].metadata.name);
    expect(blocked.status).toBe(429);
    expect((blocked.body as Obj).details.causes[0].message).toBe('The disruption budget web-pdb needs 2 healthy pods and has 2 currently');
  });
});
