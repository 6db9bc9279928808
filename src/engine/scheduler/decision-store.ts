/**
 * What the running scheduler decided, kept for the UI: the latest attempt per pod (bounded, oldest pods forgotten
 * first) and a bounded log of one-line narrations.
 */
import type { PluginScore } from './framework/framework';
import type { DecisionRecord } from './schedule-one';

export type AttemptOutcome = 'Scheduled' | 'Unschedulable' | 'Error' | 'BindingFailed';

/** One scheduling attempt of one pod, as `scheduler.decisionFor(namespace, name)` returns it. */
export interface SchedulingDecision {
  namespace: string;
  name: string;
  uid: string;
  /** Sim time of the attempt (ms). */
  time: number;
  /** 1 for the first attempt, counting every retry. */
  attempt: number;
  outcome: AttemptOutcome;
  /** The node the pod was bound to. */
  node?: string;
  /** Why that node: its weighted plugin scores (highest first) and total. */
  why?: { totalScore: number; scores: PluginScore[]; feasibleNodes: number; onlyFeasible: boolean };
  /** FitError / error text: the FailedScheduling message. */
  message?: string;
  /** Set when preemption chose a node: the node and the victims (`namespace/name`). */
  nominatedNodeName?: string;
  victims?: string[];
  /** Per node filter verdicts and plugin scores (see DecisionRecord). */
  record?: DecisionRecord;
  narration: string;
}

export interface Narration {
  time: number;
  text: string;
}

export const DEFAULT_MAX_DECISION_PODS = 500;
export const DEFAULT_MAX_NARRATIONS = 1000;

export class DecisionStore {
  /** Insertion-ordered: re-recording a pod moves it to the end, so eviction drops the least recently scheduled. */
  private readonly byPod = new Map<string, SchedulingDecision>();
  private readonly lines: Narration[] = [];

  constructor(
    readonly maxPods = DEFAULT_MAX_DECISION_PODS,
    readonly maxNarrations = DEFAULT_MAX_NARRATIONS,
  ) {}

  record(d: SchedulingDecision): void {
    const key = `${d.namespace}/${d.name}`;
    this.byPod.delete(key);
    this.byPod.set(key, d);
    if (this.byPod.size > this.maxPods) this.byPod.delete(this.byPod.keys().next().value as string);
    this.narrate(d.time, d.narration);
  }

  narrate(time: number, text: string): void {
    this.lines.push({ time, text });
    if (this.lines.length > this.maxNarrations) this.lines.splice(0, this.lines.length - this.maxNarrations);
  }

  get(namespace: string, name: string): SchedulingDecision | undefined {
    return this.byPod.get(`${namespace}/${name}`);
  }

  /** The kept decisions, oldest first. */
  list(): SchedulingDecision[] {
    return [...this.byPod.values()];
  }

  narrations(): readonly Narration[] {
    return this.lines;
  }
}

/** Weighted plugin scores of a node, highest first, zeros left out of the text. */
function scoreBreakdown(scores: readonly PluginScore[]): string {
  const parts = scores.filter((s) => s.weighted !== 0).sort((a, b) => b.weighted - a.weighted).map((s) => `${s.plugin} ${s.weighted}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** `scheduler bound web-5d4f8-x2k9q to worker-2: highest score 182 (NodeResourcesFit 85, …)`. */
export function boundNarration(pod: string, node: string, why: NonNullable<SchedulingDecision['why']>): string {
  if (why.onlyFeasible) return `scheduler bound ${pod} to ${node}: the only feasible node`;
  return `scheduler bound ${pod} to ${node}: highest score ${why.totalScore} of ${why.feasibleNodes} feasible nodes${scoreBreakdown(why.scores)}`;
}

export function unschedulableNarration(pod: string, message: string, nominated?: string, victims: string[] = []): string {
  if (nominated) {
    const who = victims.length > 0 ? `, preempting ${victims.join(', ')}` : '';
    return `scheduler nominated ${nominated} for ${pod}${who}: ${message}`;
  }
  return `scheduler could not place ${pod}: ${message}`;
}
