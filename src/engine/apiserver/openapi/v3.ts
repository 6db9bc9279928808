/**
 * `/openapi/v3`: the discovery index of per-group-version OpenAPI 3.0 documents and the documents themselves,
 * built on demand from the compact paths and definitions the generator extracted from the upstream document.
 * kubectl 1.32 reads them to decide whether the server validates fields (the PATCH `fieldValidation` parameter)
 * and to look up patch metadata for `kubectl apply`.
 */
import pathsJson from './generated/paths.json';
import { allDefinitions, type Schema } from './schema';

interface CompactParam {
  name: string;
  in: string;
  description?: string;
  required?: boolean;
  type?: string;
  uniqueItems?: boolean;
  schema?: Schema;
}

interface CompactOperation {
  id: string;
  d?: string;
  t?: string[];
  a?: string;
  k?: { group: string; version: string; kind: string };
  p?: number[];
  c?: number;
  o?: number;
  /** Response schemas by status code: a definition name, an inline schema, or null. */
  r: Record<string, string | Schema | null>;
}

interface CompactPath {
  path: string;
  p?: number[];
  [method: string]: CompactOperation | string | number[] | undefined;
}

interface CompactPaths {
  params: CompactParam[];
  media: string[][];
  groups: Record<string, CompactPath[]>;
}

const compact = pathsJson as unknown as CompactPaths;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;
const RESPONSE_DESCRIPTION: Record<string, string> = { '200': 'OK', '201': 'Created', '202': 'Accepted', '401': 'Unauthorized' };

export interface OpenApiV3Index {
  paths: Record<string, { serverRelativeURL: string }>;
}

let index: OpenApiV3Index | undefined;
const documents = new Map<string, { doc: unknown; hash: string }>();

/** The group-versions served (`api/v1`, `apis/apps/v1`, …), each with the URL of its document. */
export function openApiV3Index(): OpenApiV3Index {
  if (!index) {
    const paths: OpenApiV3Index['paths'] = {};
    for (const key of Object.keys(compact.groups).sort()) {
      paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${documentFor(key)!.hash}` };
    }
    index = { paths };
  }
  return index;
}

/** The OpenAPI 3.0 document of one group-version (`apis/apps/v1`), or undefined when it is not served. */
export function openApiV3Document(groupVersion: string): unknown {
  return documentFor(groupVersion.replace(/^\/+|\/+$/g, ''))?.doc;
}

function documentFor(key: string): { doc: unknown; hash: string } | undefined {
  const cached = documents.get(key);
  if (cached) return cached;
  const entries = compact.groups[key];
  if (!entries) return undefined;
  const referenced = new Set<string>();
  const paths: Record<string, unknown> = {};
  for (const entry of entries) {
    const item: Record<string, unknown> = {};
    for (const method of METHODS) {
      const op = entry[method];
      if (op && typeof op === 'object' && !Array.isArray(op)) item[method] = operation(op, referenced);
    }
    if (entry.p) item.parameters = entry.p.map((i) => parameter(compact.params[i]));
    paths[entry.path] = item;
  }
  const schemas: Record<string, Schema> = {};
  const queue = [...referenced];
  const defs = allDefinitions();
  while (queue.length) {
    const name = queue.pop()!;
    if (schemas[name] || !defs[name]) continue;
    schemas[name] = toV3Schema(defs[name], queue) as Schema;
  }
  const sorted: Record<string, Schema> = {};
  for (const name of Object.keys(schemas).sort()) sorted[name] = schemas[name];
  const doc = {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'unversioned' },
    paths,
    components: {
      schemas: sorted,
      securitySchemes: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } },
    },
  };
  const result = { doc, hash: hashOf(JSON.stringify(doc)) };
  documents.set(key, result);
  return result;
}

function parameter(p: CompactParam): Record<string, unknown> {
  const out: Record<string, unknown> = { name: p.name, in: p.in };
  if (p.description) out.description = p.description;
  if (p.required) out.required = true;
  const schema: Record<string, unknown> = {};
  if (p.type) schema.type = p.type;
  if (p.uniqueItems) schema.uniqueItems = true;
  out.schema = schema;
  return out;
}

function operation(op: CompactOperation, referenced: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (op.t) out.tags = op.t;
  if (op.d) out.description = op.d;
  out.operationId = op.id;
  const params = (op.p ?? []).map((i) => compact.params[i]);
  const body = params.find((p) => p.in === 'body');
  const rest = params.filter((p) => p.in !== 'body');
  if (rest.length) out.parameters = rest.map(parameter);
  if (body?.schema) {
    const schema = toV3Schema(body.schema, referenced);
    const consumes = op.c !== undefined ? compact.media[op.c] : ['application/json'];
    out.requestBody = { content: Object.fromEntries(consumes.map((m) => [m, { schema }])), required: true };
  }
  const produces = op.o !== undefined ? compact.media[op.o] : ['application/json'];
  const responses: Record<string, unknown> = {};
  for (const [code, r] of Object.entries(op.r)) {
    const response: Record<string, unknown> = { description: RESPONSE_DESCRIPTION[code] ?? '' };
    if (r !== null) {
      const schema = typeof r === 'string' ? toV3Schema({ $ref: `#/definitions/${r}` }, referenced) : toV3Schema(r, referenced);
      response.content = Object.fromEntries(produces.map((m) => [m, { schema }]));
    }
    responses[code] = response;
  }
  out.responses = responses;
  if (op.a) out['x-kubernetes-action'] = op.a;
  if (op.k) out['x-kubernetes-group-version-kind'] = op.k;
  return out;
}

/**
 * A v2 schema in v3 form: refs point into components.schemas, and a ref with sibling fields (a description, patch
 * extensions) is wrapped in `allOf`, as the apiserver's v3 documents do. Collects the referenced definitions.
 */
function toV3Schema(schema: Schema, referenced: Set<string> | string[]): unknown {
  const note = (name: string) => (Array.isArray(referenced) ? referenced.push(name) : referenced.add(name));
  const walk = (s: unknown): unknown => {
    if (Array.isArray(s)) return s.map(walk);
    if (typeof s !== 'object' || s === null) return s;
    const src = s as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(src)) {
      if (k === '$ref' && typeof v === 'string') continue;
      if (k === 'properties' && v && typeof v === 'object') {
        out.properties = Object.fromEntries(Object.entries(v).map(([name, p]) => [name, walk(p)]));
      } else if (k === 'items' || k === 'additionalProperties') out[k] = walk(v);
      else out[k] = v;
    }
    if (typeof src.$ref === 'string') {
      const name = src.$ref.replace('#/definitions/', '');
      note(name);
      const ref = { $ref: `#/components/schemas/${name}` };
      return Object.keys(out).length === 0 ? ref : { ...out, allOf: [ref] };
    }
    return out;
  };
  return walk(schema);
}

/** A stable content hash (sixteen seeded FNV-1a rounds: 128 hex digits like upstream's sha512), for caching by URL. */
function hashOf(text: string): string {
  let out = '';
  for (let seed = 0; seed < 16; seed++) {
    let h = (0x811c9dc5 ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).toUpperCase().padStart(8, '0');
  }
  return out;
}
