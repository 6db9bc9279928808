import type { Node, Pod } from 'kubernetes-types/core/v1';

/** The kinds of object whose changes can make an unschedulable pod schedulable (framework.EventResource). */
export type EventResource =
  | 'Pod' | 'AssignedPod' | 'UnscheduledPod' | 'Node' | 'PersistentVolume' | 'PersistentVolumeClaim'
  | 'StorageClass' | 'CSINode' | 'CSIDriver' | 'CSIStorageCapacity' | '*';

/** framework.ActionType bit flags, in upstream's order. */
export const ActionType = {
  Add: 1 << 0,
  Delete: 1 << 1,
  UpdateNodeAllocatable: 1 << 2,
  UpdateNodeLabel: 1 << 3,
  UpdateNodeTaint: 1 << 4,
  UpdateNodeCondition: 1 << 5,
  UpdateNodeAnnotation: 1 << 6,
  UpdatePodLabel: 1 << 7,
  UpdatePodScaleDown: 1 << 8,
  UpdatePodTolerations: 1 << 9,
  UpdatePodSchedulingGatesEliminated: 1 << 10,
  UpdatePodGeneratedResourceClaim: 1 << 11,
  /** Any other pod update. */
  UpdatePodOther: 1 << 12,
  Update: 0,
  All: (1 << 13) - 1,
};
ActionType.Update = ActionType.All & ~(ActionType.Add | ActionType.Delete);

export interface ClusterEvent {
  resource: EventResource;
  actionType: number;
  /** For logs and the UI, e.g. `NodeAdd`, `AssignedPodDelete`, `UnschedulableTimeout`. */
  label: string;
}

export type QueueingHint = 'Queue' | 'QueueSkip';
/** Decides, for one pending pod, whether an event may have made it schedulable (framework.QueueingHintFn). */
export type QueueingHintFn = (pod: Pod, oldObj: unknown, newObj: unknown) => QueueingHint;

export interface ClusterEventWithHint {
  event: { resource: EventResource; actionType: number };
  queueingHintFn?: QueueingHintFn;
}

/** Whether a registered event covers the incoming one (MatchClusterEvents). */
export function matchClusterEvents(registered: { resource: EventResource; actionType: number }, incoming: ClusterEvent): boolean {
  if (registered.resource === '*' && registered.actionType === ActionType.All) return true;
  const resourceMatches = registered.resource === incoming.resource ||
    (registered.resource === 'Pod' && (incoming.resource === 'AssignedPod' || incoming.resource === 'UnscheduledPod'));
  return resourceMatches && (registered.actionType & incoming.actionType) !== 0;
}

const ev = (resource: EventResource, actionType: number, label: string): ClusterEvent => ({ resource, actionType, label });

export const NodeAdd = ev('Node', ActionType.Add, 'NodeAdd');
export const NodeDelete = ev('Node', ActionType.Delete, 'NodeDelete');
export const AssignedPodAdd = ev('AssignedPod', ActionType.Add, 'AssignedPodAdd');
export const AssignedPodDelete = ev('AssignedPod', ActionType.Delete, 'AssignedPodDelete');
export const UnschedulableTimeout = ev('*', ActionType.All, 'UnschedulableTimeout');
export const ForceActivate = ev('*', ActionType.All, 'ForceActivate');
export const PvcAdd = ev('PersistentVolumeClaim', ActionType.Add, 'PersistentVolumeClaimAdd');
export const PvcUpdate = ev('PersistentVolumeClaim', ActionType.UpdatePodOther, 'PersistentVolumeClaimUpdate');
export const PvAdd = ev('PersistentVolume', ActionType.Add, 'PersistentVolumeAdd');
export const StorageClassAdd = ev('StorageClass', ActionType.Add, 'StorageClassAdd');

const json = (v: unknown) => JSON.stringify(v ?? null);

/** The specific node update events a Node change stands for (NodeSchedulingPropertiesChange). */
export function nodeUpdateEvents(oldNode: Node, newNode: Node): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  if (json(oldNode.status?.allocatable) !== json(newNode.status?.allocatable)) out.push(ev('Node', ActionType.UpdateNodeAllocatable, 'NodeAllocatableChange'));
  if (json(oldNode.metadata?.labels) !== json(newNode.metadata?.labels)) out.push(ev('Node', ActionType.UpdateNodeLabel, 'NodeLabelChange'));
  if (json(oldNode.spec?.taints) !== json(newNode.spec?.taints) || !!oldNode.spec?.unschedulable !== !!newNode.spec?.unschedulable) {
    out.push(ev('Node', ActionType.UpdateNodeTaint, 'NodeTaintChange'));
  }
  const conds = (n: Node) => json((n.status?.conditions ?? []).map((c) => [c.type, c.status]));
  if (conds(oldNode) !== conds(newNode)) out.push(ev('Node', ActionType.UpdateNodeCondition, 'NodeConditionChange'));
  if (json(oldNode.metadata?.annotations) !== json(newNode.metadata?.annotations)) out.push(ev('Node', ActionType.UpdateNodeAnnotation, 'NodeAnnotationChange'));
  return out;
}

/** The specific pod update events a Pod change stands for (PodSchedulingPropertiesChange). */
export function podUpdateEvents(oldPod: Pod, newPod: Pod, assigned: boolean): ClusterEvent[] {
  const resource: EventResource = assigned ? 'AssignedPod' : 'UnscheduledPod';
  const out: ClusterEvent[] = [];
  if (json(oldPod.metadata?.labels) !== json(newPod.metadata?.labels)) out.push(ev(resource, ActionType.UpdatePodLabel, `${resource}UpdatePodLabel`));
  const reqs = (p: Pod) => json((p.spec?.containers ?? []).map((c) => c.resources?.requests));
  if (reqs(oldPod) !== reqs(newPod)) out.push(ev(resource, ActionType.UpdatePodScaleDown, `${resource}UpdatePodScaleDown`));
  if (json(oldPod.spec?.tolerations) !== json(newPod.spec?.tolerations)) out.push(ev(resource, ActionType.UpdatePodTolerations, `${resource}UpdatePodTolerations`));
  if ((oldPod.spec?.schedulingGates?.length ?? 0) > 0 && (newPod.spec?.schedulingGates?.length ?? 0) === 0) {
    out.push(ev(resource, ActionType.UpdatePodSchedulingGatesEliminated, `${resource}UpdatePodSchedulingGatesEliminated`));
  }
  if (out.length === 0) out.push(ev(resource, ActionType.UpdatePodOther, `${resource}UpdatePodOther`));
  return out;
}
