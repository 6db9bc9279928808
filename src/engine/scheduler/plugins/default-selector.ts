import type { Pod } from 'kubernetes-types/core/v1';
import type { ClusterListers } from '../framework/listers';
import { andSelectors, compileLabelSelector, selectorFromSet, type Selector } from '../util/selectors';

/**
 * helper.DefaultSelector: the union of the selectors of the Services selecting the pod and of its controlling
 * ReplicationController / ReplicaSet / StatefulSet — what the system default spreading counts as "the same app".
 */
export function defaultSelector(pod: Pod, listers: ClusterListers): Selector {
  const ns = pod.metadata?.namespace ?? 'default';
  const labels = pod.metadata?.labels ?? {};
  const set: Record<string, string> = {};
  for (const svc of listers.services?.(ns) ?? []) {
    const sel = svc.spec?.selector;
    if (!sel || Object.keys(sel).length === 0) continue;
    if (Object.entries(sel).every(([k, v]) => labels[k] === v)) Object.assign(set, sel);
  }
  let selector = selectorFromSet(set);
  const owner = (pod.metadata?.ownerReferences ?? []).find((o) => o.controller);
  if (!owner) return selector;
  const group = owner.apiVersion.includes('/') ? owner.apiVersion.split('/')[0] : '';
  if (group === '' && owner.kind === 'ReplicationController') {
    const rc = listers.replicationController?.(ns, owner.name);
    if (rc) selector = selectorFromSet({ ...set, ...(rc.spec?.selector ?? {}) });
  } else if (group === 'apps' && owner.kind === 'ReplicaSet') {
    const rs = listers.replicaSet?.(ns, owner.name);
    if (rs) selector = andSelectors(selector, compileLabelSelector(rs.spec?.selector));
  } else if (group === 'apps' && owner.kind === 'StatefulSet') {
    const ss = listers.statefulSet?.(ns, owner.name);
    if (ss) selector = andSelectors(selector, compileLabelSelector(ss.spec?.selector));
  }
  return selector;
}
