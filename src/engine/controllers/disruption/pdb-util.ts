/**
 * PodDisruptionBudget helpers shared by the disruption controller and the eviction subresource
 * (k8s.io/component-helpers/apps/poddisruptionbudget, intstr.GetScaledValueFromIntOrPercent).
 */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { Condition } from 'kubernetes-types/meta/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { labelSelectorAsMatcher } from '../../apiserver/selectors/labels';

export const DISRUPTION_ALLOWED = 'DisruptionAllowed';
export const SUFFICIENT_PODS = 'SufficientPods';
export const INSUFFICIENT_PODS = 'InsufficientPods';
export const SYNC_FAILED = 'SyncFailed';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type PdbStatus = Mutable<NonNullable<PodDisruptionBudget['status']>>;

/** An int or a percentage of `total`, rounded up (roundUp = true, as the PDB code asks). */
export function scaledValue(v: number | string, total: number): number | Error {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  return Math.ceil((Number(m[1]) * total) / 100);
}

/** apimeta.SetStatusCondition: lastTransitionTime moves only when the status changes. */
export function setStatusCondition(conditions: Condition[], c: Omit<Condition, 'lastTransitionTime'>, now: string): Condition[] {
  const old = conditions.find((x) => x.type === c.type);
  const next: Condition = { ...c, message: c.message ?? '', lastTransitionTime: old && old.status === c.status ? old.lastTransitionTime : now };
  return old ? conditions.map((x) => (x.type === c.type ? next : x)) : [...conditions, next];
}

/** UpdateDisruptionAllowedCondition. */
export function updateDisruptionAllowedCondition(status: PdbStatus, now: string): void {
  const allowed = (status.disruptionsAllowed ?? 0) > 0;
  status.conditions = setStatusCondition(
    [...(status.conditions ?? [])],
    { type: DISRUPTION_ALLOWED, status: allowed ? 'True' : 'False', reason: allowed ? SUFFICIENT_PODS : INSUFFICIENT_PODS, message: '', observedGeneration: status.observedGeneration },
    now,
  );
}

/** ConditionsAreUpToDate. */
export function conditionsAreUpToDate(pdb: PodDisruptionBudget): boolean {
  const s = pdb.status;
  const c = s?.conditions?.find((x) => x.type === DISRUPTION_ALLOWED);
  if (!c || s?.observedGeneration !== pdb.metadata?.generation) return false;
  return (s?.disruptionsAllowed ?? 0) > 0 ? c.status === 'True' && c.reason === SUFFICIENT_PODS : c.status === 'False' && c.reason === INSUFFICIENT_PODS;
}

/** Whether the PDB selects the pod; a nil or empty selector selects nothing. */
export function pdbSelects(pdb: PodDisruptionBudget, pod: Pod): boolean {
  if (pdb.metadata?.namespace !== pod.metadata?.namespace) return false;
  const sel = pdb.spec?.selector;
  if (!sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0)) return false;
  const parsed = labelSelectorAsMatcher(sel);
  return parsed.ok && parsed.selector.matches(pod.metadata?.labels ?? {});
}
