/**
 * The mutating admission plugins of a default 1.32 kube-apiserver that change what gets stored, in their upstream
 * order: ServiceAccount, DefaultTolerationSeconds, DefaultStorageClass, StorageObjectInUseProtection, Priority,
 * TaintNodesByCondition (plugin/pkg/admission/...). Plugins that need other objects read them through `lookup`.
 */
 
import type { ResourceInfo } from '../../registry';
import { limitRangerMutate } from './limitranger';

/**
 * Reads stored objects for plugins that consult them (PriorityClass, StorageClass, ServiceAccount): with a name the
 * object or undefined; without one, every object (an array, or a list with `items`).
 */
export type Lookup = (resource: { group: string; plural: string }, namespace: string | undefined, name?: string) => any;

function listAll(ctx: PluginContext, resource: { group: string; plural: string }): any[] {
  const list = ctx.lookup?.(resource, undefined);
  return Array.isArray(list) ? list : (list?.items ?? []);
}

export interface PluginContext {
  operation: 'CREATE' | 'UPDATE';
  resource: ResourceInfo;
  subresource?: string;
  oldObject?: any;
  lookup?: Lookup;
}

/** A plugin's refusal: a 403 Forbidden with this message. */
export class AdmissionForbidden extends Error {}

const DEFAULT_TOLERATION_SECONDS = 300;
const BUILTIN_PRIORITY_CLASSES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

const isPod = (ctx: PluginContext) => !ctx.subresource && ctx.resource.group === '' && ctx.resource.plural === 'pods';
const isPodCreate = (ctx: PluginContext) => ctx.operation === 'CREATE' && isPod(ctx);

/**
 * ServiceAccount: a pod without one runs as `default`, which must exist when objects can be looked up (the token
 * volume projection is not simulated).
 */
function serviceAccount(ctx: PluginContext, pod: any): void {
  if (!isPodCreate(ctx)) return;
  // Mirror pods (created by a kubelet) are exempt.
  if (pod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined) return;
  pod.spec ??= {};
  // The deprecated spec.serviceAccount is mirrored from this by conversion (strategy.ts).
  if (!pod.spec.serviceAccountName) pod.spec.serviceAccountName = pod.spec.serviceAccount || 'default';
  const namespace = pod.metadata?.namespace;
  if (ctx.lookup && !ctx.lookup({ group: '', plural: 'serviceaccounts' }, namespace, pod.spec.serviceAccountName)) {
    const name = pod.spec.serviceAccountName;
    throw new AdmissionForbidden(`error looking up service account ${namespace}/${name}: serviceaccount "${name}" not found`);
  }
}

/**
 * DefaultTolerationSeconds: tolerate not-ready and unreachable nodes for 300s unless the pod says otherwise. It runs
 * on updates too, so replacing a pod with its original manifest keeps the tolerations.
 */
function defaultTolerationSeconds(ctx: PluginContext, pod: any): void {
  if (!isPod(ctx)) return;
  pod.spec ??= {};
  const tolerations: any[] = pod.spec.tolerations ?? [];
  const tolerates = (key: string) =>
    tolerations.some((t) => (t.effect === 'NoExecute' || !t.effect) && ((!t.key && t.operator === 'Exists') || t.key === key));
  const added: any[] = [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerates(key)) added.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  if (added.length) pod.spec.tolerations = [...tolerations, ...added];
}

/** Priority: resolve priorityClassName to an integer priority and preemption policy; updates keep the old ones. */
function priority(ctx: PluginContext, pod: any): void {
  if (!isPod(ctx)) return;
  pod.spec ??= {};
  if (ctx.operation === 'UPDATE') {
    pod.spec.priority = ctx.oldObject?.spec?.priority;
    pod.spec.preemptionPolicy = ctx.oldObject?.spec?.preemptionPolicy;
    return;
  }
  let value: number;
  let preemptionPolicy: string | undefined = 'PreemptLowerPriority';
  const name: string | undefined = pod.spec.priorityClassName;
  if (!name) {
    const classes = listAll(ctx, { group: 'scheduling.k8s.io', plural: 'priorityclasses' });
    const global = classes.filter((pc) => pc.globalDefault).sort((a, b) => a.value - b.value)[0];
    value = global?.value ?? 0;
    if (global) {
      preemptionPolicy = global.preemptionPolicy;
      pod.spec.priorityClassName = global.metadata?.name;
    }
  } else {
    const pc = ctx.lookup?.({ group: 'scheduling.k8s.io', plural: 'priorityclasses' }, undefined, name);
    if (pc) {
      value = pc.value;
      preemptionPolicy = pc.preemptionPolicy;
    } else if (name in BUILTIN_PRIORITY_CLASSES) {
      value = BUILTIN_PRIORITY_CLASSES[name];
    } else {
      throw new AdmissionForbidden(`no PriorityClass with name ${name} was found`);
    }
  }
  if (pod.spec.priority != null && pod.spec.priority !== value) {
    throw new AdmissionForbidden(
      `the integer value of priority (${pod.spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`,
    );
  }
  pod.spec.priority = value;
  if (preemptionPolicy) pod.spec.preemptionPolicy = preemptionPolicy;
}

/** DefaultStorageClass: a claim without a class gets the default one, when there is one. */
function defaultStorageClass(ctx: PluginContext, pvc: any): void {
  if (ctx.operation !== 'CREATE' || ctx.subresource || ctx.resource.plural !== 'persistentvolumeclaims' || ctx.resource.group !== '') return;
  pvc.spec ??= {};
  if (pvc.spec.storageClassName != null) return;
  const classes = listAll(ctx, { group: 'storage.k8s.io', plural: 'storageclasses' });
  const defaults = classes.filter((sc) => sc.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true');
  if (defaults.length === 0) return;
  // The newest default wins, ties broken by name.
  defaults.sort(
    (a, b) =>
      String(b.metadata?.creationTimestamp ?? '').localeCompare(String(a.metadata?.creationTimestamp ?? '')) ||
      String(a.metadata?.name).localeCompare(String(b.metadata?.name)),
  );
  pvc.spec.storageClassName = defaults[0].metadata.name;
}

/** StorageObjectInUseProtection: claims and volumes carry a protection finalizer from birth. */
function storageProtection(ctx: PluginContext, obj: any): void {
  if (ctx.operation !== 'CREATE' || ctx.subresource || ctx.resource.group !== '') return;
  const finalizer =
    ctx.resource.plural === 'persistentvolumeclaims' ? 'kubernetes.io/pvc-protection' : ctx.resource.plural === 'persistentvolumes' ? 'kubernetes.io/pv-protection' : undefined;
  if (!finalizer) return;
  obj.metadata ??= {};
  const finalizers: string[] = obj.metadata.finalizers ?? [];
  if (!finalizers.includes(finalizer)) obj.metadata.finalizers = [...finalizers, finalizer];
}

/** TaintNodesByCondition: a new node is not ready until its kubelet says so. */
function taintNodesByCondition(ctx: PluginContext, node: any): void {
  if (ctx.operation !== 'CREATE' || ctx.subresource || ctx.resource.group !== '' || ctx.resource.plural !== 'nodes') return;
  node.spec ??= {};
  const taints: any[] = node.spec.taints ?? [];
  if (taints.some((t) => t.key === 'node.kubernetes.io/not-ready' && t.effect === 'NoSchedule')) return;
  node.spec.taints = [...taints, { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }];
}

// LimitRanger (limitranger.ts) comes first, as in upstream's plugin order.
const PLUGINS = [limitRangerMutate, serviceAccount, defaultTolerationSeconds, defaultStorageClass, storageProtection, priority, taintNodesByCondition];

/** Runs the mutating plugins; throws AdmissionForbidden when one refuses the object. */
export function runMutatingPlugins(ctx: PluginContext, obj: any): void {
  for (const plugin of PLUGINS) plugin(ctx, obj);
}
