import type { Pod } from 'kubernetes-types/core/v1';
import type { Rng } from '../util/rng';
import { FitError, type Diagnosis } from './fit-error';
import type { Framework, NodePluginScores } from './framework/framework';
import { CycleState, NodeToStatus, type PostFilterResult } from './framework/interface';
import type { NodeInfo } from './framework/node-info';
import { newPodInfo, type PodInfo } from './framework/pod-info';
import type { Snapshot } from './framework/snapshot';
import { Code, CODE_NAMES, isSuccess, Status } from './framework/status';
import { DefaultPreemption } from './plugins/default-preemption';
import { Names } from './plugins/names';
import type { VolumeBinding, VolumeBindingDecision } from './plugins/volume-binding';

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;
const NUMBER_OF_HIGHEST_SCORED_NODES_TO_REPORT = 3;
export const ErrNoNodesAvailable = 'no nodes available to schedule pods';

/**
 * How many feasible nodes to look for before scoring: all of them in small clusters, else a percentage that
 * shrinks as the cluster grows (50% − nodes/125, at least 5%), never fewer than 100.
 */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  return numNodes < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : numNodes;
}

/**
 * Picks the highest total score; ties are broken uniformly at random by reservoir sampling with `rng`, over the
 * tied nodes in evaluation order. Returns the chosen node and the top `count` nodes (chosen first). Linear in
 * the number of nodes: one pass for the maximum, one over the ties, a small selection for the rest.
 */
export function selectHost(scores: NodePluginScores[], count: number, rng: Rng): { host: string; top: NodePluginScores[] } {
  if (scores.length === 0) throw new Error('empty priorityList');
  let best = -Infinity;
  for (let i = 0; i < scores.length; i++) if (scores[i].totalScore > best) best = scores[i].totalScore;
  let cntOfMaxScore = 0;
  let selected = -1;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i].totalScore !== best) continue;
    cntOfMaxScore++;
    if (cntOfMaxScore === 1 || rng.int(cntOfMaxScore) === 0) selected = i;
  }
  const top = [scores[selected]];
  // The next best, highest score first and, among equals, in evaluation order.
  const taken = new Set<number>([selected]);
  while (top.length < count && top.length < scores.length) {
    let pick = -1;
    for (let i = 0; i < scores.length; i++) {
      if (taken.has(i)) continue;
      if (pick < 0 || scores[i].totalScore > scores[pick].totalScore) pick = i;
    }
    taken.add(pick);
    top.push(scores[pick]);
  }
  return { host: scores[selected].name, top };
}

/** One node's fate in a scheduling attempt, for the UI. */
export interface NodeDecision {
  node: string;
  verdict: 'feasible' | 'rejected';
  /** The plugin that rejected it and its reasons. */
  plugin?: string;
  code?: string;
  reasons?: readonly string[];
  scores?: NodePluginScores['scores'];
  totalScore?: number;
}

/** What the scheduler did with one pod, bounded to `maxNodes` entries (feasible ones by score first). */
export interface DecisionRecord {
  pod: string;
  numAllNodes: number;
  numNodesToFind: number;
  evaluatedNodes: number;
  feasibleNodes: number;
  /** Set when a PreFilter plugin rejected the pod outright. */
  preFilter?: { plugin: string; code: string; message: string };
  skippedFilterPlugins: string[];
  skippedScorePlugins: string[];
  nodes: NodeDecision[];
  /** How many node entries were left out to keep the record small. */
  truncatedNodes: number;
  selectedNode?: string;
  postFilter?: { nominatedNodeName: string; victims: string[]; message: string };
}

export type ScheduleResult =
  | {
      kind: 'Scheduled';
      suggestedHost: string;
      evaluatedNodes: number;
      feasibleNodes: number;
      /** The highest-scored nodes (chosen first); empty when only one node was feasible. */
      topScores: NodePluginScores[];
      /** What VolumeBinding would bind or provision for the pod on the chosen node. */
      volumeBinding?: VolumeBindingDecision;
      decision: DecisionRecord;
    }
  | {
      kind: 'Unschedulable';
      fitError: FitError;
      /** FitError.Error(): the FailedScheduling message. */
      message: string;
      /** From preemption: the node the pod should wait for (empty string clears an older nomination). */
      nominatedNodeName?: string;
      /** Pods preemption would evict to make room. */
      victims: Pod[];
      decision: DecisionRecord;
    }
  | { kind: 'Error'; message: string; decision?: DecisionRecord };

export interface SchedulerOptions {
  /** 0 (default) means adaptive: 50% − nodes/125, minimum 5%. */
  percentageOfNodesToScore?: number;
  /** Cap on node entries in each decision record. */
  maxDecisionNodes?: number;
}

const podName = (p: Pod) => `${p.metadata?.namespace ?? 'default'}/${p.metadata?.name ?? ''}`;

/**
 * The scheduling cycle of one profile (Scheduler.schedulingCycle up to Reserve): filter, score, select — or, on
 * failure, run PostFilter (preemption). Holds the round-robin start index across cycles.
 */
export class Scheduler {
  nextStartNodeIndex = 0;
  readonly percentageOfNodesToScore: number;
  readonly maxDecisionNodes: number;

  constructor(readonly framework: Framework, opts: SchedulerOptions = {}) {
    this.percentageOfNodesToScore = opts.percentageOfNodesToScore ?? 0;
    this.maxDecisionNodes = opts.maxDecisionNodes ?? 100;
  }

  scheduleOne(pod: Pod | PodInfo, snapshot: Snapshot, rng: Rng): ScheduleResult {
    const podInfo = 'key' in pod && 'resources' in pod ? pod : newPodInfo(pod as Pod);
    const fwk = this.framework;
    fwk.setSnapshot(snapshot);
    const preemption = fwk.plugin<DefaultPreemption>(Names.DefaultPreemption);
    if (preemption instanceof DefaultPreemption) preemption.rng = rng;
    const state = new CycleState();
    const decision: DecisionRecord = {
      pod: podName(podInfo.pod), numAllNodes: snapshot.numNodes(), numNodesToFind: 0, evaluatedNodes: 0, feasibleNodes: 0,
      skippedFilterPlugins: [], skippedScorePlugins: [], nodes: [], truncatedNodes: 0,
    };
    if (snapshot.numNodes() === 0) return { kind: 'Error', message: ErrNoNodesAvailable, decision };

    const { feasible, diagnosis, error } = this.findNodesThatFitPod(state, podInfo, decision);
    decision.skippedFilterPlugins = [...state.skipFilterPlugins];
    if (error) return { kind: 'Error', message: error.message(), decision };

    if (feasible.length === 0) {
      decision.evaluatedNodes = diagnosis.nodeToStatus.size;
      const fitError = new FitError(podInfo.pod, snapshot.numNodes(), diagnosis);
      let result: PostFilterResult | undefined;
      if (fwk.postFilterPlugins.length > 0) {
        const post = fwk.runPostFilterPlugins(state, podInfo, diagnosis.nodeToStatus, snapshot.numNodes());
        result = post.result;
        diagnosis.postFilterMsg = post.status.message();
        if (post.status.code === Code.Error) return { kind: 'Error', message: post.status.message(), decision };
      }
      this.recordRejections(decision, diagnosis);
      if (result) {
        decision.postFilter = { nominatedNodeName: result.nominatedNodeName, victims: (result.victims ?? []).map(podName), message: diagnosis.postFilterMsg };
      }
      return {
        kind: 'Unschedulable', fitError, message: fitError.message,
        nominatedNodeName: result?.nominatedNodeName, victims: result?.victims ?? [], decision,
      };
    }

    decision.evaluatedNodes = feasible.length + diagnosis.nodeToStatus.size;
    decision.feasibleNodes = feasible.length;
    let host: string;
    let topScores: NodePluginScores[] = [];
    let allScores: NodePluginScores[] = [];
    if (feasible.length === 1) {
      host = feasible[0].name;
    } else {
      const pre = fwk.runPreScorePlugins(state, podInfo, feasible);
      decision.skippedScorePlugins = [...state.skipScorePlugins];
      if (!isSuccess(pre)) return { kind: 'Error', message: pre!.message(), decision };
      allScores = fwk.hasScorePlugins()
        ? fwk.runScorePlugins(state, podInfo, feasible)
        : feasible.map((n) => ({ name: n.name, scores: [], totalScore: 1 }));
      const sel = selectHost(allScores, NUMBER_OF_HIGHEST_SCORED_NODES_TO_REPORT, rng);
      host = sel.host;
      topScores = sel.top;
    }
    decision.selectedNode = host;
    this.recordFeasible(decision, feasible, allScores, host);
    this.recordRejections(decision, diagnosis);
    const volumes = fwk.plugin<VolumeBinding>(Names.VolumeBinding)?.decisionFor?.(state, host);
    const hasVolumes = volumes && (volumes.claimsToBind.length > 0 || volumes.claimsToProvision.length > 0);
    return {
      kind: 'Scheduled', suggestedHost: host, evaluatedNodes: decision.evaluatedNodes, feasibleNodes: feasible.length,
      topScores, volumeBinding: hasVolumes ? volumes : undefined, decision,
    };
  }

  private findNodesThatFitPod(state: CycleState, pod: PodInfo, decision: DecisionRecord): { feasible: NodeInfo[]; diagnosis: Diagnosis; error?: Status } {
    const fwk = this.framework;
    const snapshot = fwk.snapshot();
    const diagnosis: Diagnosis = { nodeToStatus: new NodeToStatus(), unschedulablePlugins: new Set(), pendingPlugins: new Set(), preFilterMsg: '', postFilterMsg: '' };
    const allNodes = snapshot.nodeInfoList;
    const pre = fwk.runPreFilterPlugins(state, pod);
    diagnosis.unschedulablePlugins = pre.unschedulablePlugins;
    if (!isSuccess(pre.status)) {
      const s = pre.status!;
      if (!s.isRejected()) return { feasible: [], diagnosis, error: s };
      // Every node shares the PreFilter's verdict, so preemption sees it too.
      diagnosis.nodeToStatus.absent = s;
      diagnosis.preFilterMsg = s.message();
      if (s.plugin) diagnosis.unschedulablePlugins.add(s.plugin);
      decision.preFilter = { plugin: s.plugin, code: CODE_NAMES[s.code], message: s.message() };
      return { feasible: [], diagnosis };
    }

    // A previous preemption nominated a node: try it alone first.
    const nominated = pod.pod.status?.nominatedNodeName;
    if (nominated) {
      const ni = snapshot.get(nominated);
      if (ni && isSuccess(fwk.runFilterPluginsWithNominatedPods(state, pod, ni))) return { feasible: [ni], diagnosis };
    }

    let nodes = allNodes;
    if (pre.result?.nodeNames) {
      nodes = [];
      for (const name of pre.result.nodeNames) {
        const ni = snapshot.get(name);
        if (ni) nodes.push(ni);
      }
      diagnosis.nodeToStatus.absent = new Status(Code.UnschedulableAndUnresolvable, []);
    }
    return { feasible: this.findNodesThatPassFilters(state, pod, diagnosis, nodes, decision), diagnosis };
  }

  private findNodesThatPassFilters(state: CycleState, pod: PodInfo, diagnosis: Diagnosis, nodes: readonly NodeInfo[], decision: DecisionRecord): NodeInfo[] {
    const fwk = this.framework;
    const numAllNodes = nodes.length;
    const numNodesToFind = numFeasibleNodesToFind(this.percentageOfNodesToScore, numAllNodes);
    decision.numNodesToFind = numNodesToFind;
    const feasible: NodeInfo[] = [];
    if (numAllNodes === 0) return feasible;
    if (fwk.filterPlugins.length === 0) {
      for (let i = 0; i < numNodesToFind; i++) feasible.push(nodes[(this.nextStartNodeIndex + i) % numAllNodes]);
      this.nextStartNodeIndex = (this.nextStartNodeIndex + feasible.length) % numAllNodes;
      return feasible;
    }
    let processed = 0;
    for (let i = 0; i < numAllNodes && feasible.length < numNodesToFind; i++) {
      const ni = nodes[(this.nextStartNodeIndex + i) % numAllNodes];
      processed++;
      const status = fwk.runFilterPluginsWithNominatedPods(state, pod, ni);
      if (isSuccess(status)) {
        feasible.push(ni);
      } else if (status!.isRejected()) {
        diagnosis.nodeToStatus.set(ni.name, status!);
        diagnosis.unschedulablePlugins.add(status!.plugin);
      } else {
        diagnosis.nodeToStatus.set(ni.name, status!);
      }
    }
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % numAllNodes;
    return feasible;
  }

  private recordFeasible(decision: DecisionRecord, feasible: NodeInfo[], scores: NodePluginScores[], host: string): void {
    const room = Math.ceil(this.maxDecisionNodes / 2);
    const entry = (i: number): NodeDecision => {
      const s = scores[i];
      return { node: feasible[i].name, verdict: 'feasible', scores: s?.scores, totalScore: s?.totalScore };
    };
    // The chosen node first, then by score (evaluation order among equals), so truncation keeps what matters.
    const order: number[] = [];
    for (let i = 0; i < feasible.length; i++) order.push(i);
    const total = (i: number) => scores[i]?.totalScore ?? 0;
    const hostIndex = feasible.findIndex((n) => n.name === host);
    if (feasible.length > room * 4) {
      // Large clusters: keep only nodes scoring at least the room-th best before sorting.
      const sortedTotals = Float64Array.from(order, total).sort().reverse();
      const threshold = sortedTotals[room - 1];
      order.length = 0;
      for (let i = 0; i < feasible.length; i++) if (total(i) >= threshold || i === hostIndex) order.push(i);
    }
    order.sort((a, b) => (a === hostIndex ? -1 : b === hostIndex ? 1 : total(b) - total(a) || a - b));
    const kept = order.slice(0, room);
    for (const i of kept) decision.nodes.push(entry(i));
    decision.truncatedNodes += Math.max(0, feasible.length - kept.length);
  }

  private recordRejections(decision: DecisionRecord, diagnosis: Diagnosis): void {
    const room = this.maxDecisionNodes - decision.nodes.length;
    let n = 0;
    for (const [node, s] of diagnosis.nodeToStatus.map) {
      if (n++ >= room) {
        decision.truncatedNodes++;
        continue;
      }
      decision.nodes.push({ node, verdict: 'rejected', plugin: s.plugin, code: CODE_NAMES[s.code], reasons: s.reasons });
    }
  }
}
