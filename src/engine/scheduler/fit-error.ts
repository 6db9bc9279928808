import type { Pod } from 'kubernetes-types/core/v1';
import type { NodeToStatus } from './framework/interface';

/** Why a pod fits no node (framework.Diagnosis). */
export interface Diagnosis {
  nodeToStatus: NodeToStatus;
  /** Plugins that rejected the pod somewhere; their events can requeue it. */
  unschedulablePlugins: Set<string>;
  pendingPlugins: Set<string>;
  /** Set when PreFilter rejected the pod for every node. */
  preFilterMsg: string;
  /** The PostFilter (preemption) outcome, e.g. `preemption: 0/3 nodes are available: ...`. */
  postFilterMsg: string;
}

/** `3 Insufficient cpu`-style entries, sorted as strings (sortReasonsHistogram). */
export function sortReasonsHistogram(reasons: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [reason, count] of reasons) out.push(`${count} ${reason}`);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * FitError.Error(): `0/N nodes are available: <histogram>.` — or the PreFilter message — followed by the
 * PostFilter message (already ending in a period).
 */
export function fitErrorMessage(numAllNodes: number, nodeToStatus: NodeToStatus, preFilterMsg: string, postFilterMsg: string): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (preFilterMsg) {
    msg += ` ${preFilterMsg}.`;
  } else {
    const reasons = new Map<string, number>();
    for (const status of nodeToStatus.map.values()) for (const r of status.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    const absent = numAllNodes - nodeToStatus.size;
    if (absent > 0) for (const r of nodeToStatus.absent.reasons) reasons.set(r, (reasons.get(r) ?? 0) + absent);
    const sorted = sortReasonsHistogram(reasons);
    if (sorted.length > 0) msg += ` ${sorted.join(', ')}.`;
  }
  if (postFilterMsg) msg += ` ${postFilterMsg}`; // already a sentence (preemption: 0/N nodes are available: ….)
  return msg;
}

/** The scheduling failure: which nodes rejected the pod and why (framework.FitError). */
export class FitError {
  constructor(readonly pod: Pod, readonly numAllNodes: number, readonly diagnosis: Diagnosis) {}

  /** Exactly the FailedScheduling event / PodScheduled condition message upstream writes. */
  get message(): string {
    return fitErrorMessage(this.numAllNodes, this.diagnosis.nodeToStatus, this.diagnosis.preFilterMsg, this.diagnosis.postFilterMsg);
  }

  toString(): string {
    return this.message;
  }
}
