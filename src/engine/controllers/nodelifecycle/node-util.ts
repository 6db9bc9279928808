/**
 * The node and pod helpers the node lifecycle, taint eviction and pod GC controllers share (pkg/controller's
 * controller_utils.go, pkg/controller/util/node, pkg/api/v1/pod): taints swapped on a node with retries on
 * conflict, pod conditions updated as UpdatePodCondition does, node conditions looked up.
 */
import type { Node, NodeCondition, Pod, PodCondition, PodStatus, Taint } from 'kubernetes-types/core/v1';
import type { ResourceClient } from '../../client/rest-client';
import { isConflict, isNotFound } from '../../client/api-result';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

const RETRIES = 5;

export function nodeCondition(node: Node | undefined, type: string): NodeCondition | undefined {
  return node?.status?.conditions?.find((c) => c.type === type);
}

/** nodeutil.IsNodeReady. */
export function isNodeReady(node: Node): boolean {
  return nodeCondition(node, 'Ready')?.status === 'True';
}

/** Taint.MatchTaint: the same key and effect. */
export const matchTaint = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;

export function taintExists(taints: readonly Taint[] | undefined, taint: Taint): boolean {
  return (taints ?? []).some((t) => matchTaint(t, taint));
}

/**
 * Adds `add` and removes `remove` (matched by key and effect) on the node, re-reading it and retrying on
 * conflict (controller.AddOrUpdateTaintOnNode + RemoveTaintOffNode). Added taints carry `timeAdded`. Returns false
 * when the node could not be updated.
 */
export function swapNodeTaints(nodes: ResourceClient<Node>, nodeName: string, add: Taint[], remove: Taint[], now: string): boolean {
  if (add.length === 0 && remove.length === 0) return true;
  for (let i = 0; i < RETRIES; i++) {
    const got = nodes.get('', nodeName);
    if (!got.ok) return isNotFound(got.status);
    const node = got.value;
    const old = node.spec?.taints ?? [];
    let next = old.filter((t) => !remove.some((r) => matchTaint(r, t)));
    for (const a of add) {
      const existing = next.find((t) => matchTaint(t, a));
      if (existing && (existing.value ?? '') === (a.value ?? '')) continue;
      next = [...next.filter((t) => !matchTaint(t, a)), { ...a, timeAdded: now }];
    }
    if (JSON.stringify(next) === JSON.stringify(old)) return true;
    const spec = { ...node.spec, taints: next.length ? next : undefined };
    if (!spec.taints) delete spec.taints;
    const res = nodes.update('', { ...node, spec });
    if (res.ok) return true;
    if (!isConflict(res.status)) return false;
  }
  return false;
}

/**
 * podutil.UpdatePodCondition: sets the condition, keeping its lastTransitionTime when the status did not change;
 * true when anything changed.
 */
export function updatePodCondition(status: PodStatus, condition: PodCondition, now: string): boolean {
  const conditions = status.conditions ?? [];
  const i = conditions.findIndex((c) => c.type === condition.type);
  const next: PodCondition = { ...condition, lastTransitionTime: now };
  if (i < 0) {
    status.conditions = [...conditions, next];
    return true;
  }
  const old = conditions[i];
  if (old.status === next.status) next.lastTransitionTime = old.lastTransitionTime;
  const same =
    old.status === next.status &&
    (old.reason ?? '') === (next.reason ?? '') &&
    (old.message ?? '') === (next.message ?? '') &&
    (old.lastProbeTime ?? null) === (next.lastProbeTime ?? null) &&
    old.lastTransitionTime === next.lastTransitionTime;
  status.conditions = conditions.map((c, j) => (j === i ? next : c));
  return !same;
}

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}
