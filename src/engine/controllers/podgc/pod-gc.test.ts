import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster';

type Obj = Record<string, any>;

describe('pod GC', () => {
  it('force-deletes the pods of a deleted node after the 40 s quarantine', () => {
    const c = createCluster({ seed: 9 });
    c.advance(20_000);
    c.apply(`
apiVersion: v1
kind: Pod
metadata:
  name: stranded
spec:
  nodeName: worker-3
  containers:
  - name: app
    image: nginx
`);
    c.advance(20_000);
    expect(c.get('pod', 'stranded')?.status.phase).toBe('Running');
    const seen: Obj[] = [];
    c.apiserver.watch({ method: 'GET', path: '/api/v1/namespaces/default/pods', query: { watch: 'true', fieldSelector: 'metadata.name=stranded' }, client: 'test' }, (e) => seen.push(e as Obj));
    // The machine dies and its Node is deleted (as a cloud controller would): nobody is left to finish the pod.
    c.apply(`{apiVersion: pilothouse.dev/v1alpha1, kind: Fault, metadata: {name: gone}, spec: {type: NodeDown, target: {kind: Node, name: worker-3}}}`);
    c.advance(1_000);
    expect(c.request({ method: 'DELETE', path: '/api/v1/nodes/worker-3' }).status).toBe(200);
    c.advance(39_000);
    expect(c.get('pod', 'stranded')).toBeDefined();
    // Seen missing at the next 20 s pass, confirmed gone 40 s later, deleted on the pass after.
    for (let i = 0; i < 60 && c.get('pod', 'stranded'); i++) c.advance(1_000);
    expect(c.get('pod', 'stranded')).toBeUndefined();
    // It was marked Failed with DisruptionTarget DeletionByPodGC, then deleted.
    const last = seen.filter((e) => e.type === 'MODIFIED').at(-1)!.object;
    expect(last.status.phase).toBe('Failed');
    expect(last.status.conditions.find((x: Obj) => x.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' });
    expect(seen.at(-1)!.type).toBe('DELETED');
    const gcWrites = c.engine.traffic
      .recent()
      .filter((r) => r.kind === 'request' && r.from === 'pod-garbage-collector' && r.name === 'stranded')
      .map((r) => `${r.method} ${r.subresource ?? ''}`.trim());
    expect(gcWrites).toEqual(['PUT status', 'DELETE']);
  });

  it('leaves pods on existing nodes alone', () => {
    const c = createCluster({ seed: 9 });
    c.advance(20_000);
    c.apply(`{apiVersion: v1, kind: Pod, metadata: {name: fine}, spec: {nodeName: worker-1, containers: [{name: app, image: nginx}]}}`);
    c.advance(120_000);
    expect(c.get('pod', 'fine')?.status.phase).toBe('Running');
  });
});
