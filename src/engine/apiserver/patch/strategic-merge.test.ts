import { describe, expect, it } from 'vitest';
import { definitionForKind } from '../openapi/schema';
import { applyStrategicMergePatch } from './strategic-merge';

const podSchema = definitionForKind({ group: '', version: 'v1', kind: 'Pod' });
const deploymentSchema = definitionForKind({ group: 'apps', version: 'v1', kind: 'Deployment' });
const serviceSchema = definitionForKind({ group: '', version: 'v1', kind: 'Service' });

function apply(original: unknown, patch: unknown, schema = podSchema) {
  const r = applyStrategicMergePatch(original, patch, schema);
  if (!r.ok) throw new Error(`unexpected failure: ${r.error}`);
  return r.value as any;
}

const pod = () => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', labels: { app: 'web', tier: 'front' }, finalizers: ['a', 'b'] },
  spec: {
    containers: [
      {
        name: 'app',
        image: 'nginx:1.0',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
      },
      { name: 'sidecar', image: 'busybox' },
    ],
    tolerations: [{ key: 'k1', operator: 'Exists' }],
    volumes: [{ name: 'data', emptyDir: {} }],
  },
});

describe('applyStrategicMergePatch: maps', () => {
  it('merges maps recursively and deletes keys set to null', () => {
    const out = apply(pod(), { metadata: { labels: { tier: null, env: 'prod' } } });
    expect(out.metadata.labels).toEqual({ app: 'web', env: 'prod' });
    expect(out.spec.containers).toHaveLength(2);
  });

  it('never mutates its inputs', () => {
    const original = pod();
    const patch = { metadata: { labels: { tier: null } }, spec: { containers: [{ name: 'app', image: 'nginx:2' }] } };
    const before = JSON.stringify([original, patch]);
    apply(original, patch);
    expect(JSON.stringify([original, patch])).toBe(before);
  });

  it('$patch: replace in a map replaces that map', () => {
    const out = apply(pod(), { metadata: { labels: { $patch: 'replace', only: 'this' } } });
    expect(out.metadata.labels).toEqual({ only: 'this' });
  });

  it('$patch: delete in a map empties it', () => {
    const out = apply(pod(), { metadata: { labels: { $patch: 'delete' } } });
    expect(out.metadata.labels).toEqual({});
  });

  it('rejects an unknown $patch directive in a map with a 500 as upstream', () => {
    const r = applyStrategicMergePatch(pod(), { metadata: { labels: { $patch: 'bogus' } } }, podSchema);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBe('unknown patch type: bogus in map: map[$patch:bogus]');
      expect(r.status.code).toBe(500);
    }
  });

  it('answers a patch that is not an object with 400', () => {
    const r = applyStrategicMergePatch(pod(), [1], podSchema);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'json: cannot unmarshal array into Go value of type map[string]interface {}' });
  });
});

describe('applyStrategicMergePatch: merge lists', () => {
  it('merges containers by name and keeps the others', () => {
    const out = apply(pod(), { spec: { containers: [{ name: 'app', image: 'nginx:2.0' }] } });
    expect(out.spec.containers.map((c: any) => [c.name, c.image])).toEqual([
      ['app', 'nginx:2.0'],
      ['sidecar', 'busybox'],
    ]);
    expect(out.spec.containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
  });

  it('appends new containers and merges env by name and ports by containerPort', () => {
    const out = apply(pod(), {
      spec: {
        containers: [
          { name: 'app', env: [{ name: 'B', value: 'two' }, { name: 'C', value: '3' }], ports: [{ containerPort: 443 }] },
          { name: 'new', image: 'redis' },
        ],
      },
    });
    const app = out.spec.containers.find((c: any) => c.name === 'app');
    expect(app.env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: 'two' },
      { name: 'C', value: '3' },
    ]);
    // Upstream orders patch items the live list does not know ahead of the server-only ones.
    expect(app.ports.map((p: any) => p.containerPort)).toEqual([443, 80]);
    expect(out.spec.containers.map((c: any) => c.name)).toEqual(['app', 'new', 'sidecar']);
  });

  it('merges volumeMounts by mountPath', () => {
    const out = apply(pod(), { spec: { containers: [{ name: 'app', volumeMounts: [{ mountPath: '/data', readOnly: true }, { name: 'x', mountPath: '/x' }] }] } });
    expect(out.spec.containers[0].volumeMounts).toEqual([
      { name: 'data', mountPath: '/data', readOnly: true },
      { name: 'x', mountPath: '/x' },
    ]);
  });

  it('merges service ports by port', () => {
    const svc = { spec: { ports: [{ port: 80, targetPort: 8080, name: 'http' }, { port: 443, name: 'https' }] } };
    const out = apply(svc, { spec: { ports: [{ port: 80, targetPort: 9090 }] } }, serviceSchema);
    expect(out.spec.ports).toEqual([
      { port: 80, targetPort: 9090, name: 'http' },
      { port: 443, name: 'https' },
    ]);
  });

  it('replaces lists without a merge strategy (tolerations)', () => {
    const out = apply(pod(), { spec: { tolerations: [{ key: 'k2', operator: 'Exists' }] } });
    expect(out.spec.tolerations).toEqual([{ key: 'k2', operator: 'Exists' }]);
  });

  it('unions scalar merge lists (finalizers)', () => {
    const out = apply(pod(), { metadata: { finalizers: ['c', 'a'] } });
    expect(out.metadata.finalizers).toEqual(['c', 'a', 'b']);
  });

  it('$patch: delete in a list item removes the matching item', () => {
    const out = apply(pod(), { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } });
    expect(out.spec.containers.map((c: any) => c.name)).toEqual(['app']);
  });

  it('$patch: replace in a list makes the list exactly the patch', () => {
    const out = apply(pod(), { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } });
    expect(out.spec.containers).toEqual([{ name: 'only', image: 'x' }]);
  });

  it('reports a missing merge key as upstream does', () => {
    const r = applyStrategicMergePatch(pod(), { spec: { containers: [{ image: 'nginx' }] } }, podSchema);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBe('map: map[image:nginx] does not contain declared merge key: name');
      expect(r.status.code).toBe(500);
    }
  });

  it('$deleteFromPrimitiveList removes scalars from a merge list', () => {
    const out = apply(pod(), { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } });
    expect(out.metadata.finalizers).toEqual(['b']);
  });

  it('$setElementOrder orders the merged list', () => {
    const out = apply(pod(), {
      spec: {
        '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'app' }],
        containers: [{ name: 'app', image: 'nginx:3' }],
      },
    });
    expect(out.spec.containers.map((c: any) => [c.name, c.image])).toEqual([
      ['sidecar', 'busybox'],
      ['app', 'nginx:3'],
    ]);
  });

  it('$setElementOrder on a scalar list orders it', () => {
    const out = apply(pod(), { metadata: { '$setElementOrder/finalizers': ['b', 'a'] } });
    expect(out.metadata.finalizers).toEqual(['b', 'a']);
  });

  it('rejects a $setElementOrder that is not a list with 400', () => {
    const r = applyStrategicMergePatch(pod(), { metadata: { '$setElementOrderfinalizers': ['a'] } }, podSchema);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.status).toMatchObject({ code: 400, message: 'invalid patch format of setElementOrder list' });
  });
});

describe('applyStrategicMergePatch: $retainKeys', () => {
  const deployment = () => ({
    spec: { replicas: 2, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } },
  });

  it('clears the keys of a retainKeys field that the list omits', () => {
    const out = apply(deployment(), { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, deploymentSchema);
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
    expect(out.spec.replicas).toBe(2);
  });

  it('clears volume sources of a volume (volumes are merge,retainKeys)', () => {
    const out = apply(pod(), { spec: { volumes: [{ name: 'data', $retainKeys: ['configMap', 'name'], configMap: { name: 'cfg' } }] } });
    expect(out.spec.volumes).toEqual([{ name: 'data', configMap: { name: 'cfg' } }]);
  });

  it('rejects a patch setting a key outside $retainKeys with 400', () => {
    const r = applyStrategicMergePatch(deployment(), { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } }, deploymentSchema);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.status).toMatchObject({ code: 400, message: 'invalid patch format of retainKeys' });
  });
});

describe('applyStrategicMergePatch: errors', () => {
  it('names the Go struct when a merged field does not exist', () => {
    const r = applyStrategicMergePatch({ spec: { bogus: { a: 1 } } }, { spec: { bogus: { a: 2 } } }, podSchema);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe('unable to find api field in struct PodSpec for the json field "bogus"');
  });

  it('answers lists of lists with the fixed 422', () => {
    const r = applyStrategicMergePatch(pod(), { metadata: { finalizers: [['x']] } }, podSchema);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBe('list element types are not identical: [[a b] [[x]]]');
    }
    const lol = applyStrategicMergePatch({ metadata: { finalizers: [['a']] } }, { metadata: { finalizers: [['x']] } }, podSchema);
    expect(lol.ok).toBe(false);
    if (!lol.ok) expect(lol.status).toMatchObject({ code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request' });
  });
});
