import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';

type Obj = Record<string, any>;
const ready = (n: Obj | undefined) => n?.status?.conditions?.find((c: Obj) => c.type === 'Ready')?.status;

describe('NodeFleet: nodes joining and leaving', () => {
  it('a new worker registers, becomes Ready and gets its DaemonSet pods; a removed one is deleted and its pods collected and replaced', () => {
    const c = createCluster({ seed: 4 });
    c.advance(30_000);
    expect(c.kubectl('create deployment web --image=nginx --replicas=4').exitCode).toBe(0);
    c.advance(30_000);

    expect(c.nodes.addNode()).toBe('worker-4');
    c.advance(30_000);
    const node = c.get('node', 'worker-4');
    expect(ready(node)).toBe('True');
    expect(node?.spec.podCIDR).toBe('10.244.4.0/24');
    expect(node?.status.addresses).toContainEqual({ type: 'InternalIP', address: '172.18.0.6' });
    const onNew = c.list('pods', '').filter((p) => p.spec.nodeName === 'worker-4').map((p) => p.metadata.name.replace(/-[a-z0-9]{5}$/, ''));
    expect(onNew.sort()).toEqual(['kube-flannel-ds', 'kube-proxy']);
    expect(() => c.nodes.addNode('worker-4')).toThrow('node worker-4 already exists');

    const victims = c.list('pods', 'default').filter((p) => p.spec.nodeName === 'worker-1').map((p) => p.metadata.name);
    expect(victims.length).toBeGreaterThan(0);
    c.nodes.removeNode('worker-1');
    expect(c.get('node', 'worker-1')).toBeUndefined();
    // Pod GC removes pods bound to a node that no longer exists (after its 40 s quarantine); the ReplicaSet replaces them.
    c.advance(90_000);
    const web = c.list('pods', 'default').filter((p) => !p.metadata.deletionTimestamp);
    expect(web.map((p) => p.metadata.name)).not.toEqual(expect.arrayContaining([victims[0]]));
    expect(web.filter((p) => p.status?.phase === 'Running')).toHaveLength(4);
    expect(web.every((p) => p.spec.nodeName !== 'worker-1')).toBe(true);
    expect(() => c.nodes.removeNode('control-plane')).toThrow('the control-plane node cannot be removed');
  });
});
