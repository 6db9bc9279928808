/**
 * Server-side printing negotiated over HTTP: `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` turns a get,
 * list or watch reply into a meta.k8s.io/v1 Table (the apiserver's transformObject/asTable). The columns and cells
 * come from the printers module; this file decides when a Table is wanted and what goes around the rows.
 */
import { toTable, type IncludeObject, type Table } from '../engine/apiserver/printers';
import { badRequest, type Status } from '../engine/apiserver/status';
import type { WatchEvent } from '../engine/apiserver/types';

type Obj = Record<string, any>;

export interface TableRequest {
  includeObject: IncludeObject;
}

/** What a Table describes: the resource's group and plural. */
export interface TableTarget {
  group: string;
  resource: string;
}

/** True when the Accept header asks for a meta.k8s.io Table (v1 or v1beta1), as `kubectl get` does. */
export function acceptsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((clause) => {
    const params = mediaParams(clause);
    return params.as === 'Table' && params.g === 'meta.k8s.io' && (params.v === 'v1' || params.v === 'v1beta1');
  });
}

function mediaParams(clause: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of clause.split(';').slice(1)) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

/** TableOptions from the query (`includeObject`), validated as ValidateTableOptions does. */
export function tableRequestFrom(query: Record<string, string | undefined>): TableRequest | Status {
  const v = query.includeObject ?? '';
  if (v === '') return { includeObject: 'Metadata' };
  if (v === 'None' || v === 'Metadata' || v === 'Object') return { includeObject: v };
  return badRequest(`includeObject: Unsupported value: "${v}": supported values: "Metadata", "None", "Object"`);
}

/** A list reply (items) or a single object, as a Table carrying the reply's resourceVersion and continue token. */
export function toTableResponse(target: TableTarget, body: Obj, nowMs: number, request: TableRequest, noHeaders = false): Table {
  const isList = Array.isArray(body.items);
  const apiVersion = body.apiVersion;
  const itemKind = isList ? String(body.kind ?? '').replace(/List$/, '') : body.kind;
  // Rows carrying whole objects name their type, as the list items themselves don't.
  const objects: Obj[] = isList
    ? request.includeObject === 'Object'
      ? body.items.map((o: Obj) => ({ kind: itemKind, apiVersion, ...o }))
      : body.items
    : [body];
  const meta = (body.metadata ?? {}) as Obj;
  return toTable(target.group, target.resource, objects, nowMs, {
    includeObject: request.includeObject,
    resourceVersion: meta.resourceVersion === undefined ? undefined : String(meta.resourceVersion),
    continue: isList ? meta.continue : undefined,
    remainingItemCount: isList && typeof meta.remainingItemCount === 'number' ? meta.remainingItemCount : undefined,
    noHeaders,
  });
}

/**
 * Encodes the events of one Table watch: each object becomes a one-row Table and only the first carries
 * columnDefinitions (kubectl reuses them); ERROR events keep their Status.
 */
export class TableWatchEncoder {
  private headersSent = false;

  constructor(
    private readonly target: TableTarget,
    private readonly request: TableRequest,
    private readonly nowMs: () => number,
  ) {}

  encode(event: WatchEvent): WatchEvent {
    if (event.type === 'ERROR') return event;
    const obj = (event.object ?? {}) as Obj;
    const noHeaders = this.headersSent;
    this.headersSent = true;
    if (event.type === 'BOOKMARK') {
      const rv = obj.metadata?.resourceVersion;
      return { type: event.type, object: toTable(this.target.group, this.target.resource, [], this.nowMs(), { resourceVersion: rv, noHeaders }) };
    }
    return { type: event.type, object: toTableResponse(this.target, obj, this.nowMs(), this.request, noHeaders) };
  }
}
