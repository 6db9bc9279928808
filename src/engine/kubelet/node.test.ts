import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster';

type Obj = Record<string, any>;

const leaseRenewTime = (c: Cluster, node: string) => c.get('lease', node, 'kube-node-lease')?.spec.renewTime as string;

describe('nodes and their kubelets', () => {
  it('registers a control-plane node and N workers, Ready, as `kubectl get nodes` shows', () => {
    const c = createCluster({ workers: 3 });
    const out = c.kubectl('get nodes').stdout.split('\n');
    expect(out[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    expect(out[1]).toMatch(/^control-plane\s+Ready\s+control-plane\s+\S+\s+v1\.32\.\d+$/);
    expect(out.slice(2, 5).map((l) => l.split(/\s+/).slice(0, 3).join(' '))).toEqual(['worker-1 Ready <none>', 'worker-2 Ready <none>', 'worker-3 Ready <none>']);
    const cp = c.get('node', 'control-plane') as Obj;
    expect(cp.spec.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(cp.metadata.labels['node-role.kubernetes.io/control-plane']).toBe('');
    const w = c.get('node', 'worker-2') as Obj;
    expect(w.metadata.labels).toMatchObject({ 'kubernetes.io/hostname': 'worker-2', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux' });
    expect(w.spec.podCIDR).toBe('10.244.2.0/24');
    expect(w.status.capacity).toMatchObject({ pods: '110' });
    expect(w.status.allocatable.cpu).toBe(w.status.capacity.cpu);
    expect(w.status.conditions.map((x: Obj) => [x.type, x.status, x.reason])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID'],
      ['Ready', 'True', 'KubeletReady'],
    ]);
    expect(w.status.conditions[3].message).toBe('kubelet is posting ready status');
    expect(w.status.addresses).toEqual([
      { type: 'InternalIP', address: '172.18.0.4' },
      { type: 'Hostname', address: 'worker-2' },
    ]);
    expect(w.status.nodeInfo).toMatchObject({ kubeletVersion: expect.stringMatching(/^v1\.32\./), containerRuntimeVersion: expect.stringMatching(/^containerd:\/\/1\.7\./), operatingSystem: 'linux', architecture: 'amd64' });
    expect(w.status.images.length).toBeGreaterThan(0);
    expect(c.kubectl('get nodes -o wide').stdout).toMatch(/worker-1\s+Ready\s+<none>\s+\S+\s+v1\.32\.\d+\s+172\.18\.0\.3\s+<none>\s+Debian GNU\/Linux 12 \(bookworm\)\s+\S+\s+containerd:\/\/1\.7\.\d+/);
  });

  it('labels zones when asked, and honours the worker count', () => {
    const c = createCluster({ workers: 1 });
    expect(c.list('nodes').map((n) => n.metadata.name)).toEqual(['control-plane', 'worker-1']);
  });

  it('renews each node Lease every 10 s through the API, and stops when the kubelet stops', () => {
    const c = createCluster({ workers: 1 });
    const lease = c.get('lease', 'worker-1', 'kube-node-lease') as Obj;
    expect(lease.spec).toMatchObject({ holderIdentity: 'worker-1', leaseDurationSeconds: 40 });
    expect(lease.metadata.ownerReferences[0]).toMatchObject({ kind: 'Node', name: 'worker-1', uid: c.get('node', 'worker-1')?.metadata.uid });
    const t0 = leaseRenewTime(c, 'worker-1');
    c.advance(9_000);
    expect(leaseRenewTime(c, 'worker-1')).toBe(t0);
    c.advance(1_000);
    expect(leaseRenewTime(c, 'worker-1')).toBe('2025-01-01T00:00:10.000000Z');
    const renewals = c.engine.traffic.recent().filter((r) => r.kind === 'request' && r.from === 'kubelet/worker-1' && r.resource === 'leases' && r.method === 'PUT');
    expect(renewals.length).toBe(1);
    c.nodes.machine('worker-1')?.stopKubelet();
    c.advance(60_000);
    expect(leaseRenewTime(c, 'worker-1')).toBe('2025-01-01T00:00:10.000000Z');
    c.nodes.machine('worker-1')?.startKubelet();
    c.advance(0);
    expect(leaseRenewTime(c, 'worker-1')).toBe('2025-01-01T00:01:10.000000Z');
  });

  it('patches node status only when it changed, and at least every 5 minutes', () => {
    const c = createCluster({ workers: 1 });
    const statusPatches = () => c.engine.traffic.recent().filter((r) => r.kind === 'request' && r.from === 'kubelet/worker-1' && r.resource === 'nodes' && r.subresource === 'status').length;
    // Once the node's own pods have started (their image pulls change status.images), nothing changes: no patches.
    c.advance(120_000);
    const settled = statusPatches();
    c.advance(60_000);
    expect(statusPatches()).toBe(settled);
    // A new image on the node changes status.images.
    c.apply('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  nodeName: worker-1\n  containers: [{name: c, image: "redis:7"}]\n');
    c.advance(20_000);
    expect(statusPatches()).toBe(settled + 1);
    expect(c.get('node', 'worker-1')?.status.images.some((i: Obj) => i.names.includes('docker.io/library/redis:7'))).toBe(true);
    c.advance(300_000);
    expect(statusPatches()).toBe(settled + 2);
  });

  it('shows the control plane as kubeadm static pods mirrored into kube-system', () => {
    const c = createCluster({ workers: 1 });
    c.advance(30_000);
    const pods = c.list('pods', 'kube-system').filter((p) => p.metadata.annotations?.['kubernetes.io/config.mirror']);
    const names = pods.map((p) => p.metadata.name).sort();
    expect(names).toEqual(['cloud-controller-manager-control-plane', 'etcd-control-plane', 'kube-apiserver-control-plane', 'kube-controller-manager-control-plane', 'kube-scheduler-control-plane']);
    const etcd = pods.find((p) => p.metadata.name === 'etcd-control-plane') as Obj;
    expect(etcd.metadata.annotations['kubernetes.io/config.mirror']).toBe(etcd.metadata.annotations['kubernetes.io/config.hash']);
    expect(etcd.metadata.annotations['kubernetes.io/config.source']).toBe('file');
    expect(etcd.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'control-plane', uid: c.get('node', 'control-plane')?.metadata.uid, controller: true }]);
    expect(etcd.spec).toMatchObject({ hostNetwork: true, priorityClassName: 'system-node-critical', nodeName: 'control-plane' });
    expect(etcd.spec.containers[0].command[0]).toBe('etcd');
    expect(etcd.status.podIP).toBe('172.18.0.2');
    const table = c.kubectl('get pods -n kube-system').stdout;
    for (const n of names) expect(table).toMatch(new RegExp(`${n}\\s+1/1\\s+Running\\s+0`));
    // A deleted mirror pod comes back: the static pod still runs on the node.
    c.request({ method: 'DELETE', path: '/api/v1/namespaces/kube-system/pods/kube-scheduler-control-plane' });
    c.advance(1000);
    expect(c.get('pod', 'kube-scheduler-control-plane', 'kube-system')).toBeDefined();
  });

  it('serves container logs through pods/log, with --previous and the apiserver errors', () => {
    const c = createCluster({ workers: 1 });
    c.apply('apiVersion: v1\nkind: Pod\nmetadata: {name: hello}\nspec:\n  nodeName: worker-1\n  containers: [{name: c, image: "busybox:1.36", command: [sh, -c, "echo hello; echo oops >&2; sleep 1; exit 3"]}]\n');
    expect(c.kubectl('logs hello').stderr).toContain('container "c" in pod "hello" is waiting to start: ContainerCreating');
    c.advance(5000);
    expect(c.kubectl('logs hello').stdout).toBe('hello\noops\n');
    expect(c.kubectl('logs hello --previous').stdout).toBe('hello\noops\n');
    expect(c.kubectl('logs hello --tail=1').stdout).toBe('oops\n');
    expect(c.kubectl('logs hello --timestamps').stdout).toMatch(/^2025-01-01T00:00:\d\d\.\d{9}Z hello\n/);
    const res = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/hello/log', query: { container: 'nope' } });
    expect(res.status).toBe(400);
    expect((res.body as Obj).message).toBe('container nope is not valid for pod hello');
  });

  it('keeps containers running when the kubelet dies, and loses them when the machine powers off', () => {
    const c = createCluster({ workers: 1 });
    c.apply('apiVersion: v1\nkind: Pod\nmetadata: {name: s}\nspec:\n  nodeName: worker-1\n  containers: [{name: c, image: "busybox:1.36", command: [sleep, "3600"]}]\n');
    c.advance(5000);
    const machine = c.nodes.machine('worker-1');
    machine?.stopKubelet();
    c.advance(10_000);
    expect(machine?.kubelet?.summary).toBeDefined();
    expect(c.nodes.logs('worker-1', 'default', 's', 'c', {})).toMatchObject({ ok: false, code: 500 });
    machine?.startKubelet();
    c.advance(1000);
    expect(c.get('pod', 's')?.status.containerStatuses[0].restartCount).toBe(0);
    machine?.powerOff();
    expect(machine?.kubelet).toBeUndefined();
    c.advance(60_000);
    machine?.powerOn();
    c.advance(10_000);
    // After a reboot the kubelet finds no container and starts the pod again.
    const cs = c.get('pod', 's')?.status.containerStatuses[0];
    expect(cs.restartCount).toBe(1);
    expect(cs.state.running).toBeDefined();
  });

  it('reports per-container cpu and memory in the stats summary', () => {
    const c = createCluster({ workers: 1 });
    c.apply('apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  nodeName: worker-1\n  containers: [{name: nginx, image: "nginx:1.27"}]\n');
    c.advance(10_000);
    const summary = c.nodes.machine('worker-1')?.kubelet?.summary();
    const pod = summary?.pods.find((p) => p.podRef.name === 'web');
    expect(pod?.containers[0].name).toBe('nginx');
    expect(pod?.containers[0].memory.workingSetBytes).toBeGreaterThan(0);
    expect(pod?.containers[0].cpu.usageNanoCores).toBeGreaterThan(0);
    expect(summary?.node.memory.workingSetBytes).toBeGreaterThan(pod?.memory.workingSetBytes ?? 0);
  });
});
