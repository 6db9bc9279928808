import type { Node, PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { CycleState, EnqueueExtensions, FilterPlugin, Handle, PreFilterPlugin, PreFilterResult, StateData } from '../framework/interface';
import type { NodeInfo } from '../framework/node-info';
import type { PodInfo } from '../framework/pod-info';
import { parseValue } from '../util/quantity';
import { SKIP, unresolvable, unschedulable, type Status } from '../framework/status';
import { compileNodeSelector, compileNodeSelectorTerm } from '../util/selectors';
import { ActionType, type ClusterEventWithHint } from '../queue/events';
import { Names } from './names';

export const ErrReasonBindConflict = "node(s) didn't find available persistent volumes to bind";
export const ErrReasonNodeConflict = 'node(s) had volume node affinity conflict';
export const ErrReasonPVNotExist = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
export const ErrUnboundImmediatePVCs = 'pod has unbound immediate PersistentVolumeClaims';

/** What the binder would do for the chosen node: pre-bind these PVs, provision these claims there. */
export interface VolumeBindingDecision {
  claimsToBind: { claim: PersistentVolumeClaim; volume: PersistentVolume }[];
  claimsToProvision: PersistentVolumeClaim[];
}

const KEY = 'PreFilterVolumeBinding';

class State implements StateData {
  constructor(
    readonly bound: PersistentVolumeClaim[],
    readonly delayed: PersistentVolumeClaim[],
    /** Filter's per-node verdicts, so the caller can read the decision for the node it picks. */
    readonly decisions = new Map<string, VolumeBindingDecision>(),
  ) {}
  clone() { return this; }
}

const claimClass = (c: PersistentVolumeClaim) => c.spec?.storageClassName ?? '';
const pvMatchesNode = (pv: PersistentVolume, node: Node) => {
  const req = pv.spec?.nodeAffinity?.required;
  return !req || compileNodeSelector(req)(node);
};

/**
 * A simplified VolumeBinding: bound claims must have their PV reachable from the node; unbound claims of a
 * WaitForFirstConsumer class need an available matching PV on the node or a class that can provision there;
 * unbound claims with Immediate binding make the pod wait for the PV controller.
 */
export class VolumeBinding implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  readonly name = Names.VolumeBinding;

  constructor(private readonly handle: Handle) {}

  preFilter(state: CycleState, pod: PodInfo): { result?: PreFilterResult; status: Status | null } {
    const claims = (pod.pod.spec?.volumes ?? []).filter((v) => v.persistentVolumeClaim).map((v) => v.persistentVolumeClaim!.claimName);
    if (claims.length === 0) return { status: SKIP() };
    const ns = pod.pod.metadata?.namespace ?? 'default';
    const listers = this.handle.listers;
    const bound: PersistentVolumeClaim[] = [];
    const delayed: PersistentVolumeClaim[] = [];
    let immediate = 0;
    for (const name of claims) {
      const pvc = listers.persistentVolumeClaim?.(ns, name);
      if (!pvc) return { status: unresolvable(`persistentvolumeclaim "${name}" not found`) };
      if (pvc.metadata?.deletionTimestamp) return { status: unresolvable(`persistentvolumeclaim "${name}" is being deleted`) };
      if (pvc.spec?.volumeName) bound.push(pvc);
      else if (listers.storageClass?.(claimClass(pvc))?.volumeBindingMode === 'WaitForFirstConsumer') delayed.push(pvc);
      else immediate++;
    }
    if (immediate > 0) return { status: unresolvable(ErrUnboundImmediatePVCs) };
    state.write(KEY, new State(bound, delayed));
    return { status: null };
  }

  filter(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const s = state.read<State>(KEY);
    if (!s) return null;
    const node = nodeInfo.node!;
    const listers = this.handle.listers;
    for (const pvc of s.bound) {
      const pv = listers.persistentVolume?.(pvc.spec!.volumeName!);
      if (!pv) return unresolvable(ErrReasonPVNotExist);
      if (!pvMatchesNode(pv, node)) return unresolvable(ErrReasonNodeConflict);
    }
    const decision: VolumeBindingDecision = { claimsToBind: [], claimsToProvision: [] };
    const taken = new Set<string>();
    for (const pvc of s.delayed) {
      const pv = this.findMatchingVolume(pvc, node, taken);
      if (pv) {
        taken.add(pv.metadata?.name ?? '');
        decision.claimsToBind.push({ claim: pvc, volume: pv });
        continue;
      }
      const sc = listers.storageClass?.(claimClass(pvc));
      if (!sc || sc.provisioner === 'kubernetes.io/no-provisioner') return unschedulable(ErrReasonBindConflict);
      const topologies = sc.allowedTopologies ?? [];
      const allowed = topologies.length === 0 || topologies.some((t) =>
        compileNodeSelectorTerm({ matchExpressions: (t.matchLabelExpressions ?? []).map((e) => ({ key: e.key, operator: 'In', values: e.values })) })(node));
      if (!allowed) return unschedulable(ErrReasonBindConflict);
      decision.claimsToProvision.push(pvc);
    }
    s.decisions.set(nodeInfo.name, decision);
    return null;
  }

  /** The decision Filter reached for `nodeName` in this cycle (what Reserve would assume). */
  decisionFor(state: CycleState, nodeName: string): VolumeBindingDecision | undefined {
    return state.read<State>(KEY)?.decisions.get(nodeName);
  }

  /** The smallest available PV of the claim's class that satisfies its size and access modes on this node. */
  private findMatchingVolume(pvc: PersistentVolumeClaim, node: Node, taken: Set<string>): PersistentVolume | undefined {
    const want = parseValue(pvc.spec?.resources?.requests?.storage ?? '0') || 0;
    const modes = pvc.spec?.accessModes ?? [];
    let best: PersistentVolume | undefined;
    let bestSize = Infinity;
    for (const pv of this.handle.listers.persistentVolumes?.() ?? []) {
      if (taken.has(pv.metadata?.name ?? '') || pv.spec?.claimRef || pv.status?.phase === 'Released' || pv.status?.phase === 'Failed') continue;
      if ((pv.spec?.storageClassName ?? '') !== claimClass(pvc)) continue;
      const size = parseValue(pv.spec?.capacity?.storage ?? '0') || 0;
      if (size < want || size >= bestSize) continue;
      if (!modes.every((m) => (pv.spec?.accessModes ?? []).includes(m))) continue;
      if (!pvMatchesNode(pv, node)) continue;
      best = pv;
      bestSize = size;
    }
    return best;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      { event: { resource: 'PersistentVolumeClaim', actionType: ActionType.Add | ActionType.Update } },
      { event: { resource: 'PersistentVolume', actionType: ActionType.Add | ActionType.Update } },
      { event: { resource: 'StorageClass', actionType: ActionType.Add | ActionType.Update } },
      { event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint } },
      { event: { resource: 'CSINode', actionType: ActionType.Add | ActionType.Update } },
    ];
  }
}
