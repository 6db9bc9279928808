import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';

/** Layout checked against the real kubectl 1.32 (`kubectl top` against `npm run serve`). */
describe('kubectl top', () => {
  const c = createCluster({ seed: 1, workers: 2 });
  c.advance(90_000);
  c.kubectl('kubectl create deployment web --image=nginx --replicas=2');
  c.advance(90_000);

  it('top nodes: millicores, mebibytes and percentages of allocatable, with kubectl’s trailing padding', () => {
    const out = c.kubectl('kubectl top nodes');
    expect(out.exitCode).toBe(0);
    const lines = out.stdout.split('\n').slice(0, -1);
    expect(lines[0]).toMatch(/^NAME {12}CPU\(cores\) {3}CPU\(%\) {3}MEMORY\(bytes\) {3}MEMORY\(%\) {3}$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['control-plane', 'worker-1', 'worker-2']);
    for (const l of lines.slice(1)) expect(l).toMatch(/^\S+\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%\s+$/);
    const sorted = c.kubectl('kubectl top nodes --sort-by=memory --no-headers').stdout.trimEnd().split('\n');
    const mem = sorted.map((l) => Number(/(\d+)Mi/.exec(l)![1]));
    expect([...mem].sort((a, b) => b - a)).toEqual(mem);
  });

  it('top pods: per namespace, -A, --containers, a label selector, and the empty case', () => {
    const ns = c.kubectl('kubectl top pods').stdout.trimEnd().split('\n');
    expect(ns[0]).toMatch(/^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s+$/);
    expect(ns).toHaveLength(3);
    expect(ns[1]).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}\s+\d+m\s+\d+Mi\s+$/);
    const all = c.kubectl('kubectl top pods -A').stdout.split('\n');
    expect(all[0]).toMatch(/^NAMESPACE\s+NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s+$/);
    expect(all.some((l) => l.startsWith('kube-system '))).toBe(true);
    const containers = c.kubectl('kubectl top pod -n kube-system --containers -l k8s-app=kube-dns').stdout.split('\n');
    expect(containers[0]).toMatch(/^POD\s+NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s+$/);
    expect(containers[1]).toMatch(/^coredns-\S+\s+coredns\s+\d+m\s+\d+Mi\s+$/);
    expect(c.kubectl('kubectl top pods -n kube-public').stderr).toBe('No resources found in kube-public namespace.\n');
    expect(c.kubectl('kubectl top nodes --sort-by=disk').stderr).toBe('error: --sort-by accepts only cpu or memory\n');
  });
});
