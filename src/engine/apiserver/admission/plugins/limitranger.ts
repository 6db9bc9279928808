/**
 * The LimitRanger admission plugin (plugin/pkg/admission/limitranger), against the LimitRanges of the object's
 * namespace:
 * - mutating (first of the chain): containers and init containers without a request or limit get the
 *   Container-type `defaultRequest` / `default`, and the pod is annotated `kubernetes.io/limit-ranger` saying what
 *   was set;
 * - validating: min, max and maxLimitRequestRatio per Container and per Pod, and min/max storage per
 *   PersistentVolumeClaim, with upstream's messages (several violations are listed as `[a, b]`).
 * Pod updates are not checked (containers' resources are immutable there).
 */
import type { Container, LimitRange, LimitRangeItem, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { compareQuantities, formatQuantity, parseQuantity, type Quantity } from '../quantity';
import { AdmissionForbidden, type PluginContext } from './mutating';

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

type ResourceList = Record<string, string>;

const ZERO: Quantity = { num: 0n, den: 1n, format: 'DecimalSI' };
const q = (v: unknown): Quantity => parseQuantity(String(v ?? '0')) ?? ZERO;
const show = (v: unknown) => formatQuantity(q(v));

function supports(ctx: PluginContext): 'pods' | 'persistentvolumeclaims' | undefined {
  if (ctx.subresource || ctx.resource.group !== '') return undefined;
  if (ctx.resource.plural === 'pods') return ctx.operation === 'CREATE' ? 'pods' : undefined;
  if (ctx.resource.plural === 'persistentvolumeclaims') return 'persistentvolumeclaims';
  return undefined;
}

function limitRanges(ctx: PluginContext, obj: any): LimitRange[] {
  // Objects marked for deletion are left alone.
  if (ctx.oldObject?.metadata?.deletionTimestamp) return [];
  const found = ctx.lookup?.({ group: '', plural: 'limitranges' }, obj?.metadata?.namespace ?? '');
  const list: LimitRange[] = Array.isArray(found) ? found : (found?.items ?? []);
  return [...list].sort((a, b) => String(a.metadata?.name).localeCompare(String(b.metadata?.name)));
}

/** Mutating half: default requests and limits. */
export function limitRangerMutate(ctx: PluginContext, obj: any): void {
  if (supports(ctx) !== 'pods') return;
  for (const lr of limitRanges(ctx, obj)) mergePodDefaults(obj as Pod, containerDefaults(lr));
}

function containerDefaults(lr: LimitRange): { requests: ResourceList; limits: ResourceList } {
  const requests: ResourceList = {};
  const limits: ResourceList = {};
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    Object.assign(requests, item.defaultRequest ?? {});
    Object.assign(limits, item.default ?? {});
  }
  return { requests, limits };
}

function mergeContainer(c: Container, defaults: { requests: ResourceList; limits: ResourceList }, kind: string, notes: string[]): void {
  c.resources ??= {};
  const limits: ResourceList = (c.resources.limits ??= {});
  const requests: ResourceList = (c.resources.requests ??= {});
  const setLimits: string[] = [];
  const setRequests: string[] = [];
  for (const [k, v] of Object.entries(defaults.limits)) {
    if (limits[k] === undefined) {
      limits[k] = v;
      setLimits.push(k);
    }
  }
  for (const [k, v] of Object.entries(defaults.requests)) {
    if (requests[k] === undefined) {
      requests[k] = v;
      setRequests.push(k);
    }
  }
  if (setRequests.length) notes.push(`${setRequests.sort().join(', ')} request for ${kind} ${c.name}`);
  if (setLimits.length) notes.push(`${setLimits.sort().join(', ')} limit for ${kind} ${c.name}`);
  // Empty maps are dropped on the wire (omitempty): keep the stored object as a real apiserver would.
  if (Object.keys(limits).length === 0) delete c.resources.limits;
  if (Object.keys(requests).length === 0) delete c.resources.requests;
}

function mergePodDefaults(pod: Pod, defaults: { requests: ResourceList; limits: ResourceList }): void {
  const notes: string[] = [];
  for (const c of pod.spec?.containers ?? []) mergeContainer(c, defaults, 'container', notes);
  for (const c of pod.spec?.initContainers ?? []) mergeContainer(c, defaults, 'init container', notes);
  if (notes.length === 0) return;
  pod.metadata ??= {};
  pod.metadata.annotations = { ...pod.metadata.annotations, [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
}

/** Validating half. */
export function limitRangerValidate(ctx: PluginContext, obj: any): void {
  const kind = supports(ctx);
  if (!kind) return;
  for (const lr of limitRanges(ctx, obj)) {
    const errs = kind === 'pods' ? validatePod(lr, obj as Pod) : validateClaim(lr, obj as PersistentVolumeClaim);
    if (errs.length === 1) throw new AdmissionForbidden(errs[0]);
    if (errs.length > 1) throw new AdmissionForbidden(`[${errs.join(', ')}]`);
  }
}

function minConstraint(type: string, name: string, enforced: string, request: ResourceList, limit: ResourceList): string | undefined {
  if (request[name] === undefined) return `minimum ${name} usage per ${type} is ${show(enforced)}.  No request is specified`;
  if (compareQuantities(q(request[name]), q(enforced)) < 0) return `minimum ${name} usage per ${type} is ${show(enforced)}, but request is ${show(request[name])}`;
  if (limit[name] !== undefined && compareQuantities(q(limit[name]), q(enforced)) < 0) {
    return `minimum ${name} usage per ${type} is ${show(enforced)}, but limit is ${show(limit[name])}`;
  }
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: string, request: ResourceList, limit: ResourceList): string | undefined {
  if (limit[name] === undefined) return `maximum ${name} usage per ${type} is ${show(enforced)}.  No limit is specified`;
  if (compareQuantities(q(limit[name]), q(enforced)) > 0) return `maximum ${name} usage per ${type} is ${show(enforced)}, but limit is ${show(limit[name])}`;
  if (request[name] !== undefined && compareQuantities(q(request[name]), q(enforced)) > 0) {
    return `maximum ${name} usage per ${type} is ${show(enforced)}, but request is ${show(request[name])}`;
  }
  return undefined;
}

function maxRequestConstraint(type: string, name: string, enforced: string, request: ResourceList): string | undefined {
  if (request[name] === undefined) return `maximum ${name} usage per ${type} is ${show(enforced)}.  No request is specified`;
  if (compareQuantities(q(request[name]), q(enforced)) > 0) return `maximum ${name} usage per ${type} is ${show(enforced)}, but request is ${show(request[name])}`;
  return undefined;
}

/** Go's %f: six decimals. */
const goFloat = (x: number) => x.toFixed(6);

function ratioConstraint(type: string, name: string, enforced: string, request: ResourceList, limit: ResourceList): string | undefined {
  const req = q(request[name]);
  const lim = q(limit[name]);
  if (request[name] === undefined || req.num === 0n) return `${name} max limit to request ratio per ${type} is ${show(enforced)}, but no request is specified or request is 0`;
  if (limit[name] === undefined || lim.num === 0n) return `${name} max limit to request ratio per ${type} is ${show(enforced)}, but no limit is specified or limit is 0`;
  const ratio = Number(lim.num * req.den) / Number(req.num * lim.den);
  const max = Number(q(enforced).num) / Number(q(enforced).den);
  if (ratio > max) return `${name} max limit to request ratio per ${type} is ${show(enforced)}, but provided ratio is ${goFloat(ratio)}`;
  return undefined;
}

function checkItem(item: LimitRangeItem, request: ResourceList, limit: ResourceList, errs: string[]): void {
  const push = (e: string | undefined) => e && errs.push(e);
  for (const [k, v] of Object.entries(item.min ?? {})) push(minConstraint(item.type, k, v, request, limit));
  for (const [k, v] of Object.entries(item.max ?? {})) push(maxConstraint(item.type, k, v, request, limit));
  for (const [k, v] of Object.entries(item.maxLimitRequestRatio ?? {})) push(ratioConstraint(item.type, k, v, request, limit));
}

function sumOf(containers: readonly Container[], which: 'requests' | 'limits'): ResourceList {
  const total = new Map<string, Quantity>();
  for (const c of containers) {
    for (const [k, v] of Object.entries(c.resources?.[which] ?? {})) {
      const cur = total.get(k);
      const add = q(v);
      total.set(k, cur ? { num: cur.num * add.den + add.num * cur.den, den: cur.den * add.den, format: cur.num === 0n ? add.format : cur.format } : add);
    }
  }
  return Object.fromEntries([...total].map(([k, v]) => [k, formatQuantity(v)]));
}

/** Pod-level totals: containers summed, then at least the largest init container. */
function podTotals(pod: Pod, which: 'requests' | 'limits'): ResourceList {
  const total = sumOf(pod.spec?.containers ?? [], which);
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [k, v] of Object.entries(c.resources?.[which] ?? {})) {
      if (total[k] === undefined || compareQuantities(q(v), q(total[k])) > 0) total[k] = v;
    }
  }
  return total;
}

function validatePod(lr: LimitRange, pod: Pod): string[] {
  const errs: string[] = [];
  for (const item of lr.spec?.limits ?? []) {
    if (item.type === 'Container') {
      for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
        checkItem(item, (c.resources?.requests ?? {}) as ResourceList, (c.resources?.limits ?? {}) as ResourceList, errs);
      }
    } else if (item.type === 'Pod') {
      checkItem(item, podTotals(pod, 'requests'), podTotals(pod, 'limits'), errs);
    }
  }
  return errs;
}

function validateClaim(lr: LimitRange, pvc: PersistentVolumeClaim): string[] {
  const errs: string[] = [];
  const requests = (pvc.spec?.resources?.requests ?? {}) as ResourceList;
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    for (const [k, v] of Object.entries(item.min ?? {})) {
      const e = minConstraint(item.type, k, v, requests, {});
      if (e) errs.push(e);
    }
    for (const [k, v] of Object.entries(item.max ?? {})) {
      const e = maxRequestConstraint(item.type, k, v, requests);
      if (e) errs.push(e);
    }
  }
  return errs;
}
