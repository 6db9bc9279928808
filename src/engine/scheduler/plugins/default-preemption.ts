import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { CycleState, Handle, NodeToStatus, PostFilterPlugin, PostFilterResult } from '../framework/interface';
import { NodeToStatus as NodeToStatusMap } from '../framework/interface';
import type { NodeInfo } from '../framework/node-info';
import { podPriority, type PodInfo } from '../framework/pod-info';
import { Code, Status, isSuccess, unresolvable } from '../framework/status';
import { compileLabelSelector } from '../util/selectors';
import type { Rng } from '../../util/rng';
import { fitErrorMessage } from '../fit-error';
import { Names } from './names';

export interface DefaultPreemptionArgs {
  /** Percentage of nodes to dry-run preemption on, at least `minCandidateNodesAbsolute` (defaults 10 / 100). */
  minCandidateNodesPercentage?: number;
  minCandidateNodesAbsolute?: number;
}

export interface Candidate {
  name: string;
  victims: Pod[];
  numPDBViolations: number;
}

const startTime = (p: Pod): string => p.status?.startTime ?? '';

/** util.MoreImportantPod: higher priority, then the one that started earlier. */
export function moreImportantPod(a: Pod, b: Pod): boolean {
  const pa = podPriority(a);
  const pb = podPriority(b);
  if (pa !== pb) return pa > pb;
  const sa = startTime(a);
  const sb = startTime(b);
  if (!sa || !sb) return sa !== '' && sb === '';
  return sa < sb;
}

/** Victims whose eviction would exceed a matching PDB's disruptionsAllowed, and the rest, both keeping order. */
export function filterPodsWithPDBViolation(pods: PodInfo[], pdbs: readonly PodDisruptionBudget[]): [PodInfo[], PodInfo[]] {
  const allowed = pdbs.map((p) => p.status?.disruptionsAllowed ?? 0);
  const selectors = pdbs.map((p) => compileLabelSelector(p.spec?.selector));
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const pi of pods) {
    const pod = pi.pod;
    let violated = false;
    const labels = pod.metadata?.labels;
    if (labels && Object.keys(labels).length > 0) {
      pdbs.forEach((pdb, i) => {
        if ((pdb.metadata?.namespace ?? 'default') !== (pod.metadata?.namespace ?? 'default')) return;
        // An empty selector matches nothing for PDBs, as upstream treats it.
        if (selectors[i].empty || !selectors[i].matches(labels)) return;
        if (pdb.status?.disruptedPods?.[pod.metadata?.name ?? '']) return;
        allowed[i]--;
        if (allowed[i] < 0) violated = true;
      });
    }
    (violated ? violating : nonViolating).push(pi);
  }
  return [violating, nonViolating];
}

/**
 * PostFilter: when the pod fits nowhere, find a node where evicting lower-priority pods would make room, the
 * fewest and least important victims first, respecting PodDisruptionBudgets where possible. Reports the
 * nominated node and the victims; the caller evicts them.
 */
export class DefaultPreemption implements PostFilterPlugin {
  readonly name = Names.DefaultPreemption;
  private readonly minPercentage: number;
  private readonly minAbsolute: number;
  /** The RNG of the cycle in progress, for the random offset into the node list. */
  rng: Rng | undefined;

  constructor(private readonly handle: Handle, args: DefaultPreemptionArgs = {}) {
    this.minPercentage = args.minCandidateNodesPercentage ?? 10;
    this.minAbsolute = args.minCandidateNodesAbsolute ?? 100;
  }

  postFilter(state: CycleState, pod: PodInfo, m: NodeToStatus, numAllNodes: number): { result?: PostFilterResult; status: Status | null } {
    const { result, status } = this.preempt(state, pod, m, numAllNodes);
    if (status && status.message()) return { result, status: new Status(status.code, [`preemption: ${status.message()}`]) };
    return { result, status };
  }

  private preempt(state: CycleState, pod: PodInfo, m: NodeToStatus, numAllNodes: number): { result?: PostFilterResult; status: Status | null } {
    const ineligible = this.podEligibleToPreemptOthers(pod.pod, m);
    if (ineligible) return { status: new Status(Code.Unschedulable, [ineligible]) };
    const allNodes = this.handle.snapshot().nodeInfoList;
    const { candidates, nodeToStatus } = this.findCandidates(state, pod, m, allNodes);
    if (candidates.length === 0) {
      return { result: { nominatedNodeName: '' }, status: new Status(Code.Unschedulable, [fitErrorMessage(numAllNodes, nodeToStatus, '', '')]) };
    }
    const best = selectCandidate(candidates);
    return { result: { nominatedNodeName: best.name, victims: best.victims }, status: null };
  }

  /** A reason string when the pod may not preempt, else ''. */
  private podEligibleToPreemptOthers(pod: Pod, m: NodeToStatus): string {
    if (pod.spec?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
    const nominated = pod.status?.nominatedNodeName;
    if (nominated) {
      // A retry after an earlier preemption: wait while that node's victims are still terminating.
      if (m.get(nominated).code === Code.UnschedulableAndUnresolvable) return '';
      const ni = this.handle.snapshot().get(nominated);
      if (ni?.pods.some((p) => p.pod.metadata?.deletionTimestamp && podPriority(p.pod) < podPriority(pod))) {
        return 'not eligible due to a terminating pod on the nominated node.';
      }
    }
    return '';
  }

  private findCandidates(state: CycleState, pod: PodInfo, m: NodeToStatus, allNodes: readonly NodeInfo[]) {
    const nodeToStatus = new NodeToStatusMap();
    const potential: NodeInfo[] = [];
    for (const ni of allNodes) {
      if (m.get(ni.name).code === Code.UnschedulableAndUnresolvable) {
        nodeToStatus.set(ni.name, unresolvable('Preemption is not helpful for scheduling'));
      } else potential.push(ni);
    }
    const candidates: Candidate[] = [];
    if (potential.length === 0) return { candidates, nodeToStatus };
    const pdbs = this.handle.listers.podDisruptionBudgets?.() ?? [];
    let numCandidates = Math.trunc((potential.length * this.minPercentage) / 100);
    if (numCandidates < this.minAbsolute) numCandidates = this.minAbsolute;
    if (numCandidates > potential.length) numCandidates = potential.length;
    const offset = this.rng ? this.rng.int(potential.length) : 0;
    const violating: Candidate[] = [];
    const nonViolating: Candidate[] = [];
    for (let i = 0; i < potential.length; i++) {
      const ni = potential[(offset + i) % potential.length];
      const { victims, numPDBViolations, status } = this.selectVictimsOnNode(state.clone(), pod, ni.clone(), pdbs);
      if (isSuccess(status) && victims.length > 0) {
        (numPDBViolations === 0 ? nonViolating : violating).push({ name: ni.name, victims, numPDBViolations });
        if (nonViolating.length > 0 && nonViolating.length + violating.length >= numCandidates) break;
        continue;
      }
      nodeToStatus.set(ni.name, status ?? new Status(Code.Error, [`expected at least one victim pod on node "${ni.name}"`]));
    }
    candidates.push(...nonViolating, ...violating);
    return { candidates, nodeToStatus };
  }

  /**
   * Removes every lower-priority pod, checks the pod fits, then adds them back most important first (PDB-protected
   * ones before the rest), keeping as victims only those that must go.
   */
  selectVictimsOnNode(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo, pdbs: readonly PodDisruptionBudget[]): { victims: Pod[]; numPDBViolations: number; status: Status | null } {
    const prio = podPriority(pod.pod);
    const potential = nodeInfo.pods.filter((p) => podPriority(p.pod) < prio);
    if (potential.length === 0) return { victims: [], numPDBViolations: 0, status: unresolvable('No preemption victims found for incoming pod') };
    for (const p of potential) {
      nodeInfo.removePod(p.key);
      this.handle.runPreFilterExtensionRemovePod(state, pod, p, nodeInfo);
    }
    const fit = this.handle.runFilterPluginsWithNominatedPods(state, pod, nodeInfo);
    if (!isSuccess(fit)) return { victims: [], numPDBViolations: 0, status: fit };
    potential.sort((a, b) => (moreImportantPod(a.pod, b.pod) ? -1 : moreImportantPod(b.pod, a.pod) ? 1 : 0));
    const [violatingVictims, nonViolatingVictims] = filterPodsWithPDBViolation(potential, pdbs);
    const victims: Pod[] = [];
    let numPDBViolations = 0;
    const reprieve = (p: PodInfo): boolean => {
      nodeInfo.addPodInfo(p);
      this.handle.runPreFilterExtensionAddPod(state, pod, p, nodeInfo);
      const fits = isSuccess(this.handle.runFilterPluginsWithNominatedPods(state, pod, nodeInfo));
      if (!fits) {
        nodeInfo.removePod(p.key);
        this.handle.runPreFilterExtensionRemovePod(state, pod, p, nodeInfo);
        victims.push(p.pod);
      }
      return fits;
    };
    for (const p of violatingVictims) if (!reprieve(p)) numPDBViolations++;
    for (const p of nonViolatingVictims) reprieve(p);
    // Keep victims ordered most important first, so victims[0] is the highest priority one.
    if (violatingVictims.length > 0 && nonViolatingVictims.length > 0) {
      victims.sort((a, b) => (moreImportantPod(a, b) ? -1 : moreImportantPod(b, a) ? 1 : 0));
    }
    return { victims, numPDBViolations, status: null };
  }
}

/**
 * pickOneNodeForPreemption: fewest PDB violations, then the lowest highest-priority victim, the lowest sum of
 * priorities, the fewest victims, the latest start among the highest-priority victims; then the first.
 */
export function selectCandidate(candidates: Candidate[]): Candidate {
  const MAX_INT32 = 2147483647;
  let pool = candidates;
  const keepMin = (f: (c: Candidate) => number) => {
    let best = Infinity;
    for (const c of pool) best = Math.min(best, f(c));
    pool = pool.filter((c) => f(c) === best);
  };
  keepMin((c) => c.numPDBViolations);
  if (pool.length > 1) keepMin((c) => (c.victims.length ? podPriority(c.victims[0]) : -Infinity));
  if (pool.length > 1) keepMin((c) => c.victims.reduce((s, v) => s + podPriority(v) + MAX_INT32 + 1, 0));
  if (pool.length > 1) keepMin((c) => c.victims.length);
  if (pool.length > 1) {
    // Earliest start time among each node's highest-priority victims; prefer the node where it is latest.
    const earliest = (c: Candidate) => {
      const top = podPriority(c.victims[0]);
      let e = '';
      for (const v of c.victims) if (podPriority(v) === top && (e === '' || (startTime(v) && startTime(v) < e))) e = startTime(v);
      return e;
    };
    let latest = '';
    for (const c of pool) if (earliest(c) > latest) latest = earliest(c);
    pool = pool.filter((c) => earliest(c) === latest);
  }
  return pool[0];
}
