/**
 * Discovery and the small non-resource endpoints kubectl reads first: /version, /healthz, /readyz, /livez,
 * /api and /apis (aggregated discovery v2 when asked for, as kubectl 1.32 prefers, else the legacy lists),
 * /api/v1 and /apis/<group>/<version> (APIResourceList, which `kubectl drain` reads for pods/eviction).
 */
import type { ApiRequest, ApiResponse } from './types';
import { apiVersionOf, type ResourceInfo, type ResourceRegistry } from './registry';
import { openApiV3Document, openApiV3Index } from './openapi/v3';

const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const JSON_TYPE = 'application/json';

export function discoveryResponse(path: string, req: ApiRequest, registry: ResourceRegistry, gitVersion: string): ApiResponse | undefined {
  const clean = path.replace(/\/+$/, '') || '/';
  switch (clean) {
    case '/version':
      return json(versionInfo(gitVersion));
    case '/healthz':
    case '/livez':
    case '/readyz':
      return { status: 200, body: 'ok', headers: { 'content-type': 'text/plain; charset=utf-8' } };
    case '/api':
      if (wantsAggregated(req)) return aggregated(registry, (g) => g === '');
      return json({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] });
    case '/apis':
      if (wantsAggregated(req)) return aggregated(registry, (g) => g !== '');
      return json(groupList(registry));
  }
  if (clean === '/openapi/v3') return json(openApiV3Index());
  if (clean.startsWith('/openapi/v3/')) {
    const doc = openApiV3Document(clean.slice('/openapi/v3/'.length));
    return doc ? json(doc) : undefined;
  }
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)(?:\/([^/]+))?)$/.exec(clean);
  if (!m) return undefined;
  if (m[1]) return json(resourceList(registry, '', 'v1'));
  const group = m[2];
  const versions = registry.groups().get(group);
  if (!versions) return undefined;
  if (!m[3]) return json({ kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group, versions) });
  if (!versions.includes(m[3])) return undefined;
  return json(resourceList(registry, group, m[3]));
}

function json(body: unknown, contentType = JSON_TYPE): ApiResponse {
  return { status: 200, body, headers: { 'content-type': contentType } };
}

function wantsAggregated(req: ApiRequest): boolean {
  const accept = req.headers?.accept ?? '';
  return accept.includes('as=APIGroupDiscoveryList') && accept.includes('g=apidiscovery.k8s.io') && accept.includes('v=v2');
}

export function versionInfo(gitVersion: string) {
  const [, major, minor] = /^v(\d+)\.(\d+)/.exec(gitVersion) ?? ['', '1', '32'];
  return {
    major,
    minor,
    gitVersion,
    gitCommit: 'pilothouse',
    gitTreeState: 'clean',
    buildDate: '2025-04-22T16:03:00Z',
    goVersion: 'go1.23.8',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

function apiGroup(group: string, versions: string[]) {
  const gv = versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
  return { name: group, versions: gv, preferredVersion: gv[0] };
}

function groupList(registry: ResourceRegistry) {
  const groups = [...registry.groups()].filter(([g]) => g !== '').map(([g, versions]) => apiGroup(g, versions));
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

/** Connect subresources (exec, proxy …) list HTTP methods in the spec; discovery names them as verbs. */
function subresourceVerbs(verbs: string[]): string[] {
  const map: Record<string, string> = { post: 'create', put: 'update', get: 'get', delete: 'delete', patch: 'patch' };
  return [...new Set(verbs.map((v) => map[v] ?? v).filter((v) => v !== 'options' && v !== 'head'))].sort();
}

function resourceList(registry: ResourceRegistry, group: string, version: string) {
  const resources: Record<string, unknown>[] = [];
  for (const r of registry.list().filter((x) => x.group === group && x.version === version)) {
    resources.push({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      ...(r.categories.length ? { categories: r.categories } : {}),
    });
    for (const s of r.subresources) {
      const kind = s.kind ?? { group: r.group, version: r.version, kind: r.kind };
      resources.push({
        name: `${r.plural}/${s.name}`,
        singularName: '',
        namespaced: r.namespaced,
        ...(kind.group !== r.group || kind.version !== r.version ? { group: kind.group, version: kind.version } : {}),
        kind: kind.kind,
        verbs: subresourceVerbs(s.verbs),
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf(group, version), resources };
}

function discoveryResource(r: ResourceInfo) {
  return {
    resource: r.plural,
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
    ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
    ...(r.categories.length ? { categories: r.categories } : {}),
    ...(r.subresources.length
      ? {
          subresources: r.subresources.map((s) => ({
            subresource: s.name,
            responseKind: s.kind ?? { group: r.group, version: r.version, kind: r.kind },
            verbs: subresourceVerbs(s.verbs),
          })),
        }
      : {}),
  };
}

function aggregated(registry: ResourceRegistry, include: (group: string) => boolean): ApiResponse {
  const items = [...registry.groups()]
    .filter(([g]) => include(g))
    .map(([group, versions]) => ({
      metadata: { name: group, creationTimestamp: null },
      versions: versions.map((version) => ({
        version,
        resources: registry
          .list()
          .filter((r) => r.group === group && r.version === version)
          .map(discoveryResource),
        freshness: 'Current',
      })),
    }));
  return json({ kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items }, AGGREGATED_CONTENT_TYPE);
}
