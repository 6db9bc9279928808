/**
 * Property test: random sequences of scale / image update / rollback / pause / resume / pod kill / delete, with
 * time passing between them. Invariants are checked after every clock event; after the sequence (resumed) the
 * system must converge to the Deployment's spec.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../cluster';
import { deploymentPath, deploymentYaml, imageOf, live, patch, pods, replicaSets, setImage, stepThrough, workloadCluster } from './test-helpers';

type Obj = Record<string, any>;

type Op =
  | { kind: 'scale'; replicas: number }
  | { kind: 'image'; image: string }
  | { kind: 'rollback' }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'killPod'; index: number }
  | { kind: 'delete' }
  | { kind: 'wait'; ms: number };

const IMAGES = ['nginx:1.25', 'nginx:1.26', 'nginx:1.27'];
const MAX_REPLICAS = 6;

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('scale' as const), replicas: fc.integer({ min: 0, max: MAX_REPLICAS }) }),
  fc.record({ kind: fc.constant('image' as const), image: fc.constantFrom(...IMAGES) }),
  fc.constant({ kind: 'rollback' as const }),
  fc.constant({ kind: 'pause' as const }),
  fc.constant({ kind: 'resume' as const }),
  fc.record({ kind: fc.constant('killPod' as const), index: fc.nat(10) }),
  fc.constant({ kind: 'delete' as const }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 5000 }) }),
);

const deployment = (c: Cluster) => c.get('deploy', 'web');

function ensureDeployment(c: Cluster, image = IMAGES[0]): void {
  if (!deployment(c)) c.apply(deploymentYaml('web', 3, image));
}

function apply(c: Cluster, op: Op): void {
  switch (op.kind) {
    case 'scale':
      ensureDeployment(c);
      patch(c, `${deploymentPath('web')}/scale`, { spec: { replicas: op.replicas } });
      break;
    case 'image':
      ensureDeployment(c, op.image);
      setImage(c, 'web', op.image);
      break;
    case 'rollback': {
      const d = deployment(c);
      if (!d) break;
      const byRevision = replicaSets(c)
        .filter((r) => r.metadata.ownerReferences?.[0]?.uid === d.metadata.uid)
        .sort((a, b) => Number(b.metadata.annotations['deployment.kubernetes.io/revision']) - Number(a.metadata.annotations['deployment.kubernetes.io/revision']));
      if (byRevision.length < 2) break;
      const template = structuredClone(byRevision[1].spec.template);
      delete template.metadata.labels['pod-template-hash'];
      patch(c, deploymentPath('web'), [{ op: 'replace', path: '/spec/template', value: template }], 'application/json-patch+json');
      break;
    }
    case 'pause':
    case 'resume':
      if (deployment(c)) patch(c, deploymentPath('web'), { spec: { paused: op.kind === 'pause' } });
      break;
    case 'killPod': {
      const ps = live(pods(c));
      if (ps.length) c.request({ method: 'DELETE', path: `/api/v1/namespaces/default/pods/${ps[op.index % ps.length].metadata.name}` });
      break;
    }
    case 'delete':
      if (deployment(c)) c.request({ method: 'DELETE', path: deploymentPath('web'), body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' } });
      break;
    case 'wait':
      break;
  }
}

function checkInvariants(c: Cluster): void {
  const rss = replicaSets(c);
  const ps = live(pods(c));
  // No doubling: never more live pods than the largest size plus surge (25% of 6 rounds up to 2).
  expect(ps.length).toBeLessThanOrEqual(MAX_REPLICAS + 2);
  // Every ReplicaSet is named after its template hash, and revisions are unique.
  const revisions = new Set<string>();
  for (const rs of rss) {
    expect(rs.metadata.name).toBe(`web-${rs.metadata.labels['pod-template-hash']}`);
    const rev = rs.metadata.annotations?.['deployment.kubernetes.io/revision'];
    if (rev !== undefined) {
      expect(revisions.has(rev)).toBe(false);
      revisions.add(rev);
    }
  }
  // Pods have at most one controller.
  for (const p of ps) expect((p.metadata.ownerReferences ?? []).filter((r: Obj) => r.controller).length).toBeLessThanOrEqual(1);
  // A live Deployment has at most one ReplicaSet with its current template.
  const d = deployment(c);
  if (d && !d.metadata.deletionTimestamp) {
    const current = rss.filter((rs) => rs.spec.template.spec.containers[0].image === d.spec.template.spec.containers[0].image && !rs.metadata.deletionTimestamp);
    expect(current.length).toBeLessThanOrEqual(1);
  }
}

function checkConverged(c: Cluster): void {
  const d = deployment(c);
  const ps = live(pods(c));
  if (!d) {
    expect(replicaSets(c)).toHaveLength(0);
    expect(pods(c)).toHaveLength(0);
    return;
  }
  const want = d.spec.replicas;
  const image = d.spec.template.spec.containers[0].image;
  expect(d.status.observedGeneration).toBe(d.metadata.generation);
  expect(d.status.replicas ?? 0).toBe(want);
  expect(d.status.updatedReplicas ?? 0).toBe(want);
  expect(d.status.availableReplicas ?? 0).toBe(want);
  expect(ps).toHaveLength(want);
  for (const p of ps) expect(imageOf(p)).toBe(image);
  for (const rs of replicaSets(c)) if (rs.spec.template.spec.containers[0].image !== image) expect(rs.spec.replicas).toBe(0);
  if (want > 0) expect(d.status.conditions.find((x: Obj) => x.type === 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
}

describe('Deployment (property)', () => {
  it('keeps its invariants and converges under random scale / update / rollback / pause / delete', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(opArb, fc.integer({ min: 0, max: 3000 })), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 1000 }), (ops, seed) => {
        const c = workloadCluster(seed);
        c.apply(deploymentYaml('web', 3, IMAGES[0]));
        c.advance(5000);
        for (const [op, gap] of ops) {
          apply(c, op);
          stepThrough(c, gap + (op.kind === 'wait' ? op.ms : 0), () => checkInvariants(c));
        }
        if (deployment(c)?.spec.paused) patch(c, deploymentPath('web'), { spec: { paused: false } });
        stepThrough(c, 120_000, () => checkInvariants(c));
        checkConverged(c);
      }),
      { seed: 20250101, numRuns: 25 },
    );
  });
});
