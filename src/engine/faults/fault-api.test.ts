import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';

type Obj = Record<string, any>;

const FAULTS = '/apis/pilothouse.dev/v1alpha1/faults';
const fault = (name: string, spec: Obj) => ({ apiVersion: 'pilothouse.dev/v1alpha1', kind: 'Fault', metadata: { name }, spec });

describe('the Fault API (aggregated, own storage)', () => {
  it('is in discovery and serves create, get, list, watch and delete with its own resourceVersions', () => {
    const c = createCluster({ seed: 2 });
    c.advance(20_000);
    const list = c.request({ method: 'GET', path: '/apis/pilothouse.dev/v1alpha1' });
    expect((list.body as Obj).resources.map((r: Obj) => r.name)).toEqual(['faults', 'faults/status']);

    const events: Obj[] = [];
    c.apiserver.watch({ method: 'GET', path: FAULTS, query: { watch: 'true' }, client: 'test' }, (e) => events.push(e as Obj));
    const created = c.request({ method: 'POST', path: FAULTS, body: fault('k1', { type: 'KubeletStop', target: { kind: 'Node', name: 'worker-1' } }) });
    expect(created.status).toBe(201);
    const body = created.body as Obj;
    expect(body.metadata).toMatchObject({ name: 'k1', generation: 1, resourceVersion: '2' });
    expect(body.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(events).toEqual([]); // watch events arrive on the clock, never during the call
    c.advance(1_000);
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED']); // then the controller's status write
    expect(events[1].object.status.conditions[0]).toMatchObject({ type: 'Active', status: 'True' });

    expect(c.request({ method: 'POST', path: FAULTS, body: fault('k1', { type: 'KubeletStop', target: { kind: 'Node', name: 'worker-1' } }) }).status).toBe(409);
    const got = c.request({ method: 'GET', path: `${FAULTS}/k1` });
    expect((got.body as Obj).status.activeSince).toBeDefined();
    // The spec is what the fault breaks: it cannot change.
    const changed = c.request({ method: 'PATCH', path: `${FAULTS}/k1`, headers: { 'content-type': 'application/merge-patch+json' }, body: { spec: { type: 'NodeDown' } } });
    expect(changed.status).toBe(422);
    expect(c.request({ method: 'DELETE', path: `${FAULTS}/k1` }).status).toBe(200);
    c.advance(1_000);
    expect(events.at(-1)!.type).toBe('DELETED');
    expect(c.request({ method: 'GET', path: `${FAULTS}/k1` }).status).toBe(404);
  });

  it('rejects unknown types and targets with field errors', () => {
    const c = createCluster({ seed: 2 });
    c.advance(20_000);
    const bad = c.request({ method: 'POST', path: FAULTS, body: fault('x', { type: 'Meteor', target: { kind: 'Node', name: 'worker-1' } }) });
    expect(bad.status).toBe(422);
    expect((bad.body as Obj).message).toBe(
      'Fault.pilothouse.dev "x" is invalid: spec.type: Unsupported value: "Meteor": supported values: "NodeDown", "KubeletStop", "KubeProxyStop", "NetworkPartition", "ContainerCrash"',
    );
    const crash = c.request({ method: 'POST', path: FAULTS, body: fault('y', { type: 'ContainerCrash', target: { kind: 'Node', name: 'worker-1' } }) });
    expect((crash.body as Obj).details.causes).toEqual([{ reason: 'FieldValueNotSupported', field: 'spec.target.kind', message: 'Unsupported value: "Node": supported values: "Pod"' }]);
    const ghost = c.request({ method: 'POST', path: FAULTS, body: fault('z', { type: 'ContainerCrash', target: { kind: 'Pod', name: 'nope' } }) });
    expect((ghost.body as Obj).details.causes).toEqual([{ reason: 'FieldValueNotFound', field: 'spec.target.name', message: 'Not found: "default/nope"' }]);
  });

  it('kubectl get faults prints what each fault breaks', () => {
    const c = createCluster({ seed: 2 });
    c.advance(20_000);
    c.apply('{apiVersion: pilothouse.dev/v1alpha1, kind: Fault, metadata: {name: f1}, spec: {type: NodeDown, target: {kind: Node, name: worker-2}}}');
    c.advance(5_000);
    expect(c.kubectl('get faults').stdout).toBe('NAME   TYPE       TARGET          ACTIVE   AGE\nf1     NodeDown   Node/worker-2   True     5s\n');
  });
});
