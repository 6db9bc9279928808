#!/usr/bin/env node
// Derives the served resources of Kubernetes 1.32 (GA group/versions, like a default cluster) from the upstream
// OpenAPI v2 document (api/openapi-spec/swagger.json of release-1.32):
//   node scripts/gen-api-resources.mjs path/to/swagger.json > src/engine/apiserver/openapi/generated/resources.json
import { readFileSync } from 'node:fs';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const VERB = { get: 'get', list: 'list', put: 'update', patch: 'patch', delete: 'delete', deletecollection: 'deletecollection', post: 'create', watch: 'watch', connect: 'connect' };
const byKey = new Map();

for (const [path, item] of Object.entries(spec.paths)) {
  if (/\/watch\//.test(path)) continue; // deprecated watch paths; `?watch=true` is what clients use
  const m = path.match(/^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(?:namespaces\/\{namespace\}\/)?([a-z0-9]+)(?:\/\{name\})?(?:\/([a-z]+))?$/);
  if (!m) continue;
  const version = m[1] ?? m[3];
  const group = m[1] ? '' : m[2];
  if (/alpha|beta/.test(version)) continue; // not served by default in 1.32
  const plural = m[4];
  const namespaced = path.includes('/namespaces/{namespace}/');
  const isItem = path.includes('{name}');
  const sub = m[5];
  if (plural === 'namespaces' && path.includes('{namespace}') && !isItem) continue;
  for (const [method, op] of Object.entries(item)) {
    if (typeof op !== 'object' || !op['x-kubernetes-action']) continue;
    const gvk = op['x-kubernetes-group-version-kind'];
    const verb = VERB[op['x-kubernetes-action']];
    if (!verb) continue;
    const key = `${group}/${version}/${plural}`;
    let r = byKey.get(key);
    if (!r) {
      r = { group, version, plural, kind: undefined, namespaced: false, verbs: new Set(), subresources: new Map() };
      byKey.set(key, r);
    }
    // The namespaced path decides the scope; cluster-wide list paths exist for namespaced kinds too.
    if (namespaced) r.namespaced = true;
    if (sub) {
      let s = r.subresources.get(sub);
      if (!s) r.subresources.set(sub, (s = { name: sub, verbs: new Set() }));
      s.verbs.add(verb === 'connect' ? method.toLowerCase() : verb);
      if (gvk) s.kind = { group: gvk.group, version: gvk.version, kind: gvk.kind };
    } else {
      r.verbs.add(verb);
      if (gvk && !r.kind) r.kind = gvk.kind;
    }
    void method;
  }
}

// `namespaces` items live at /api/v1/namespaces/{name}: the regex reads them as cluster-scoped, which they are.
const out = [...byKey.values()]
  .filter((r) => r.kind)
  .map((r) => ({
    group: r.group,
    version: r.version,
    kind: r.kind,
    plural: r.plural,
    namespaced: r.namespaced,
    // `?watch=true` on the list path; the spec only marks the deprecated /watch/ paths.
    verbs: [...r.verbs, ...(r.verbs.has('list') ? ['watch'] : [])].sort(),
    subresources: [...r.subresources.values()].map((s) => ({ name: s.name, verbs: [...s.verbs].sort(), ...(s.kind ? { kind: s.kind } : {}) })),
  }))
  .sort((a, b) => (a.group + '/' + a.version + '/' + a.plural).localeCompare(b.group + '/' + b.version + '/' + b.plural));
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
