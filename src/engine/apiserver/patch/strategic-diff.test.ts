import { describe, expect, it } from 'vitest';
import { definitionForKind } from '../openapi/schema';
import { createApplyPatch, createThreeWayMergePatch, createTwoWayMergePatch } from './strategic-diff';
import { applyStrategicMergePatch } from './strategic-merge';
import { applyJsonMergePatch } from './json-merge-patch';

const deploymentSchema = definitionForKind({ group: 'apps', version: 'v1', kind: 'Deployment' });
const podSchema = definitionForKind({ group: '', version: 'v1', kind: 'Pod' });

const file = (over: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'app', image: 'nginx:1.0', env: [{ name: 'A', value: '1' }] }] },
    },
    ...over,
  },
});

/** The live object: the file plus what the server and controllers added. */
const live = (cfg: any, extra: Record<string, unknown> = {}) => ({
  ...cfg,
  metadata: { ...cfg.metadata, uid: 'u1', resourceVersion: '7' },
  spec: { replicas: 1, ...cfg.spec, ...extra },
  status: { replicas: 1, readyReplicas: 1 },
});

describe('createThreeWayMergePatch (kubectl apply)', () => {
  it('is empty when nothing changed', () => {
    const cfg = file();
    expect(createThreeWayMergePatch(cfg, cfg, live(cfg), deploymentSchema)).toEqual({});
  });

  it('preserves fields the file never set (status, replicas changed by kubectl scale)', () => {
    const cfg = file();
    const current = live(cfg, { replicas: 5 });
    const patch = createThreeWayMergePatch(cfg, cfg, current, deploymentSchema);
    expect(patch).toEqual({});
    const applied = applyStrategicMergePatch(current, patch, deploymentSchema);
    expect(applied.ok && (applied.value as any).spec.replicas).toBe(5);
  });

  it('removes live a field removed from the file since the last apply', () => {
    const last = file({ minReadySeconds: 5 });
    const next = file();
    const patch = createThreeWayMergePatch(last, next, live(last), deploymentSchema);
    expect(patch).toEqual({ spec: { minReadySeconds: null } });
  });

  it('sends changed container fields with $setElementOrder, as kubectl 1.32 does', () => {
    const last = file();
    const next = file();
    (next.spec.template.spec.containers[0] as any).image = 'nginx:2.0';
    const patch = createThreeWayMergePatch(last, next, live(last), deploymentSchema);
    expect(patch).toEqual({
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'app' }],
            containers: [{ image: 'nginx:2.0', name: 'app' }],
          },
        },
      },
    });
  });

  it('deletes a removed env var with a $patch: delete item', () => {
    const last = file();
    (last.spec.template.spec.containers[0] as any).env.push({ name: 'B', value: '2' });
    const next = file();
    const current = live(last);
    const patch = createThreeWayMergePatch(last, next, current, deploymentSchema);
    expect(patch).toEqual({
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'app' }],
            containers: [{ '$setElementOrder/env': [{ name: 'A' }], env: [{ $patch: 'delete', name: 'B' }], name: 'app' }],
          },
        },
      },
    });
    const applied = applyStrategicMergePatch(current, patch, deploymentSchema);
    expect(applied.ok && (applied.value as any).spec.template.spec.containers[0].env).toEqual([{ name: 'A', value: '1' }]);
  });

  it('sends $retainKeys when the deployment strategy changes type', () => {
    const last = file({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } });
    const next = file({ strategy: { type: 'Recreate' } });
    const current = live(last);
    const patch = createThreeWayMergePatch(last, next, current, deploymentSchema);
    expect(patch).toEqual({ spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } } });
    const applied = applyStrategicMergePatch(current, patch, deploymentSchema);
    expect(applied.ok && (applied.value as any).spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('uses $deleteFromPrimitiveList for scalars removed from a merge list', () => {
    const last = { metadata: { name: 'p', finalizers: ['a', 'b'] } };
    const next = { metadata: { name: 'p', finalizers: ['a'] } };
    const patch = createThreeWayMergePatch(last, next, last, podSchema);
    expect(patch).toEqual({ metadata: { '$deleteFromPrimitiveList/finalizers': ['b'], '$setElementOrder/finalizers': ['a'] } });
    const applied = applyStrategicMergePatch(last, patch, podSchema);
    expect(applied.ok && (applied.value as any).metadata.finalizers).toEqual(['a']);
  });

  it('keeps a live-added merge-list item the file never had', () => {
    const last = file();
    const current = live(last);
    (current.spec.template.spec.containers as any[]).push({ name: 'injected', image: 'proxy' });
    expect(createThreeWayMergePatch(last, last, current, deploymentSchema)).toEqual({});
  });
});

describe('createTwoWayMergePatch', () => {
  it('round-trips: applying the patch to the original yields the modified object', () => {
    const a = file();
    const b = file({ replicas: 3, strategy: { type: 'Recreate' } });
    (b.spec.template.spec.containers as any[]).unshift({ name: 'init', image: 'busybox' });
    const patch = createTwoWayMergePatch(a, b, deploymentSchema);
    const applied = applyStrategicMergePatch(a, patch, deploymentSchema);
    expect(applied.ok && applied.value).toEqual(b);
  });
});

describe('createApplyPatch for kinds without a schema', () => {
  it('falls back to a three-way JSON merge patch', () => {
    const last = { spec: { a: 1, b: 2, list: [1] } };
    const next = { spec: { a: 1, list: [1, 2] } };
    const current = { spec: { a: 1, b: 2, list: [1], c: 'controller' }, status: { ok: true } };
    const { type, patch } = createApplyPatch(last, next, current, undefined);
    expect(type).toBe('merge');
    expect(patch).toEqual({ spec: { b: null, list: [1, 2] } });
    const applied = applyJsonMergePatch(current, patch);
    expect(applied.ok && applied.value).toEqual({ spec: { a: 1, list: [1, 2], c: 'controller' }, status: { ok: true } });
  });
});
