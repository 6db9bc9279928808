/**
 * Fuzzing the apiserver through its front door: random and malformed requests and YAML documents must always be
 * answered with a well-formed object or metav1.Status, never an exception, and the store must stay consistent.
 * Seeded (fast-check), so a failure names the seed that reproduces it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createCluster } from '../cluster';
import type { ApiRequest, HttpMethod } from './types';
import { isStatus } from './status';

type Obj = Record<string, any>;

const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 3000);

const segment = fc.oneof(
  fc.constantFrom('api', 'apis', 'v1', 'apps', 'namespaces', 'default', 'kube-system', 'pods', 'deployments', 'services', 'configmaps', 'nodes', 'status', 'scale', 'binding', 'eviction', 'watch', 'batch', 'jobs', 'x', ''),
  fc.string({ maxLength: 12 }),
);

const knownPaths = fc.constantFrom(
  '/api/v1/namespaces/default/configmaps',
  '/api/v1/namespaces/default/configmaps/a',
  '/api/v1/namespaces/default/pods',
  '/api/v1/namespaces/default/pods/p',
  '/api/v1/namespaces/default/pods/p/status',
  '/api/v1/namespaces/default/pods/p/binding',
  '/api/v1/namespaces/default/pods/p/eviction',
  '/apis/apps/v1/namespaces/default/deployments',
  '/apis/apps/v1/namespaces/default/deployments/web',
  '/apis/apps/v1/namespaces/default/deployments/web/scale',
  '/apis/apps/v1/namespaces/default/deployments/web/status',
  '/api/v1/nodes',
  '/api/v1/nodes/n1',
  '/api/v1/namespaces',
  '/api/v1/namespaces/default',
  '/apis/batch/v1/namespaces/default/jobs',
  '/api/v1/services',
  '/apis',
  '/api',
  '/version',
  '/apis/apps/v1',
);

const path = fc.oneof(knownPaths, fc.array(segment, { maxLength: 8 }).map((s) => '/' + s.join('/')));

const jsonValue = fc.jsonValue({ maxDepth: 4 });

const objectBody = fc.record(
  {
    apiVersion: fc.constantFrom('v1', 'apps/v1', 'batch/v1', 'bogus/v9', ''),
    kind: fc.constantFrom('ConfigMap', 'Pod', 'Deployment', 'Node', 'Namespace', 'Job', 'Service', 'Nope'),
    metadata: fc.oneof(
      fc.record({ name: fc.constantFrom('a', 'p', 'web', 'n1', 'default', 'BAD_NAME', ''), labels: fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })) }, { requiredKeys: [] }),
      jsonValue,
    ),
    spec: jsonValue,
    data: jsonValue,
    status: jsonValue,
  },
  { requiredKeys: [] },
);

const body = fc.oneof(objectBody, jsonValue, fc.string({ maxLength: 40 }), fc.constant(undefined));

const query = fc.dictionary(
  fc.constantFrom('labelSelector', 'fieldSelector', 'limit', 'continue', 'resourceVersion', 'watch', 'dryRun', 'fieldValidation', 'propagationPolicy', 'gracePeriodSeconds'),
  fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('app=web', 'app in (a,b)', 'metadata.name=a', '1', '0', '-5', 'All', 'Strict', 'Foreground', 'true')),
);

const contentType = fc.constantFrom(
  'application/json',
  'application/merge-patch+json',
  'application/json-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
  'text/plain',
  undefined,
);

const request: fc.Arbitrary<ApiRequest> = fc.record({
  method: fc.constantFrom<HttpMethod>('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
  path,
  query,
  body,
  headers: contentType.map((ct) => (ct ? { 'content-type': ct } : {})),
  client: fc.constant('fuzz'),
});

function wellFormed(status: number, res: unknown): boolean {
  if (!Number.isInteger(status) || status < 200 || status > 599) return false;
  if (status >= 400) return isStatus(res) && (res as Obj).code === status && typeof (res as Obj).message === 'string';
  return res !== undefined;
}

function checkStoreConsistency(cluster: ReturnType<typeof createCluster>) {
  const { store } = cluster;
  const { kvs } = store.range('/registry/');
  for (const kv of kvs) {
    const obj = kv.value as Obj;
    // resourceVersion is the revision of the object's last write; uid and name are always set.
    expect(obj.metadata.resourceVersion).toBe(String(kv.modRevision));
    expect(typeof obj.metadata.uid).toBe('string');
    expect(kv.key.endsWith('/' + obj.metadata.name)).toBe(true);
    expect(kv.modRevision).toBeLessThanOrEqual(store.revision);
  }
}

describe('apiserver fuzz', () => {
  it(`answers ${NUM_RUNS} random requests with well-formed objects or Status, and keeps the store consistent`, () => {
    const cluster = createCluster({ seed: 1 });
    let lastRevision = cluster.store.revision;
    fc.assert(
      fc.property(request, (req) => {
        const res = cluster.apiserver.request(req);
        expect(wellFormed(res.status, res.body), JSON.stringify({ req, res }).slice(0, 500)).toBe(true);
        expect(cluster.store.revision).toBeGreaterThanOrEqual(lastRevision);
        lastRevision = cluster.store.revision;
      }),
      { numRuns: NUM_RUNS, seed: 42 },
    );
    checkStoreConsistency(cluster);
  });

  it('answers random watch requests without throwing', () => {
    const cluster = createCluster({ seed: 2 });
    fc.assert(
      fc.property(request, (req) => {
        const handle = cluster.apiserver.watch({ ...req, method: 'GET' }, () => {});
        if ('stop' in handle) handle.stop();
        else expect(wellFormed(handle.status, handle.body)).toBe(true);
      }),
      { numRuns: Math.ceil(NUM_RUNS / 3), seed: 43 },
    );
    // Deliver whatever the watches queued (periodic components keep the clock busy forever, so no runUntilIdle).
    cluster.advance(1_000);
  });

  it('applies random YAML documents without throwing; every outcome is a result or an error line', () => {
    const cluster = createCluster({ seed: 3 });
    const yamlText = fc.oneof(
      fc.string({ maxLength: 200 }),
      objectBody.map((o) => JSON.stringify(o)),
      fc.array(objectBody, { maxLength: 3 }).map((docs) => docs.map((d) => JSON.stringify(d)).join('\n---\n')),
      fc.constantFrom('kind: [', 'a: b: c', '---\n---\n', '- 1\n- 2', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata:\n  k: v\n'),
    );
    fc.assert(
      fc.property(yamlText, (text) => {
        const result = cluster.apply(text);
        if (result.error) expect(result.error).toMatch(/^error: /);
        for (const o of result.outcomes) expect(Boolean(o.action) !== Boolean(o.error)).toBe(true);
      }),
      { numRuns: Math.ceil(NUM_RUNS / 3), seed: 44 },
    );
    checkStoreConsistency(cluster);
  });
});
