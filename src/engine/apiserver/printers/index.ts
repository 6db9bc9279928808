/**
 * Server-side printing: the meta.k8s.io/v1 Tables the apiserver answers `kubectl get` with
 * (Accept: application/json;as=Table;v=v1;g=meta.k8s.io). A port of pkg/printers/internalversion (1.32), the
 * printer storage's table conversion and the handler's includeObject policy.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { defaultPrinter } from './default';
import { printerFor } from './registry';
import type { PartialObjectMetadata, Table, TableColumnDefinition, TableRow } from './types';

export type { PartialObjectMetadata, Table, TableColumnDefinition, TableRow, TableRowCondition } from './types';
export { humanDuration, shortHumanDuration } from './duration';
export { parseRfc3339, translateTimestampSince } from './time';
export { quantityString } from './quantity';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  /** What each row carries of its object; kubectl's default request asks for Metadata. */
  includeObject?: IncludeObject;
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
  /** Omit columnDefinitions (TableOptions.noHeaders; watch events after the first). */
  noHeaders?: boolean;
}

const printer = (group: string, resource: string) => printerFor(group, resource) ?? defaultPrinter;

/** The columns of a resource's table, wide ones included; NAME / CREATED AT for kinds without a printer. */
export function columnsFor(group: string, resource: string): TableColumnDefinition[] {
  return printer(group, resource).columns.map((c) => ({ ...c }));
}

/** One object's cells, wide columns included (the server always renders wide; clients hide priority ≠ 0). */
export function rowFor(group: string, resource: string, obj: any, nowMs: number): TableRow['cells'] {
  return printer(group, resource).row(obj, nowMs);
}

/** The rows' object as includeObject asks: nothing, PartialObjectMetadata, or the object itself. */
function rowObject(obj: { metadata?: ObjectMeta }, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  const partial: PartialObjectMetadata = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata ?? {} };
  return partial;
}

/** A full meta.k8s.io/v1 Table for a list (or a single object) of one resource. */
export function toTable(
  group: string,
  resource: string,
  objects: readonly any[],
  nowMs: number,
  opts: TableOptions = {},
): Table {
  const p = printer(group, resource);
  const include = opts.includeObject ?? 'Metadata';
  const ordered = p.compare ? [...objects].sort(p.compare) : objects;
  const rows = ordered.map((obj) => {
    const row: TableRow = { cells: p.row(obj, nowMs) };
    const conditions = p.conditions?.(obj);
    if (conditions?.length) row.conditions = conditions.map((c) => ({ ...c }));
    const object = rowObject(obj, include);
    if (object !== undefined) row.object = object;
    return row;
  });
  const metadata: Table['metadata'] = {};
  if (opts.resourceVersion !== undefined) metadata.resourceVersion = opts.resourceVersion;
  if (opts.continue) metadata.continue = opts.continue;
  if (opts.remainingItemCount !== undefined) metadata.remainingItemCount = opts.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: opts.noHeaders ? [] : columnsFor(group, resource),
    rows,
  };
}
