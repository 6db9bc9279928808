import { describe, expect, it } from 'vitest';
import type { ObjectSummary } from '../../protocol/messages';
import { countdown, nodeHealth, statusCounts, statusTone } from './node-health';

const fault = (type: string, since: number): ObjectSummary => ({
  key: `/apis/pilothouse.dev/v1alpha1/faults/${type}`,
  kind: 'Fault',
  resource: 'faults',
  group: 'pilothouse.dev',
  name: type,
  uid: type,
  resourceVersion: '1',
  fault: { type, targetKind: 'Node', targetName: 'worker-1', since },
});
const pod = (status: string) => ({ status }) as ObjectSummary;

describe('nodeHealth', () => {
  it('counts down to NotReady (50 s) and to eviction (300 s later) from the fault’s creation', () => {
    const h = nodeHealth([fault('NodeDown', 10_000)], 30_000);
    expect(h).toMatchObject({ kubelet: false, kubeProxy: false, runtime: false, notReadyIn: 30_000, evictionIn: 330_000 });
    expect(nodeHealth([fault('NodeDown', 0)], 400_000)).toMatchObject({ notReadyIn: 0, evictionIn: 0 });
  });

  it('stops only the component a fault names; kube-proxy faults leave heartbeats alone', () => {
    const h = nodeHealth([fault('KubeProxyStop', 0)], 1_000);
    expect(h).toMatchObject({ kubelet: true, kubeProxy: false, runtime: true });
    expect(h.notReadyIn).toBeUndefined();
    expect(nodeHealth([fault('NetworkPartition', 0)], 0)).toMatchObject({ partitioned: true, kubelet: true, notReadyIn: 50_000 });
    expect(nodeHealth([], 0)).toEqual({ kubelet: true, kubeProxy: true, runtime: true, partitioned: false, faults: [] });
  });
});

describe('pod summaries', () => {
  it('groups pods by status, most common first, and colours statuses by family', () => {
    expect(statusCounts([pod('Running'), undefined, pod('Pending'), pod('Running')])).toEqual([['Running', 2], ['Pending', 1]]);
    expect(['Running', 'ContainerCreating', 'CrashLoopBackOff', 'Completed', 'Terminating', 'Init:ErrImagePull'].map(statusTone)).toEqual(['ok', 'wait', 'bad', 'done', 'gone', 'bad']);
    expect(countdown(245_000)).toBe('4m 05s');
    expect(countdown(1)).toBe('1s');
  });
});
