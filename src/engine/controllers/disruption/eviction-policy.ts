/**
 * The PodDisruptionBudget check of the eviction subresource (pkg/registry/core/pod/storage/eviction.go,
 * checkAndDecrement), plugged into the apiserver as `hooks.admitEviction`: a pod covered by a budget may be
 * evicted only while `status.disruptionsAllowed` is positive, and each approved eviction decrements it and
 * records the pod in `status.disruptedPods` until the disruption controller sees it go. An unready pod may go
 * without spending the budget when the budget is met, or always with `unhealthyPodEvictionPolicy: AlwaysAllow`.
 */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { EvictionContext } from '../../apiserver/hooks';
import { failure, forbidden, type Status } from '../../apiserver/status';
import { isPodReady } from '../nodelifecycle/node-util';
import { pdbSelects, updateDisruptionAllowedCondition, type PdbStatus } from './pdb-util';

/** MaxDisruptedPodSize. */
export const MAX_DISRUPTED_POD_SIZE = 2000;

export const EVICTION_BLOCKED_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget.";

function tooManyRequests(cause: string, retryAfterSeconds: number): Status {
  return failure(429, 'TooManyRequests', EVICTION_BLOCKED_MESSAGE, {
    ...(retryAfterSeconds > 0 ? { retryAfterSeconds } : {}),
    causes: [{ reason: 'DisruptionBudget', message: cause }],
  });
}

export function admitEviction(pod: Pod, ctx: EvictionContext): Status | undefined {
  const pdbs = (ctx.podDisruptionBudgets as PodDisruptionBudget[]).filter((p) => pdbSelects(p, pod));
  if (pdbs.length > 1) {
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.', code: 500 };
  }
  if (pdbs.length === 0) return undefined;
  const pdb = pdbs[0];
  const name = pdb.metadata?.name ?? '';
  const s = pdb.status;
  // An unhealthy pod does not count towards currentHealthy: evicting it spends nothing.
  if (!isPodReady(pod)) {
    if (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow') return undefined;
    if ((s?.currentHealthy ?? 0) >= (s?.desiredHealthy ?? 0) && (s?.desiredHealthy ?? 0) > 0) return undefined;
  }
  if ((s?.observedGeneration ?? 0) < (pdb.metadata?.generation ?? 0)) {
    return tooManyRequests(`The disruption budget ${name} is still being processed by the server.`, 10);
  }
  const allowed = s?.disruptionsAllowed ?? 0;
  if (allowed < 0) return forbidden({ group: 'policy', resource: 'poddisruptionbudget' }, name, 'pdb disruptions allowed is negative');
  if (Object.keys(s?.disruptedPods ?? {}).length > MAX_DISRUPTED_POD_SIZE) {
    return forbidden({ group: 'policy', resource: 'poddisruptionbudget' }, name, 'DisruptedPods map too big - too many evictions not confirmed by PDB controller');
  }
  if (allowed === 0) {
    return tooManyRequests(`The disruption budget ${name} needs ${s?.desiredHealthy ?? 0} healthy pods and has ${s?.currentHealthy ?? 0} currently`, 0);
  }
  const status: PdbStatus = { currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, ...structuredClone(s ?? {}), disruptionsAllowed: allowed - 1 };
  if (status.disruptionsAllowed === 0) updateDisruptionAllowedCondition(status, ctx.now);
  if (ctx.dryRun) return undefined;
  status.disruptedPods = { ...status.disruptedPods, [pod.metadata?.name ?? '']: ctx.now };
  return ctx.updatePodDisruptionBudgetStatus({ ...pdb, status });
}
