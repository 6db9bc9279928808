import { Framework, type Nominator } from './framework/framework';
import type { Plugin } from './framework/interface';
import type { ClusterListers } from './framework/listers';
import { NodeResourcesBalancedAllocation } from './plugins/balanced-allocation';
import { DefaultPreemption, type DefaultPreemptionArgs } from './plugins/default-preemption';
import { ImageLocality } from './plugins/image-locality';
import { InterPodAffinity, type InterPodAffinityArgs } from './plugins/inter-pod-affinity';
import { Names } from './plugins/names';
import { NodeAffinity, type NodeAffinityArgs } from './plugins/node-affinity';
import { NodeName } from './plugins/node-name';
import { NodePorts } from './plugins/node-ports';
import { NodeResourcesFit, type NodeResourcesFitArgs } from './plugins/node-resources-fit';
import { NodeUnschedulable } from './plugins/node-unschedulable';
import { PodTopologySpread, type PodTopologySpreadArgs } from './plugins/pod-topology-spread';
import { PrioritySort } from './plugins/priority-sort';
import { SchedulingGates } from './plugins/scheduling-gates';
import { TaintToleration } from './plugins/taint-toleration';
import { VolumeBinding } from './plugins/volume-binding';

/**
 * Score weights of the default profile (apis/config/v1 getDefaultPlugins): the multi-point plugin list enables
 * each plugin at every extension point it implements.
 */
export const DEFAULT_SCORE_WEIGHTS: Readonly<Record<string, number>> = {
  [Names.TaintToleration]: 3,
  [Names.NodeAffinity]: 2,
  [Names.NodeResourcesFit]: 1,
  [Names.PodTopologySpread]: 2,
  [Names.InterPodAffinity]: 2,
  [Names.NodeResourcesBalancedAllocation]: 1,
  [Names.ImageLocality]: 1,
};

export interface PluginArgs {
  NodeAffinity?: NodeAffinityArgs;
  NodeResourcesFit?: NodeResourcesFitArgs;
  InterPodAffinity?: InterPodAffinityArgs;
  PodTopologySpread?: PodTopologySpreadArgs;
  DefaultPreemption?: DefaultPreemptionArgs;
}

export interface ProfileOptions {
  listers?: ClusterListers;
  nominator?: Nominator;
  pluginArgs?: PluginArgs;
  /** Plugin names to leave out of the default list (e.g. `DefaultPreemption`). */
  disabled?: string[];
  /** Override score weights by plugin name. */
  weights?: Record<string, number>;
}

/**
 * The `default-scheduler` profile: the default plugins in upstream's order (VolumeRestrictions, the volume-limit
 * plugins and VolumeZone are not simulated; DefaultBinder binds outside this package).
 */
export function newDefaultFramework(opts: ProfileOptions = {}): Framework {
  const args = opts.pluginArgs ?? {};
  const disabled = new Set(opts.disabled ?? []);
  const fwk = new Framework({ plugins: [], weights: { ...DEFAULT_SCORE_WEIGHTS, ...opts.weights }, listers: opts.listers, nominator: opts.nominator });
  const plugins: Plugin[] = [
    new SchedulingGates(),
    new PrioritySort(),
    new NodeUnschedulable(),
    new NodeName(),
    new TaintToleration(),
    new NodeAffinity(args.NodeAffinity),
    new NodePorts(),
    new NodeResourcesFit(args.NodeResourcesFit),
    new VolumeBinding(fwk),
    new PodTopologySpread(fwk, args.PodTopologySpread),
    new InterPodAffinity(fwk, args.InterPodAffinity),
    new DefaultPreemption(fwk, args.DefaultPreemption),
    new NodeResourcesBalancedAllocation(),
    new ImageLocality(fwk),
  ].filter((p) => !disabled.has(p.name));
  return fwk.withPlugins(plugins);
}
