/**
 * Quota evaluators (pkg/quota/v1/evaluator/core and generic): for each kind, which quota resource names it
 * accounts for, the usage one object charges, the per-object constraints, and the scopes it honours. Shared by
 * the ResourceQuota controller (status.used) and the ResourceQuota admission plugin (rejections).
 */
import type { Pod, ResourceQuota, ScopedResourceSelectorRequirement } from 'kubernetes-types/core/v1';
import { add, maxPerKey, type ResourceList } from './resource-list';
import { parseTime } from '../history/time';

type Obj = Record<string, any>;

export interface Evaluator {
  /** The objects it counts: `{group, plural}`. */
  readonly group: string;
  readonly plural: string;
  /** The subset of `names` this evaluator accounts for. */
  matchingResources(names: readonly string[]): string[];
  /** What one object charges (nowMs: epoch ms, to forgive pods stuck terminating). */
  usage(obj: Obj, nowMs: number): ResourceList;
  /** Why the object is not acceptable to a quota limiting `required` (undefined when it is). */
  constraints(required: readonly string[], obj: Obj): string | undefined;
  /** Whether the quota's scopes select the object (only pods have scopes). */
  matchesScopes(quota: ResourceQuota, obj: Obj): boolean;
  /** Operations that can change usage. */
  handles(operation: 'CREATE' | 'UPDATE'): boolean;
}

/** `count/<plural>` for the core group, `count/<plural>.<group>` otherwise. */
export const objectCountName = (group: string, plural: string) => (group ? `count/${plural}.${group}` : `count/${plural}`);

/** Names the pre-`count/` era gave some core object counts. */
const LEGACY_COUNT_NAMES: Record<string, string> = {
  configmaps: 'configmaps',
  secrets: 'secrets',
  replicationcontrollers: 'replicationcontrollers',
  resourcequotas: 'resourcequotas',
};

const noScopes = (quota: ResourceQuota) => (quota.spec?.scopes ?? []).length === 0 && (quota.spec?.scopeSelector?.matchExpressions ?? []).length === 0;

/** generic.ObjectCountEvaluator: one per object. */
function objectCountEvaluator(group: string, plural: string): Evaluator {
  const names = [objectCountName(group, plural), ...(group === '' && LEGACY_COUNT_NAMES[plural] ? [LEGACY_COUNT_NAMES[plural]] : [])];
  return {
    group,
    plural,
    matchingResources: (input) => input.filter((n) => names.includes(n)),
    usage: () => Object.fromEntries(names.map((n) => [n, '1'])),
    constraints: () => undefined,
    matchesScopes: noScopes,
    handles: (op) => op === 'CREATE',
  };
}

// Pods --------------------------------------------------------------------------------------------------------

const COMPUTE = ['cpu', 'memory', 'ephemeral-storage'];
const POD_RESOURCES = new Set([
  'pods',
  'count/pods',
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
]);
/** Quota names whose presence demands an explicit value on every container. */
const VALIDATION_SET = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

const isPodResource = (n: string) => POD_RESOURCES.has(n) || n.startsWith('hugepages-') || n.startsWith('requests.hugepages-');

/** podComputeUsageHelper: the quota names a set of requests and limits charges. */
function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const out: ResourceList = { pods: '1' };
  for (const r of COMPUTE) {
    if (requests[r] !== undefined) {
      out[r] = requests[r];
      out[`requests.${r}`] = requests[r];
    }
    if (limits[r] !== undefined) out[`limits.${r}`] = limits[r];
  }
  for (const [r, v] of Object.entries(requests)) {
    if (r.startsWith('hugepages-')) {
      out[r] = v;
      out[`requests.${r}`] = v;
    }
  }
  return out;
}

/** resourcehelper.PodRequests / PodLimits: containers summed, init containers as a floor, plus overhead. */
function podResources(pod: Pod, which: 'requests' | 'limits'): ResourceList {
  let total: ResourceList = {};
  for (const c of pod.spec?.containers ?? []) total = add(total, (c.resources?.[which] ?? {}) as ResourceList);
  // Init containers run one at a time before the others: the pod needs the largest of them at least.
  for (const c of pod.spec?.initContainers ?? []) total = maxPerKey(total, (c.resources?.[which] ?? {}) as ResourceList);
  if (pod.spec?.overhead) total = add(total, pod.spec.overhead as ResourceList);
  return total;
}

/** QuotaV1Pod: finished pods, and pods stuck past their deletion grace, no longer charge compute. */
function podCharges(pod: Pod, nowMs: number): boolean {
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return false;
  const ts = pod.metadata?.deletionTimestamp;
  const grace = pod.metadata?.deletionGracePeriodSeconds;
  if (ts && grace != null && nowMs > parseTime(ts) + grace * 1000) return false;
  return true;
}

const isBestEffort = (pod: Pod) =>
  [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].every(
    (c) => !['cpu', 'memory'].some((r) => c.resources?.requests?.[r] !== undefined || c.resources?.limits?.[r] !== undefined),
  );
const isTerminating = (pod: Pod) => pod.spec?.activeDeadlineSeconds != null && pod.spec.activeDeadlineSeconds >= 0;

function podMatchesScope(pod: Pod, sel: ScopedResourceSelectorRequirement): boolean {
  switch (sel.scopeName) {
    case 'Terminating':
      return isTerminating(pod);
    case 'NotTerminating':
      return !isTerminating(pod);
    case 'BestEffort':
      return isBestEffort(pod);
    case 'NotBestEffort':
      return !isBestEffort(pod);
    case 'PriorityClass': {
      const pc = pod.spec?.priorityClassName;
      switch (sel.operator) {
        case 'Exists':
          return !!pc;
        case 'DoesNotExist':
          return !pc;
        case 'In':
          return !!pc && (sel.values ?? []).includes(pc);
        case 'NotIn':
          return !pc || !(sel.values ?? []).includes(pc);
      }
      return false;
    }
    default:
      return false;
  }
}

const podEvaluator: Evaluator = {
  group: '',
  plural: 'pods',
  matchingResources: (input) => input.filter(isPodResource),
  usage(pod, nowMs) {
    // Every stored pod counts toward count/pods; only live ones charge compute and `pods`.
    const result: ResourceList = { 'count/pods': '1' };
    if (!podCharges(pod as Pod, nowMs)) return result;
    return { ...computeUsage(podResources(pod as Pod, 'requests'), podResources(pod as Pod, 'limits')), ...result };
  },
  constraints(required, pod) {
    const requiredSet = required.filter((r) => VALIDATION_SET.has(r));
    const missing = new Map<string, Set<string>>();
    for (const c of [...((pod as Pod).spec?.containers ?? []), ...((pod as Pod).spec?.initContainers ?? [])]) {
      const has = computeUsage((c.resources?.requests ?? {}) as ResourceList, (c.resources?.limits ?? {}) as ResourceList);
      for (const r of requiredSet) {
        if (has[r] !== undefined) continue;
        if (!missing.has(r)) missing.set(r, new Set());
        missing.get(r)!.add(c.name);
      }
    }
    if (missing.size === 0) return undefined;
    const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
    return `must specify ${parts.join('; ')}`;
  },
  matchesScopes(quota, pod) {
    const selectors: ScopedResourceSelectorRequirement[] = [
      ...(quota.spec?.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' })),
      ...(quota.spec?.scopeSelector?.matchExpressions ?? []),
    ];
    return selectors.every((s) => podMatchesScope(pod as Pod, s));
  },
  handles: (op) => op === 'CREATE',
};

// Services ----------------------------------------------------------------------------------------------------

const serviceEvaluator: Evaluator = {
  group: '',
  plural: 'services',
  matchingResources: (input) => input.filter((n) => ['services', 'count/services', 'services.nodeports', 'services.loadbalancers'].includes(n)),
  usage(svc) {
    const type = svc.spec?.type ?? 'ClusterIP';
    const ports = (svc.spec?.ports ?? []).length;
    return {
      services: '1',
      'count/services': '1',
      'services.nodeports': String(type === 'NodePort' || type === 'LoadBalancer' ? ports : 0),
      'services.loadbalancers': String(type === 'LoadBalancer' ? 1 : 0),
    };
  },
  constraints: () => undefined,
  matchesScopes: noScopes,
  handles: () => true,
};

// PersistentVolumeClaims --------------------------------------------------------------------------------------

const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';

const pvcEvaluator: Evaluator = {
  group: '',
  plural: 'persistentvolumeclaims',
  matchingResources: (input) =>
    input.filter(
      (n) =>
        ['persistentvolumeclaims', 'count/persistentvolumeclaims', 'requests.storage'].includes(n) ||
        (n.includes(STORAGE_CLASS_SUFFIX) && (n.endsWith('/requests.storage') || n.endsWith('/persistentvolumeclaims'))),
    ),
  usage(pvc) {
    const out: ResourceList = { persistentvolumeclaims: '1', 'count/persistentvolumeclaims': '1' };
    const storage = pvc.spec?.resources?.requests?.storage;
    if (storage !== undefined) out['requests.storage'] = String(storage);
    const cls = pvc.spec?.storageClassName;
    if (cls) {
      out[`${cls}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`] = '1';
      if (storage !== undefined) out[`${cls}${STORAGE_CLASS_SUFFIX}requests.storage`] = String(storage);
    }
    return out;
  },
  constraints: () => undefined,
  matchesScopes: noScopes,
  handles: () => true,
};

const SPECIAL: Record<string, Evaluator> = { pods: podEvaluator, services: serviceEvaluator, persistentvolumeclaims: pvcEvaluator };

/** The evaluator for objects of a resource (a generic object counter unless it has its own). */
export function evaluatorFor(group: string, plural: string): Evaluator {
  return (group === '' && SPECIAL[plural]) || objectCountEvaluator(group, plural);
}

/**
 * Which objects a quota resource name is about: `{group, plural}`, or undefined for a name no evaluator knows
 * (those are ignored, as upstream ignores unknown hard limits).
 */
export function objectsCountedBy(name: string): { group: string; plural: string } | undefined {
  if (isPodResource(name)) return { group: '', plural: 'pods' };
  if (serviceEvaluator.matchingResources([name]).length) return { group: '', plural: 'services' };
  if (pvcEvaluator.matchingResources([name]).length) return { group: '', plural: 'persistentvolumeclaims' };
  if (LEGACY_COUNT_NAMES[name]) return { group: '', plural: name };
  const m = /^count\/([a-z0-9-]+)(?:\.(.+))?$/.exec(name);
  if (m) return { group: m[2] ?? '', plural: m[1] };
  return undefined;
}

/**
 * CalculateUsage for one quota: for every hard resource, the total charged by the namespace's objects that the
 * quota's scopes select (zero when none).
 */
export function calculateUsage(quota: ResourceQuota, list: (group: string, plural: string) => Obj[], nowMs: number): ResourceList {
  const hard = Object.keys(quota.spec?.hard ?? {});
  const byResource = new Map<string, { group: string; plural: string; names: string[] }>();
  for (const name of hard) {
    const target = objectsCountedBy(name);
    if (!target) continue;
    const key = `${target.group}/${target.plural}`;
    const entry = byResource.get(key) ?? { ...target, names: [] };
    entry.names.push(name);
    byResource.set(key, entry);
  }
  let used: ResourceList = {};
  for (const { group, plural, names } of byResource.values()) {
    const evaluator = evaluatorFor(group, plural);
    let total: ResourceList = Object.fromEntries(names.map((n) => [n, '0']));
    for (const obj of list(group, plural)) {
      if (!evaluator.matchesScopes(quota, obj)) continue;
      const usage = evaluator.usage(obj, nowMs);
      const charged: ResourceList = {};
      for (const n of names) if (usage[n] !== undefined) charged[n] = usage[n];
      total = add(total, charged);
    }
    used = { ...used, ...total };
  }
  return used;
}
