import { describe, expect, it } from 'vitest';
import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { desiredEndpoints } from './desired-endpoints';
import { reconcileSlices } from './slice-reconciler';

const svc: Service = {
  metadata: { name: 'web', namespace: 'default', uid: 'svc-uid', labels: { team: 'a' } },
  spec: { clusterIP: '10.96.0.50', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
};

function pod(i: number, containerPort = 8080, ready = true): Pod {
  return {
    metadata: { name: `web-${i}`, namespace: 'default', uid: `uid-${i}`, labels: { app: 'web' } },
    spec: { nodeName: 'worker-1', containers: [{ name: 'app', ports: [{ name: 'http', containerPort }] }] },
    status: { phase: 'Running', podIP: `10.244.${1 + Math.floor(i / 250)}.${(i % 250) + 2}`, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

const node = () => ({ metadata: { name: 'worker-1', labels: { 'topology.kubernetes.io/zone': 'zone-a' } } });

/** Applies a plan as the apiserver would (names for creates), returning the resulting slices. */
function apply(existing: EndpointSlice[], plan: ReturnType<typeof reconcileSlices>, nextName: () => string): EndpointSlice[] {
  const deleted = new Set(plan.delete.map((s) => s.metadata!.name));
  const updated = new Map(plan.update.map((s) => [s.metadata!.name, s]));
  const out = existing.filter((s) => !deleted.has(s.metadata!.name)).map((s) => updated.get(s.metadata!.name) ?? s);
  for (const s of plan.create) out.push({ ...s, metadata: { ...s.metadata, name: nextName() } });
  return out;
}

describe('EndpointSlice reconciler', () => {
  it('splits 250 endpoints into slices of at most 100, labelled and owned by the Service', () => {
    const desired = desiredEndpoints(svc, Array.from({ length: 250 }, (_, i) => pod(i)), node);
    const plan = reconcileSlices(svc, desired.groups, []);
    expect(plan.create.map((s) => s.endpoints!.length)).toEqual([100, 100, 50]);
    const s = plan.create[0];
    expect(s.metadata).toMatchObject({
      generateName: 'web-',
      labels: { team: 'a', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-uid', controller: true, blockOwnerDeletion: true }],
    });
    expect(s.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(s.endpoints![0]).toEqual({
      addresses: ['10.244.1.2'],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: 'worker-1',
      zone: 'zone-a',
      targetRef: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: 'uid-0' },
    });
  });

  it('changes only the slice holding a changed endpoint, and fills existing slices before creating new ones', () => {
    let n = 0;
    const name = () => `web-${++n}`;
    let pods = Array.from({ length: 150 }, (_, i) => pod(i));
    let slices = apply([], reconcileSlices(svc, desiredEndpoints(svc, pods, node).groups, []), name);
    // One pod turns unready: one update, nothing else.
    pods = pods.map((p, i) => (i === 120 ? pod(120, 8080, false) : p));
    let plan = reconcileSlices(svc, desiredEndpoints(svc, pods, node).groups, slices);
    expect([plan.create.length, plan.update.length, plan.delete.length]).toEqual([0, 1, 0]);
    expect(plan.update[0].endpoints!.find((e) => e.targetRef!.name === 'web-120')!.conditions).toEqual({ ready: false, serving: false, terminating: false });
    slices = apply(slices, plan, name);
    // Ten more pods go into the slice with room (50 + 10), no new slice.
    pods = [...pods, ...Array.from({ length: 10 }, (_, i) => pod(150 + i))];
    plan = reconcileSlices(svc, desiredEndpoints(svc, pods, node).groups, slices);
    expect(plan.create).toHaveLength(0);
    expect(plan.update.map((s) => s.endpoints!.length)).toEqual([60]);
    slices = apply(slices, plan, name);
    // No pods: the slices go, one placeholder stays (reusing a slice rather than deleting all and creating one).
    plan = reconcileSlices(svc, desiredEndpoints(svc, [], node).groups, slices);
    expect(plan.create).toHaveLength(0);
    expect(plan.delete).toHaveLength(1);
    expect(plan.update).toEqual([expect.objectContaining({ endpoints: [], ports: [] })]);
  });

  it('puts pods that resolve a named port differently into separate slices', () => {
    const desired = desiredEndpoints(svc, [pod(0, 8080), pod(1, 9090), pod(2, 8080)], node);
    const plan = reconcileSlices(svc, desired.groups, []);
    expect(plan.create.map((s) => [s.ports![0].port, s.endpoints!.map((e) => e.targetRef!.name)])).toEqual([
      [8080, ['web-0', 'web-2']],
      [9090, ['web-1']],
    ]);
  });
});
