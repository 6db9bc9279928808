#!/usr/bin/env node
// Extracts the schema room of Kubernetes 1.32 from the upstream OpenAPI v2 document (api/openapi-spec/swagger.json
// of release-1.32, Apache-2.0) into committed, compact JSON the engine reads at run time:
//   node scripts/gen-openapi-definitions.mjs path/to/swagger.json
// writes src/engine/apiserver/openapi/generated/
//   definitions.json  {name: schema}: the definitions of the GA group/versions a default 1.32 cluster serves (plus
//                     anything they reference), with type, format, $ref, items, additionalProperties, required,
//                     enum, description and every x-kubernetes-* extension.
//   paths.json        the served paths grouped as /openapi/v3 groups them ("api/v1", "apis/apps/v1", …), with
//                     their operations in a compact form (parameters and media types deduplicated into tables);
//                     src/engine/apiserver/openapi/v3.ts turns them back into OpenAPI 3.0 documents.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const outDir = join(dirname(fileURLToPath(import.meta.url)), '../src/engine/apiserver/openapi/generated');
const PRERELEASE = /^v\d+(alpha|beta)\d+$/;

// ---------------------------------------------------------------------------------------------------------------
// Definitions

const KEEP = new Set(['type', 'format', '$ref', 'items', 'additionalProperties', 'required', 'enum', 'description', 'properties']);

function slim(schema) {
  if (Array.isArray(schema)) return schema.map(slim);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'properties') out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, slim(s)]));
    else if (k === 'items' || k === 'additionalProperties') out[k] = typeof v === 'object' ? slim(v) : v;
    else if (KEEP.has(k) || k.startsWith('x-kubernetes-')) out[k] = v;
  }
  return out;
}

const isPrerelease = (name) => name.split('.').some((seg) => PRERELEASE.test(seg));
const wanted = new Set(Object.keys(spec.definitions).filter((n) => !isPrerelease(n)));
// Pull in whatever the GA definitions reference, pre-release or not.
const queue = [...wanted];
while (queue.length) {
  const name = queue.pop();
  JSON.stringify(spec.definitions[name], (k, v) => {
    if (k === '$ref' && typeof v === 'string') {
      const ref = v.replace('#/definitions/', '');
      if (!wanted.has(ref)) {
        wanted.add(ref);
        queue.push(ref);
      }
    }
    return v;
  });
}
const definitions = {};
for (const name of [...wanted].sort()) definitions[name] = slim(spec.definitions[name]);
writeFileSync(join(outDir, 'definitions.json'), JSON.stringify(definitions) + '\n');

// ---------------------------------------------------------------------------------------------------------------
// Paths, grouped the way /openapi/v3 serves them

const servedGroups = new Set(
  Object.keys(spec.paths)
    .map((p) => p.match(/^\/apis\/([^/]+)\/([^/]+)\//))
    .filter((m) => m && !PRERELEASE.test(m[2]))
    .map((m) => m[1]),
);

/** The /openapi/v3 group-version a path belongs to, or undefined when a default 1.32 cluster does not serve it. */
function groupKey(path) {
  const gv = path.match(/^\/apis\/([^/]+)\/([^/]+)\//);
  if (gv) return PRERELEASE.test(gv[2]) ? undefined : `apis/${gv[1]}/${gv[2]}`;
  const group = path.match(/^\/apis\/([^/]+)\/$/);
  if (group) return servedGroups.has(group[1]) ? `apis/${group[1]}` : undefined;
  if (path.startsWith('/api/v1/')) return 'api/v1';
  if (path === '/apis/') return 'apis';
  if (path === '/api/') return 'api';
  if (path.startsWith('/logs/')) return 'logs';
  return path.replace(/^\//, '').replace(/\/$/, '');
}

const tables = { params: [], media: [] };
const indexes = { params: new Map(), media: new Map() };
function intern(table, value) {
  const key = JSON.stringify(value);
  let i = indexes[table].get(key);
  if (i === undefined) {
    i = tables[table].length;
    tables[table].push(value);
    indexes[table].set(key, i);
  }
  return i;
}
const resolveParam = (p) => (p.$ref ? spec.parameters[p.$ref.replace('#/parameters/', '')] : p);
const refName = (s) => (s?.$ref ? s.$ref.replace('#/definitions/', '') : undefined);

function compactOperation(op) {
  const c = { id: op.operationId, d: op.description, t: op.tags };
  if (op['x-kubernetes-action']) c.a = op['x-kubernetes-action'];
  if (op['x-kubernetes-group-version-kind']) c.k = op['x-kubernetes-group-version-kind'];
  if (op.parameters) c.p = op.parameters.map((p) => intern('params', resolveParam(p)));
  if (op.consumes) c.c = intern('media', op.consumes);
  if (op.produces) c.o = intern('media', op.produces);
  // Response schemas: a definition name, an inline schema, or null (401 carries none).
  c.r = Object.fromEntries(Object.entries(op.responses).map(([code, r]) => [code, r.schema ? refName(r.schema) ?? r.schema : null]));
  return c;
}

const groups = {};
for (const [path, item] of Object.entries(spec.paths)) {
  const key = groupKey(path);
  if (!key) continue;
  const entry = { path };
  for (const [method, op] of Object.entries(item)) {
    if (method === 'parameters') entry.p = op.map((p) => intern('params', resolveParam(p)));
    else entry[method] = compactOperation(op);
  }
  (groups[key] ??= []).push(entry);
}
writeFileSync(join(outDir, 'paths.json'), JSON.stringify({ params: tables.params, media: tables.media, groups }) + '\n');
