/**
 * The parts of the pods/eviction REST handler (pkg/registry/core/pod/storage/eviction.go, 1.32) that are not
 * PodDisruptionBudget policy: which pods skip the budgets, and the DisruptionTarget condition an evicted pod is
 * marked with before it is deleted.
 */
type Obj = Record<string, any>;

/** canIgnorePDB: a finished, pending or already terminating pod is deleted without consulting budgets. */
export function canIgnorePdb(pod: Obj): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata?.deletionTimestamp;
}

/** The pod with `DisruptionTarget=True` (EvictionByEvictionAPI); undefined when it already says so. */
export function withEvictionCondition(pod: Obj, now: string): Obj | undefined {
  const conditions: Obj[] = pod.status?.conditions ?? [];
  const old = conditions.find((c) => c.type === 'DisruptionTarget');
  const cond = { type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting', lastTransitionTime: old?.status === 'True' ? old.lastTransitionTime : now };
  if (old && old.status === cond.status && old.reason === cond.reason && old.message === cond.message) return undefined;
  const next = old ? conditions.map((c) => (c === old ? cond : c)) : [...conditions, cond];
  return { ...pod, status: { ...pod.status, conditions: next } };
}
