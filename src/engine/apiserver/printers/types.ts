/** meta.k8s.io/v1 Table shapes and the contract each kind's printer fulfils. */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { DOC } from './descriptions';

export interface TableColumnDefinition {
  name: string;
  /** OpenAPI type: string, integer, number, boolean, date. */
  type: string;
  /** `name` marks the column holding the object's name. */
  format: string;
  description: string;
  /** 0 is always shown; higher priorities only with `-o wide`. */
  priority: number;
}

export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface TableRow {
  cells: unknown[];
  object?: unknown;
  conditions?: TableRowCondition[];
}

export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/**
 * How one kind renders: the columns and, per object, the cells. Cells always include the wide (priority ≠ 0)
 * columns, as the apiserver generates tables with Wide set and leaves hiding them to the client.
 */
export interface Printer {
  readonly columns: readonly TableColumnDefinition[];
  // Objects arrive as stored JSON of any served version; each printer reads the fields it needs defensively.
  row(obj: any, nowMs: number): unknown[];
  /** Row conditions (only pods set them: Completed when Succeeded or Failed). */
  conditions?(obj: any): TableRowCondition[] | undefined;
  /** The order a list prints in, when upstream's list printer sorts (flowschemas). */
  compare?(a: any, b: any): number;
}

/** A column definition; `priority` 1 marks wide-only columns. */
export function column(name: string, type: string, description: string, priority = 0, format = ''): TableColumnDefinition {
  return { name, type, format, description, priority };
}

/** The Name column every printer starts with. */
export const NAME_COLUMN = column('Name', 'string', DOC['meta.name'], 0, 'name');
/** The Age column (creationTimestamp rendered as a duration). */
export const AGE_COLUMN = column('Age', 'string', DOC['meta.creationTimestamp']);
/** Wide Containers/Images columns of workload printers. */
export const CONTAINERS_COLUMN = column('Containers', 'string', 'Names of each container in the template.', 1);
export const IMAGES_COLUMN = column('Images', 'string', 'Images referenced by each container in the template.', 1);
