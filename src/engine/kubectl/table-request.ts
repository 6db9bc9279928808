/**
 * `kubectl get`'s server-side printing request: asks for a meta.k8s.io/v1 Table with kubectl's Accept header.
 * When the reply is a plain object or list (a server that does not answer Table requests), the Table is built
 * client-side with the same printers the apiserver uses, so the output is identical either way.
 */
import { toTable, type Table } from '../apiserver/printers';
import type { ApiResponse } from '../apiserver/types';
import type { Env, Mapping } from './env';
import { collectionUrl, objectUrl } from './env';
import { StatusError, statusOf } from './errors';

type Obj = Record<string, any>;

export const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

export const isTable = (x: unknown): x is Table => typeof x === 'object' && x !== null && (x as Table).kind === 'Table';

/** The Table for a response body: as sent, or converted from an object or list. */
export function asTable(mapping: Mapping, body: unknown, nowMs: number, includeObject: 'Metadata' | 'Object' = 'Metadata'): Table {
  if (isTable(body)) return body;
  const b = body as Obj;
  const r = mapping.resource;
  const items: Obj[] = Array.isArray(b?.items)
    ? (b.items as Obj[]).map((o) => ({ apiVersion: b.apiVersion, kind: r.kind, ...o }))
    : [b];
  return toTable(r.group, r.plural, items, nowMs, { includeObject, resourceVersion: b?.metadata?.resourceVersion });
}

export interface TableQuery {
  namespace?: string;
  name?: string;
  labelSelector?: string;
  fieldSelector?: string;
  includeObject?: 'Object';
}

/** GET one object or a list as a Table (kubectl pages lists with `limit=500`). */
export function requestTable(env: Env, mapping: Mapping, q: TableQuery): Table {
  const r = mapping.resource;
  const query: Record<string, string> = {};
  if (q.name === undefined) {
    if (q.labelSelector) query.labelSelector = q.labelSelector;
    if (q.fieldSelector) query.fieldSelector = q.fieldSelector;
    query.limit = '500';
  }
  if (q.includeObject) query.includeObject = q.includeObject;
  const path = q.name === undefined ? collectionUrl(r, q.namespace) : objectUrl(r, q.namespace ?? '', q.name);
  const res: ApiResponse = env.request({ method: 'GET', path, query, headers: { accept: TABLE_ACCEPT } });
  env.printWarnings(res);
  if (res.status >= 300) throw new StatusError(statusOf(res));
  return asTable(mapping, res.body, env.ctx.nowMs(), q.includeObject ?? 'Metadata');
}
