/**
 * The EndpointSlice reconciler (staging/src/k8s.io/endpointslice/reconciler.go), for IPv4: given the endpoints a
 * Service should have and the slices it has, decide which slices to create, update and delete while moving as
 * few endpoints as possible —
 *   1. keep every existing slice's endpoints that are still desired (updating them in place), drop the rest;
 *   2. top up the slices already being updated, fullest first;
 *   3. put what is left into the unchanged slice that fits it best, else into new slices of at most
 *      `maxEndpointsPerSlice`;
 * and finally turn deletes into updates where a create would otherwise be needed. A Service with no endpoints
 * keeps one empty placeholder slice.
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointSlice } from 'kubernetes-types/discovery/v1';
import { ENDPOINTSLICE_CONTROLLER_NAME, LABEL_HEADLESS, LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from '../../network/resources';
import { isHeadless } from '../../network/service-util';
import { endpointKey, portsKey, type DesiredGroup } from './desired-endpoints';

export const MAX_ENDPOINTS_PER_SLICE = 100;

export interface SlicePlan {
  create: EndpointSlice[];
  update: EndpointSlice[];
  delete: EndpointSlice[];
}

/** setEndpointSliceLabels: the Service's own labels, plus the service-name and managed-by labels. */
export function sliceLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata?.labels ?? {})) {
    if (k === LABEL_SERVICE_NAME || k === LABEL_MANAGED_BY) continue;
    labels[k] = v;
  }
  if (isHeadless(svc)) labels[LABEL_HEADLESS] = '';
  labels[LABEL_SERVICE_NAME] = svc.metadata!.name!;
  labels[LABEL_MANAGED_BY] = ENDPOINTSLICE_CONTROLLER_NAME;
  return labels;
}

/** getEndpointSlicePrefix: `<service>-`, truncated so generated names stay valid. */
export function slicePrefix(serviceName: string): string {
  const prefix = `${serviceName}-`;
  return prefix.length > 58 ? prefix.slice(0, 58) : prefix;
}

function newSlice(svc: Service, group: Pick<DesiredGroup, 'ports'>): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: slicePrefix(svc.metadata!.name!),
      namespace: svc.metadata!.namespace,
      labels: sliceLabels(svc),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata!.name!, uid: svc.metadata!.uid!, controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    endpoints: [],
    ports: group.ports,
  };
}

const sameLabels = (a: Record<string, string> | undefined, b: Record<string, string>) => JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b).sort());

/** EndpointsEqualBeyondHash: everything but the identity (conditions, zone, node, targetRef uid …). */
function endpointEqual(a: Endpoint, b: Endpoint): boolean {
  const norm = (e: Endpoint) =>
    JSON.stringify([e.conditions?.ready ?? null, e.conditions?.serving ?? null, e.conditions?.terminating ?? null, e.zone ?? null, e.nodeName ?? null, e.targetRef?.uid ?? null, e.hints ?? null]);
  return norm(a) === norm(b);
}

const isPlaceholder = (s: EndpointSlice) => (s.ports ?? []).length === 0 && (s.endpoints ?? []).length === 0;

export function reconcileSlices(svc: Service, desired: readonly DesiredGroup[], existing: readonly EndpointSlice[], maxPerSlice = MAX_ENDPOINTS_PER_SLICE): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const labels = sliceLabels(svc);
  const existingByPorts = new Map<string, EndpointSlice[]>();
  for (const s of [...existing].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''))) {
    if (s.addressType !== 'IPv4') {
      plan.delete.push(s);
      continue;
    }
    const key = portsKey(s.ports ?? []);
    existingByPorts.set(key, [...(existingByPorts.get(key) ?? []), s]);
  }

  for (const group of desired) {
    const slices = existingByPorts.get(group.key) ?? [];
    existingByPorts.delete(group.key);
    reconcileGroup(svc, group, slices, labels, maxPerSlice, plan);
  }
  // Port mappings no longer desired.
  for (const slices of existingByPorts.values()) plan.delete.push(...slices);

  // A Service without endpoints keeps one placeholder slice.
  const remaining = existing.length - plan.delete.length;
  if (remaining === 0 && plan.create.length === 0) {
    const placeholder = plan.delete.find((s) => isPlaceholder(s) && s.addressType === 'IPv4');
    if (placeholder) {
      plan.delete = plan.delete.filter((s) => s !== placeholder);
      if (!sameLabels(placeholder.metadata?.labels, labels)) plan.update.push({ ...structuredClone(placeholder), metadata: { ...structuredClone(placeholder.metadata), labels } });
    } else {
      plan.create.push({ ...newSlice(svc, { ports: [] }), ports: [] });
    }
  }

  // finalize: a slice about to be deleted takes the content of one about to be created (one write, not two) —
  // only a slice this very Service owns, so one left by a deleted namesake is never reused.
  const uid = svc.metadata?.uid;
  for (let i = 0; i < plan.delete.length && plan.create.length > 0; ) {
    const from = plan.delete[i];
    if (!from.metadata?.ownerReferences?.some((r) => r.uid === uid) || from.addressType !== 'IPv4') {
      i++;
      continue;
    }
    const to = plan.create.pop()!;
    plan.delete.splice(i, 1);
    plan.update.push({ ...structuredClone(from), metadata: { ...structuredClone(from.metadata!), labels: to.metadata!.labels }, endpoints: to.endpoints, ports: to.ports });
  }
  return plan;
}

function reconcileGroup(svc: Service, group: DesiredGroup, slices: EndpointSlice[], labels: Record<string, string>, maxPerSlice: number, plan: SlicePlan): void {
  const desired = new Map(group.endpoints.map((e) => [endpointKey(e), e]));
  const toUpdate: EndpointSlice[] = [];
  const unchanged: EndpointSlice[] = [];

  // 1. Existing slices keep what is still desired.
  for (const slice of slices) {
    const kept: Endpoint[] = [];
    let changed = false;
    for (const ep of slice.endpoints ?? []) {
      const key = endpointKey(ep);
      const want = desired.get(key);
      if (!want) continue;
      kept.push(want);
      if (!endpointEqual(want, ep)) changed = true;
      desired.delete(key);
    }
    const labelsChanged = !sameLabels(slice.metadata?.labels, labels);
    if (changed || kept.length !== (slice.endpoints ?? []).length) {
      if (kept.length === 0) plan.delete.push(slice);
      else toUpdate.push({ ...structuredClone(slice), metadata: { ...structuredClone(slice.metadata!), labels }, endpoints: kept });
    } else if (labelsChanged) {
      toUpdate.push({ ...structuredClone(slice), metadata: { ...structuredClone(slice.metadata!), labels } });
    } else {
      unchanged.push(slice);
    }
  }

  // 2. Fill the slices being updated anyway, fullest first.
  const pending = [...desired.values()];
  if (pending.length > 0) {
    for (const slice of [...toUpdate].sort((a, b) => (b.endpoints ?? []).length - (a.endpoints ?? []).length)) {
      while (pending.length > 0 && slice.endpoints!.length < maxPerSlice) slice.endpoints!.push(pending.shift()!);
    }
  }

  // 3. The rest: into the unchanged slice that fits best, else new slices.
  while (pending.length > 0) {
    let fill: EndpointSlice | undefined;
    if (pending.length < maxPerSlice && unchanged.length > 0) {
      const fits = unchanged.filter((s) => maxPerSlice - (s.endpoints ?? []).length >= pending.length).sort((a, b) => (b.endpoints ?? []).length - (a.endpoints ?? []).length);
      if (fits[0]) {
        unchanged.splice(unchanged.indexOf(fits[0]), 1);
        fill = structuredClone(fits[0]);
        fill.endpoints = [...(fill.endpoints ?? [])];
        toUpdate.push(fill);
      }
    }
    if (!fill) {
      fill = newSlice(svc, group);
      plan.create.push(fill);
    }
    while (pending.length > 0 && fill.endpoints!.length < maxPerSlice) fill.endpoints!.push(pending.shift()!);
  }
  plan.update.push(...toUpdate);
}
