import type { ClusterListers } from './listers';
import {
  CycleState, hasEnqueueExtensions, hasFilter, hasPostFilter, hasPreEnqueue, hasPreFilter, hasPreScore, hasQueueSort, hasScore,
  type EnqueueExtensions, type FilterPlugin, type Handle, type NodeScore, type NodeToStatus, type Plugin, type PostFilterPlugin,
  type PostFilterResult, type PreEnqueuePlugin, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type QueueSortPlugin,
  type ScorePlugin,
} from './interface';
import type { NodeInfo } from './node-info';
import { podPriority, type PodInfo } from './pod-info';
import type { Snapshot } from './snapshot';
import { Code, Status, errorStatus, isSuccess, unresolvable } from './status';

/** Pods nominated to run on a node after a preemption; filters account for them (framework.PodNominator). */
export interface Nominator {
  nominatedPodsForNode(nodeName: string): readonly PodInfo[];
}

/** One plugin's contribution to a node's score. */
export interface PluginScore {
  plugin: string;
  /** What Score returned. */
  raw: number;
  /** After NormalizeScore, 0–100. */
  normalized: number;
  /** normalized × the plugin's weight; the total is the sum of these. */
  weighted: number;
}

export interface NodePluginScores {
  name: string;
  scores: PluginScore[];
  totalScore: number;
}

export interface FrameworkOptions {
  plugins: Plugin[];
  /** Score weights by plugin name; a score plugin without one gets 1. */
  weights?: Record<string, number>;
  listers?: ClusterListers;
  nominator?: Nominator;
}

/** One cycle's score matrix: per plugin, raw and normalised scores by node index. */
interface ScoreTable {
  plugins: string[];
  weights: number[];
  raw: Float64Array[];
  normalized: Float64Array[];
}

/** A node's total, with the per-plugin breakdown built on first read. */
class LazyNodePluginScores implements NodePluginScores {
  private built: PluginScore[] | undefined;

  constructor(
    readonly name: string,
    readonly totalScore: number,
    private readonly table: ScoreTable,
    private readonly index: number,
  ) {}

  get scores(): PluginScore[] {
    if (!this.built) {
      const t = this.table;
      this.built = t.plugins.map((plugin, p) => {
        const normalized = t.normalized[p][this.index];
        return { plugin, raw: t.raw[p][this.index], normalized, weighted: normalized * t.weights[p] };
      });
    }
    return this.built;
  }

  toJSON(): NodePluginScores {
    return { name: this.name, scores: this.scores, totalScore: this.totalScore };
  }
}

const EMPTY_SNAPSHOT_ERROR = 'framework: no snapshot set for this cycle';

/**
 * The plugin runner of one profile (frameworkImpl): calls each extension point's plugins in the configured order
 * with upstream's rules for Skip, rejections and score normalisation.
 */
export class Framework implements Handle {
  plugins: Plugin[] = [];
  queueSortPlugin: QueueSortPlugin | undefined;
  preEnqueuePlugins: PreEnqueuePlugin[] = [];
  preFilterPlugins: PreFilterPlugin[] = [];
  filterPlugins: FilterPlugin[] = [];
  postFilterPlugins: PostFilterPlugin[] = [];
  preScorePlugins: PreScorePlugin[] = [];
  scorePlugins: ScorePlugin[] = [];
  enqueueExtensions: (Plugin & EnqueueExtensions)[] = [];
  readonly weights: Record<string, number>;
  listers: ClusterListers;
  nominator: Nominator | undefined;
  private current: Snapshot | undefined;

  constructor(opts: FrameworkOptions) {
    this.weights = opts.weights ?? {};
    this.listers = opts.listers ?? {};
    this.nominator = opts.nominator;
    this.withPlugins(opts.plugins);
  }

  /** Sets the plugin list (in order); plugins built with this framework as their Handle are added this way. */
  withPlugins(plugins: Plugin[]): this {
    this.plugins = plugins;
    this.queueSortPlugin = plugins.find(hasQueueSort);
    this.preEnqueuePlugins = plugins.filter(hasPreEnqueue);
    this.preFilterPlugins = plugins.filter(hasPreFilter);
    this.filterPlugins = plugins.filter(hasFilter);
    this.postFilterPlugins = plugins.filter(hasPostFilter);
    this.preScorePlugins = plugins.filter(hasPreScore);
    this.scorePlugins = plugins.filter(hasScore);
    this.enqueueExtensions = plugins.filter(hasEnqueueExtensions);
    return this;
  }

  plugin<T extends Plugin>(name: string): T | undefined {
    return this.plugins.find((p) => p.name === name) as T | undefined;
  }

  setSnapshot(snapshot: Snapshot): void {
    this.current = snapshot;
  }

  snapshot(): Snapshot {
    if (!this.current) throw new Error(EMPTY_SNAPSHOT_ERROR);
    return this.current;
  }

  runPreFilterPlugins(state: CycleState, pod: PodInfo): { result: PreFilterResult | undefined; status: Status | null; unschedulablePlugins: Set<string> } {
    let result: PreFilterResult | undefined;
    const unschedulablePlugins = new Set<string>();
    const pluginsWithNodes: string[] = [];
    const nodes = this.snapshot().nodeInfoList;
    for (const pl of this.preFilterPlugins) {
      const { result: r, status } = pl.preFilter(state, pod, nodes);
      if (status?.code === Code.Skip) {
        state.skipFilterPlugins.add(pl.name);
        continue;
      }
      if (!isSuccess(status)) {
        status!.plugin = pl.name;
        if (status!.isRejected()) unschedulablePlugins.add(pl.name);
        else return { result: undefined, status: errorStatus(`running PreFilter plugin "${pl.name}": ${status!.message()}`).withPlugin(pl.name), unschedulablePlugins };
        return { result: undefined, status, unschedulablePlugins };
      }
      if (r?.nodeNames) {
        pluginsWithNodes.push(pl.name);
        result = { nodeNames: result?.nodeNames ? new Set([...result.nodeNames].filter((n) => r.nodeNames!.has(n))) : new Set(r.nodeNames) };
        if (result.nodeNames!.size === 0) {
          const msg = pluginsWithNodes.length === 1
            ? `node(s) didn't satisfy plugin ${pluginsWithNodes[0]}`
            : `node(s) didn't satisfy plugin(s) [${pluginsWithNodes.join(' ')}] simultaneously`;
          for (const p of pluginsWithNodes) unschedulablePlugins.add(p);
          return { result: undefined, status: unresolvable(msg), unschedulablePlugins };
        }
      }
    }
    return { result, status: null, unschedulablePlugins };
  }

  /** Stops at the first plugin that rejects the node, as upstream does. */
  runFilterPlugins(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const plugins = this.filterPlugins;
    const skip = state.skipFilterPlugins;
    const checkSkip = skip.size > 0;
    for (let i = 0; i < plugins.length; i++) {
      const pl = plugins[i];
      if (checkSkip && skip.has(pl.name)) continue;
      const status = pl.filter(state, pod, nodeInfo);
      if (status !== null && status.code !== Code.Success) {
        if (!status.isRejected()) return errorStatus(`running "${pl.name}" filter plugin: ${status.message()}`).withPlugin(pl.name);
        status.plugin = pl.name;
        return status;
      }
    }
    return null;
  }

  /**
   * Filters twice when higher-or-equal priority pods are nominated to the node: once as if they were running
   * there, and once without them (their nomination may not hold).
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const nominated = this.nominator?.nominatedPodsForNode(nodeInfo.name);
    if (!nominated || nominated.length === 0) return this.runFilterPlugins(state, pod, nodeInfo);
    const prio = podPriority(pod.pod);
    const relevant = nominated.filter((p) => podPriority(p.pod) >= prio && p.key !== pod.key);
    if (relevant.length === 0) return this.runFilterPlugins(state, pod, nodeInfo);
    const stateWith = state.clone();
    const infoWith = nodeInfo.clone();
    for (const p of relevant) {
      infoWith.addPodInfo(p);
      this.runPreFilterExtensionAddPod(stateWith, pod, p, infoWith);
    }
    const status = this.runFilterPlugins(stateWith, pod, infoWith);
    if (!isSuccess(status)) return status;
    return this.runFilterPlugins(state, pod, nodeInfo);
  }

  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: PodInfo, toAdd: PodInfo, nodeInfo: NodeInfo): Status | null {
    for (const pl of this.preFilterPlugins) {
      if (state.skipFilterPlugins.has(pl.name)) continue;
      const s = pl.preFilterExtensions?.()?.addPod(state, podToSchedule, toAdd, nodeInfo);
      if (!isSuccess(s)) return s!;
    }
    return null;
  }

  runPreFilterExtensionRemovePod(state: CycleState, podToSchedule: PodInfo, toRemove: PodInfo, nodeInfo: NodeInfo): Status | null {
    for (const pl of this.preFilterPlugins) {
      if (state.skipFilterPlugins.has(pl.name)) continue;
      const s = pl.preFilterExtensions?.()?.removePod(state, podToSchedule, toRemove, nodeInfo);
      if (!isSuccess(s)) return s!;
    }
    return null;
  }

  /** The first PostFilter that succeeds wins; otherwise the rejections' messages are joined. */
  runPostFilterPlugins(state: CycleState, pod: PodInfo, nodeToStatus: NodeToStatus, numAllNodes: number): { result?: PostFilterResult; status: Status } {
    const reasons: string[] = [];
    let rejector = '';
    let result: PostFilterResult | undefined;
    for (const pl of this.postFilterPlugins) {
      const { result: r, status } = pl.postFilter(state, pod, nodeToStatus, numAllNodes);
      if (isSuccess(status)) return { result: r, status: new Status(Code.Success, [], pl.name) };
      if (status!.code === Code.UnschedulableAndUnresolvable) return { result: r, status: status!.withPlugin(pl.name) };
      if (!status!.isRejected()) return { result: r, status: status!.withPlugin(pl.name) };
      if (r && !result) result = r;
      if (!rejector) rejector = pl.name;
      reasons.push(...status!.reasons);
    }
    return { result, status: new Status(Code.Unschedulable, reasons, rejector) };
  }

  runPreScorePlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null {
    for (const pl of this.preScorePlugins) {
      const status = pl.preScore(state, pod, nodes);
      if (status?.code === Code.Skip) {
        state.skipScorePlugins.add(pl.name);
        continue;
      }
      if (!isSuccess(status)) return errorStatus(`running PreScore plugin "${pl.name}": ${status!.message()}`).withPlugin(pl.name);
    }
    return null;
  }

  /**
   * Raw scores per plugin, normalised to 0–100 where the plugin says how, then weighted and summed per node.
   * Per-plugin breakdowns are kept in flat arrays and turned into PluginScore objects only for the nodes someone
   * looks at (the decision record's top entries), which keeps large clusters cheap.
   */
  runScorePlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): NodePluginScores[] {
    const active = this.scorePlugins.filter((pl) => !state.skipScorePlugins.has(pl.name));
    const n = nodes.length;
    const table: ScoreTable = { plugins: active.map((pl) => pl.name), weights: active.map((pl) => this.weights[pl.name] ?? 1), raw: [], normalized: [] };
    const totals = new Float64Array(n);
    const scores: NodeScore[] = new Array(n);
    for (let i = 0; i < n; i++) scores[i] = { name: nodes[i].name, score: 0 };
    for (let p = 0; p < active.length; p++) {
      const pl = active[p];
      const raw = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = pl.score(state, pod, nodes[i]);
        raw[i] = v;
        scores[i].score = v;
      }
      pl.normalizeScore?.(state, pod, scores);
      const normalized = new Float64Array(n);
      const weight = table.weights[p];
      for (let i = 0; i < n; i++) {
        normalized[i] = scores[i].score;
        totals[i] += scores[i].score * weight;
      }
      table.raw.push(raw);
      table.normalized.push(normalized);
    }
    const out: NodePluginScores[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = new LazyNodePluginScores(nodes[i].name, totals[i], table, i);
    return out;
  }

  hasScorePlugins(): boolean {
    return this.scorePlugins.length > 0;
  }
}

export { CycleState };
